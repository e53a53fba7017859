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

/// Uniform integer in [0, n) from 64-bit draws next() by rejection (no modulo bias).
/// n must be > 0.
template <class Next>
std::uint64_t draw_below(Next&& next, std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next() { return engine_(); }

    /// Uniform integer in [0, n) by rejection (no modulo bias). n must be > 0.
    std::uint64_t below(std::uint64_t n) {
        return draw_below([this] { return engine_(); }, n);
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

/// SplitMix64 (Steele, Lea & Flood 2014, the seeding generator of xoshiro): 8 bytes of
/// state, so that many independent streams are cheap, e.g. one per cluster whichever
/// thread works on it. stream(seed, k) is the k-th stream of a seed: its state is the
/// SplitMix64 finaliser of seed + finaliser(k), so neighbouring k do not give shifted
/// copies of one sequence. Same sampling as Rng; identical on every platform.
class SplitMix {
public:
    explicit SplitMix(std::uint64_t state) : s_(state) {}
    static SplitMix stream(std::uint64_t seed, std::uint64_t k) { return SplitMix(mix(seed + mix(k))); }

    static std::uint64_t mix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t next() { return mix(s_ += 0x9E3779B97F4A7C15ULL); }

    std::uint64_t below(std::uint64_t n) {
        return draw_below([this] { return next(); }, n);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Fisher-Yates shuffle of [first, last).
    template <class It>
    void shuffle(It first, It last) {
        for (auto i = last - first; i > 1; --i)
            std::swap(first[i - 1], first[static_cast<std::ptrdiff_t>(below(static_cast<std::uint64_t>(i)))]);
    }

private:
    std::uint64_t s_;
};

}  // namespace coopmap::detail
