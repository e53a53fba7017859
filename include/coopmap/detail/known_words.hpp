#pragma once
/// \file detail/known_words.hpp
/// The tail of a "no such word" message: the known words, closest to the misspelt one
/// first (so that `legal_famly` suggests `legal_family` before anything else).
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coopmap::detail {

/// Optimal string alignment distance (Levenshtein with adjacent transpositions) between
/// two byte strings, case-insensitive for ASCII. O(|a| |b|) time, O(|b|) memory; the
/// words compared are attribute names and codes, so both are short.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    auto low = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = low(a[i - 1]) == low(b[j - 1]) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) && low(a[i - 2]) == low(b[j - 1]))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

/// " (known: w1, w2, ...)" listing the distinct known words, closest to `word` first (ties
/// in the order given), at most `most` of them and "..." after; " (none is known)" when
/// there is none. Words longer than 80 bytes are cut in the list.
inline std::string known_words(std::string_view word, const std::vector<std::string>& known, std::size_t most = 12) {
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (distance, position)
    std::vector<std::string_view> seen;
    for (std::size_t k = 0; k < known.size(); ++k) {
        if (known[k].empty() || std::find(seen.begin(), seen.end(), known[k]) != seen.end()) continue;
        seen.push_back(known[k]);
        order.emplace_back(edit_distance(word.substr(0, 200), std::string_view(known[k]).substr(0, 200)), k);
    }
    if (order.empty()) return " (none is known)";
    std::stable_sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::string out = " (known: ";
    for (std::size_t k = 0; k < order.size() && k < most; ++k) {
        const auto& w = known[order[k].second];
        out += (k ? ", " : "") + (w.size() > 80 ? w.substr(0, 80) + "..." : w);
    }
    if (order.size() > most) out += ", ...";
    return out + ")";
}

}  // namespace coopmap::detail
