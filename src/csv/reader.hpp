// The streaming RFC 4180 record reader, with exact line tracking (private to src/).
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "coopmap/detail/flat_string_map.hpp"
#include "coopmap/error.hpp"

namespace coopmap::detail {

class CsvReader {
public:
    /// Opens the file and reads the header. Throws parse_error (line 0) when the file
    /// cannot be opened, and (line 1) for an empty file or a bad header.
    explicit CsvReader(std::string path, char delimiter = 0);
    /// Reads from memory: `name` stands for the file name in error messages; `data`
    /// must outlive the reader. Same rules and errors as a file.
    struct from_memory_t {};
    CsvReader(from_memory_t, std::string name, std::string_view data, char delimiter = 0);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    const std::vector<std::string>& header() const noexcept { return header_; }
    /// Column index by name, or npos. O(1) expected.
    std::size_t column(std::string_view name) const noexcept;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    /// Reads the next non-blank record into fields (and quoted flags). Returns false at
    /// the end. Throws parse_error for malformed quoting, invalid UTF-8 and a field
    /// count that differs from the header's.
    bool next(std::vector<std::string>& fields, std::vector<char>& quoted);

    /// Line of the start of the last record read (1 for the header).
    std::size_t line() const noexcept { return record_line_; }
    char delimiter() const noexcept { return delim_; }
    const std::string& path() const noexcept { return path_; }

    /// Throws parse_error at the current record; column is a 0-based index or npos.
    [[noreturn]] void fail(std::size_t column, const std::string& message) const {
        fail_at(record_line_, column, message);
    }
    /// The same at a record read earlier (its line()).
    [[noreturn]] void fail_at(std::size_t line, std::size_t column, const std::string& message) const;

private:
    void init();
    bool read_record(std::vector<std::string>& fields, std::vector<char>& quoted);
    int peek();
    int get();
    bool fill();

    std::string path_;
    std::FILE* file_ = nullptr;
    std::vector<char> buf_;
    const char* data_ = nullptr;  // buf_.data(), or the caller's memory
    std::size_t pos_ = 0, len_ = 0;
    bool eof_ = false;
    char delim_;
    std::size_t line_ = 1;
    std::size_t record_line_ = 1;
    std::vector<std::string> header_;
    FlatStringMap<std::size_t> columns_;  // header name -> index (duplicates refused in O(1) each)
    bool stop_[256] = {};                 // bytes that end an unquoted run: the delimiter, CR, LF, quote
};

/// Offset of the first byte that is not valid UTF-8 (overlongs, surrogates and code
/// points above U+10FFFF rejected), or npos.
std::size_t invalid_utf8_offset(std::string_view s) noexcept;

}  // namespace coopmap::detail
