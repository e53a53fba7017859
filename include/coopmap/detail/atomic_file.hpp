#pragma once
/// \file detail/atomic_file.hpp
/// A file written to a temporary file beside its target and renamed over it on
/// commit(), so an existing file is never left half-written. Used by every writer
/// (CSV, maps, exports). Errors throw input_error naming the path.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "coopmap/error.hpp"

namespace coopmap::detail {

class AtomicFile {
public:
    explicit AtomicFile(std::string path) : path_(std::move(path)), tmp_(path_ + ".coopmap-tmp") {
        f_ = std::fopen(tmp_.c_str(), "wb");
        if (!f_) throw input_error(path_ + ": cannot write: " + std::strerror(errno));
    }
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile() {
        if (f_) {
            std::fclose(f_);
            std::remove(tmp_.c_str());
        }
    }
    void write(std::string_view s) {
        if (std::fwrite(s.data(), 1, s.size(), f_) != s.size())
            throw input_error(path_ + ": write failed: " + std::strerror(errno));
    }
    void commit() {
        const bool ok = std::fflush(f_) == 0;
        std::fclose(f_);
        f_ = nullptr;
        if (!ok || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
            std::remove(tmp_.c_str());
            throw input_error(path_ + ": cannot write: " + std::strerror(errno));
        }
    }

private:
    std::string path_, tmp_;
    std::FILE* f_ = nullptr;
};

/// Writes a whole text atomically.
inline void write_file_atomic(const std::string& path, std::string_view text) {
    AtomicFile f(path);
    f.write(text);
    f.commit();
}

}  // namespace coopmap::detail
