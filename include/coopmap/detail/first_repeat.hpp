#pragma once
// The first repeated key of a sequence, found by a radix sort of 64-bit hashes.
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace coopmap::detail {

/// The earliest position j whose key equals that of an earlier position i, as {j, i}
/// (i the first occurrence), or {npos, npos} when every key is distinct.
///
/// `hash` maps each key to 64 bits (any quality: they are mixed again here); keys whose
/// mixed hashes agree in their upper 32 bits are compared with ==, so collisions cost
/// time, never correctness. Method: an LSD radix sort of (upper 32 bits, position) in
/// two 16-bit passes, stable, so equal hashes stay in position order; then each run of
/// equal hashes is scanned (10^6 distinct keys give about 116 colliding pairs). O(n)
/// time and 16 bytes per key beyond the keys, where a comparison sort of the keys took
/// O(n log n) (a tenth of a second for 10^6 keys).
template <class Key, class Hash>
std::pair<std::size_t, std::size_t> first_repeat(const std::vector<Key>& keys, Hash hash) {
    constexpr std::size_t npos = static_cast<std::size_t>(-1);
    const std::size_t n = keys.size();
    std::pair<std::size_t, std::size_t> best{npos, npos};
    if (n < 2) return best;
    struct Entry {
        std::uint32_t h;
        std::size_t at;
    };
    std::vector<Entry> a(n), b(n);
    for (std::size_t k = 0; k < n; ++k) {
        std::uint64_t x = static_cast<std::uint64_t>(hash(keys[k]));  // splitmix64's finaliser
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        a[k] = Entry{static_cast<std::uint32_t>((x ^ (x >> 31)) >> 32), k};
    }
    std::vector<std::size_t> count(std::size_t{1} << 16);
    for (int shift = 0; shift < 32; shift += 16) {
        std::fill(count.begin(), count.end(), 0);
        for (const auto& e : a) ++count[(e.h >> shift) & 0xFFFF];
        std::size_t sum = 0;
        for (auto& c : count) sum += std::exchange(c, sum);
        for (const auto& e : a) b[count[(e.h >> shift) & 0xFFFF]++] = e;
        a.swap(b);
    }
    for (std::size_t r = 0; r < n;) {
        std::size_t e = r + 1;
        while (e < n && a[e].h == a[r].h) ++e;
        // a run of equal hashes, in position order: the first repeat within it
        for (std::size_t j = r + 1; j < e; ++j)
            for (std::size_t i = r; i < j; ++i)
                if (keys[a[i].at] == keys[a[j].at]) {
                    if (a[j].at < best.first) best = {a[j].at, a[i].at};
                    j = e - 1;  // later positions of this run come after a[j]: stop
                    break;
                }
        r = e;
    }
    return best;
}

}  // namespace coopmap::detail
