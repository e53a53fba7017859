#pragma once
/// \file error.hpp
/// The one exception hierarchy of coopmap.
///
///   coopmap::error                 (std::runtime_error)   -> Python coopmap.Error
///   ├── coopmap::input_error       bad argument or data    -> Python ValueError (coopmap.InputError)
///   │   └── coopmap::parse_error   bad file: names file, line, column -> coopmap.CsvError
///   ├── coopmap::not_found         unknown structure id     -> Python KeyError (coopmap.NotFoundError)
///   ├── coopmap::storage_error     database problems        -> coopmap.StorageError
///   └── coopmap::interrupted       a long computation stopped on request (Ctrl-C) -> KeyboardInterrupt
#include <cstddef>
#include <stdexcept>
#include <string>

namespace coopmap {

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A bad argument or bad data (a ValueError in Python).
class input_error : public error {
public:
    using error::error;
};

/// A bad input file. what() reads "FILE, line L, column C (NAME): message".
/// line is 1-based (the header is line 1); column is 1-based, 0 when the error
/// concerns the whole record; column_name is empty when unknown.
class parse_error : public input_error {
public:
    parse_error(std::string file, std::size_t line, std::size_t column, std::string column_name,
                const std::string& message)
        : input_error(format(file, line, column, column_name, message)),
          file_(std::move(file)),
          line_(line),
          column_(column),
          column_name_(std::move(column_name)),
          message_(message) {}

    const std::string& file() const noexcept { return file_; }
    std::size_t line() const noexcept { return line_; }
    std::size_t column() const noexcept { return column_; }
    const std::string& column_name() const noexcept { return column_name_; }
    /// The message without the location prefix.
    const std::string& message() const noexcept { return message_; }

private:
    static std::string format(const std::string& file, std::size_t line, std::size_t column,
                              const std::string& column_name, const std::string& message) {
        std::string s = file.empty() ? std::string("<input>") : file;
        if (line > 0) s += ", line " + std::to_string(line);
        if (column > 0) {
            s += ", column " + std::to_string(column);
            if (!column_name.empty()) s += " (" + column_name + ")";
        }
        return s + ": " + message;
    }
    std::string file_;
    std::size_t line_;
    std::size_t column_;
    std::string column_name_;
    std::string message_;
};

/// An unknown structure id or alias (a KeyError in Python).
class not_found : public error {
public:
    explicit not_found(std::string key, const std::string& message) : error(message), key_(std::move(key)) {}
    const std::string& key() const noexcept { return key_; }

private:
    std::string key_;
};

/// A problem with an inventory database (coopmap.StorageError in Python).
class storage_error : public error {
public:
    using error::error;
};

/// A long computation stopped because the host asked (Python: Ctrl-C, raised as
/// KeyboardInterrupt). See detail/interrupt.hpp.
class interrupted : public error {
public:
    interrupted() : error("interrupted") {}
};

}  // namespace coopmap
