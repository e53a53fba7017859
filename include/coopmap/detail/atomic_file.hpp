#pragma once
/// \file detail/atomic_file.hpp
/// A file written to a temporary file beside its target and renamed over it on
/// commit(), so an existing file is never left half-written. Used by every writer
/// (CSV, maps, exports). Errors throw input_error naming the path.
///
/// The temporary file has a unique name (`<target>.coopmap-tmp.XXXXXX`) and is created
/// exclusively (O_CREAT | O_EXCL | O_NOFOLLOW, so a symlink planted at that name is
/// never followed), in the target's folder so that rename() is atomic. Concurrent writers of
/// one path each write their own temporary file: the target ends as one complete
/// version, never a mix. rename() replaces a symlink at the target itself, it does not
/// write through it. The file gets the permissions a plain fopen() would give (0666
/// minus the umask). POSIX.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "coopmap/error.hpp"

namespace coopmap::detail {

/// Throws input_error when a path cannot name a file: empty, or holding a NUL byte (the
/// C library would silently cut it there and write somewhere else).
inline void check_path(const std::string& path) {
    if (path.empty()) throw input_error("path must not be empty");
    if (path.find('\0') != std::string::npos)
        throw input_error("path '" + path.substr(0, path.find('\0')) + "\\0...' contains a NUL byte");
}

class AtomicFile {
public:
    explicit AtomicFile(std::string path) : path_(std::move(path)) {
        check_path(path_);
        int fd = -1;
        for (int attempt = 0; fd < 0; ++attempt) {
            tmp_ = path_ + ".coopmap-tmp." + unique_suffix();
            // the mode 0666 goes through the umask, as a plain fopen(); O_EXCL never
            // follows a symlink, even one planted at this very name
            fd = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
            if (fd < 0 && (errno != EEXIST || attempt == 99))
                throw input_error(path_ + ": cannot write: " + std::strerror(errno));
        }
        f_ = ::fdopen(fd, "wb");
        if (!f_) {
            const int e = errno;
            ::close(fd);
            ::unlink(tmp_.c_str());
            throw input_error(path_ + ": cannot write: " + std::strerror(e));
        }
    }
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile() {
        if (f_) {
            std::fclose(f_);
            ::unlink(tmp_.c_str());
        }
    }
    void write(std::string_view s) {
        if (std::fwrite(s.data(), 1, s.size(), f_) != s.size())
            throw input_error(path_ + ": write failed: " + std::strerror(errno));
    }
    void commit() {
        bool ok = std::fflush(f_) == 0;
        int e = ok ? 0 : errno;
        if (std::fclose(f_) != 0 && ok) {
            ok = false;
            e = errno;
        }
        f_ = nullptr;
        if (ok && std::rename(tmp_.c_str(), path_.c_str()) != 0) {
            ok = false;
            e = errno;
        }
        if (!ok) {
            ::unlink(tmp_.c_str());
            throw input_error(path_ + ": cannot write: " + std::strerror(e));
        }
    }

private:
    /// 16 hex digits from the process id, a per-process counter and the clock: unique
    /// among concurrent writers (O_EXCL settles any collision by a retry).
    static std::string unique_suffix() {
        static std::atomic<std::uint64_t> counter{0};
        std::uint64_t x = (static_cast<std::uint64_t>(::getpid()) << 32) ^ counter.fetch_add(1) ^
                          static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
        x ^= x >> 33;  // splitmix-style finaliser: spread the bits over the 16 digits
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
        return buf;
    }

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
