#pragma once
/// \file detail/random.hpp
/// Seeded randomness that gives the same numbers on every platform: std::mt19937_64
/// (fully specified by the standard) with our own sampling on top, because the
/// standard distributions (uniform_int_distribution, shuffle, ...) differ between
/// standard libraries.
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace coopmap::detail {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next() { return engine_(); }

    /// Uniform integer in [0, n) by rejection (no modulo bias). n must be > 0.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t x;
        do x = engine_();
        while (x >= limit);
        return x % n;
    }

    /// Uniform double in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

    /// Fisher-Yates shuffle, identical on every platform.
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

    /// k distinct values of [0, n) in random order (partial Fisher-Yates; O(n) memory).
    std::vector<std::uint32_t> sample(std::uint32_t n, std::uint32_t k) {
        std::vector<std::uint32_t> all(n);
        for (std::uint32_t i = 0; i < n; ++i) all[i] = i;
        if (k > n) k = n;
        for (std::uint32_t i = 0; i < k; ++i) std::swap(all[i], all[i + below(n - i)]);
        all.resize(k);
        return all;
    }

private:
    std::mt19937_64 engine_;
};

}  // namespace coopmap::detail
