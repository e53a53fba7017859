#pragma once
/// \file
/// A string-keyed hash map with open addressing, for the hot name lookups of the importers
/// (a million partner names resolved per survey wave).
///
/// std::unordered_map reaches a key through its bucket array, the node before the bucket's
/// first node and the node itself, comparing the key string of every node on the way:
/// three or four cache misses per lookup once the table outgrows the cache. Here a lookup
/// reads one 8-byte slot (32 bits of the hash and the entry number; linear probing, load
/// factor <= 1/2) and compares the key string only when those 32 bits match: about two
/// misses. Entries are kept in insertion order; keys are never removed.
#include <cstdint>
#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coopmap::detail {

template <class V>
class FlatStringMap {
public:
    using Entry = std::pair<std::string, V>;

    std::size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    /// Entries in insertion order.
    const std::vector<Entry>& entries() const noexcept { return entries_; }

    void clear() noexcept {
        entries_.clear();
        std::fill(slots_.begin(), slots_.end(), 0);
    }

    void reserve(std::size_t n) {
        entries_.reserve(n);
        if (2 * n > slots_.size()) rehash(2 * n);
    }

    /// The value of key, nullptr when absent. The pointer is valid until the next insertion.
    const V* find(std::string_view key) const noexcept { return find(key, hash(key)); }
    /// The same with the key's hash(key) at hand.
    const V* find(std::string_view key, std::size_t h) const noexcept {
        if (slots_.empty()) return nullptr;
        const auto k = static_cast<std::uint32_t>(slots_[probe(key, h)]);
        return k == 0 ? nullptr : &entries_[k - 1].second;
    }
    static std::size_t hash(std::string_view key) noexcept { return std::hash<std::string_view>{}(key); }

    /// Software prefetching for a run of lookups (each a cache miss in a large map): the
    /// slot of hash h first, then, once it has arrived, the entry it names. Hints only.
    void prefetch_slot(std::size_t h) const noexcept {
        if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask_]);
    }
    void prefetch_entry(std::size_t h) const noexcept {
        if (slots_.empty()) return;
        const auto slot = slots_[h & mask_];
        if (const auto k = static_cast<std::uint32_t>(slot); k != 0) __builtin_prefetch(&entries_[k - 1]);
    }
    V* find(std::string_view key) noexcept { return const_cast<V*>(std::as_const(*this).find(key)); }

    /// Inserts key -> value unless key is there; returns the stored value and whether it
    /// was inserted (as std::unordered_map::emplace).
    std::pair<V*, bool> emplace(std::string_view key, V value) {
        if (2 * (entries_.size() + 1) > slots_.size()) rehash(std::max<std::size_t>(16, 4 * (entries_.size() + 1)));
        const auto h = std::hash<std::string_view>{}(key);
        auto& slot = slots_[probe(key, h)];
        if (const auto k = static_cast<std::uint32_t>(slot)) return {&entries_[k - 1].second, false};
        entries_.emplace_back(std::string(key), std::move(value));
        slot = pack(h, entries_.size());
        return {&entries_.back().second, true};
    }

private:
    /// A slot: the hash's upper 32 bits, then the entry number (from 1).
    static std::uint64_t pack(std::size_t h, std::size_t entry) noexcept {
        return (static_cast<std::uint64_t>(h >> 32) << 32) | static_cast<std::uint32_t>(entry);
    }
    /// The slot holding key (hash h), else the empty slot where it would go.
    std::size_t probe(std::string_view key, std::size_t h) const noexcept {
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const auto slot = slots_[i];
            const auto k = static_cast<std::uint32_t>(slot);
            if (k == 0 || (static_cast<std::uint32_t>(slot >> 32) == tag && entries_[k - 1].first == key)) return i;
        }
    }
    void rehash(std::size_t want) {
        std::size_t cap = 16;
        while (cap < want) cap *= 2;
        slots_.assign(cap, 0);
        mask_ = cap - 1;
        for (std::size_t k = 0; k < entries_.size(); ++k) {
            const auto h = std::hash<std::string_view>{}(entries_[k].first);
            std::size_t i = h & mask_;
            while (slots_[i] != 0) i = (i + 1) & mask_;
            slots_[i] = pack(h, k + 1);
        }
    }

    std::vector<Entry> entries_;
    std::vector<std::uint64_t> slots_;  // (hash >> 32) << 32 | (entry number + 1); 0: empty
    std::size_t mask_ = 0;
};

}  // namespace coopmap::detail
