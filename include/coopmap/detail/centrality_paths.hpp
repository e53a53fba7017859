#pragma once
/// \file detail/centrality_paths.hpp
/// Single-source shortest paths with path counting (Brandes 2001) on the CSR snapshot,
/// used by the centrality measures.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "coopmap/detail/interrupt.hpp"
#include "coopmap/detail/threads.hpp"
#include "coopmap/network.hpp"

namespace coopmap::detail {

/// Adjacency used by a search: rows (offsets/targets) and, for weighted searches, the
/// length of each arc (same positions as targets).
struct PathGraph {
    std::size_t n = 0;
    const std::size_t* offsets = nullptr;
    const index_t* targets = nullptr;
    const double* lengths = nullptr;  ///< nullptr: unweighted (BFS)
};

/// Work arrays of one thread. After run(s): order holds the reached vertices in
/// non-decreasing distance (s first), dist/sigma are valid for them.
class ShortestPaths {
public:
    explicit ShortestPaths(std::size_t n) : dist(n, std::numeric_limits<double>::infinity()), sigma(n, 0.0), order() {
        order.reserve(n);
    }

    std::vector<double> dist;   ///< +inf when unreached
    std::vector<double> sigma;  ///< number of shortest paths from s
    std::vector<index_t> order;

    /// Clears the vertices touched by the previous run (O(reached)).
    void reset() {
        for (auto v : order) {
            dist[v] = std::numeric_limits<double>::infinity();
            sigma[v] = 0.0;
        }
        order.clear();
    }

    void run(const PathGraph& g, index_t s) {
        reset();
        if (g.lengths) dijkstra(g, s);
        else bfs(g, s);
    }

private:
    struct HeapItem {
        double d;
        index_t v;
    };
    std::vector<HeapItem> heap_;

    void bfs(const PathGraph& g, index_t s) {
        dist[s] = 0.0;
        sigma[s] = 1.0;
        order.push_back(s);
        for (std::size_t head = 0; head < order.size(); ++head) {
            const index_t v = order[head];
            const double dv1 = dist[v] + 1.0;
            const double sv = sigma[v];
            for (std::size_t p = g.offsets[v], e = g.offsets[v + 1]; p < e; ++p) {
                const index_t w = g.targets[p];
                if (dist[w] == std::numeric_limits<double>::infinity()) {
                    dist[w] = dv1;
                    order.push_back(w);
                }
                if (dist[w] == dv1) sigma[w] += sv;
            }
        }
    }

    // Dijkstra with a binary heap and lazy deletion. dist[w] is the smallest tentative
    // length dist[v] + len(v, w) (the same floating-point sums networkx forms), sigma[w]
    // counts the paths whose length equals it exactly.
    void dijkstra(const PathGraph& g, index_t s) {
        constexpr double inf = std::numeric_limits<double>::infinity();
        auto cmp = [](const HeapItem& a, const HeapItem& b) { return a.d > b.d || (a.d == b.d && a.v > b.v); };
        heap_.clear();
        dist[s] = 0.0;
        sigma[s] = 1.0;
        std::vector<index_t>& touched = order;  // settled vertices in order
        heap_.push_back({0.0, s});
        settled_.resize(g.n, 0);
        touched_tentative_.clear();
        touched_tentative_.push_back(s);
        while (!heap_.empty()) {
            std::pop_heap(heap_.begin(), heap_.end(), cmp);
            const HeapItem top = heap_.back();
            heap_.pop_back();
            const index_t v = top.v;
            if (settled_[v] || top.d != dist[v]) continue;
            settled_[v] = 1;
            touched.push_back(v);
            const double dv = dist[v];
            const double sv = sigma[v];
            for (std::size_t p = g.offsets[v], e = g.offsets[v + 1]; p < e; ++p) {
                const index_t w = g.targets[p];
                if (settled_[w]) continue;
                const double alt = dv + g.lengths[p];
                if (alt < dist[w]) {
                    if (dist[w] == inf) touched_tentative_.push_back(w);
                    dist[w] = alt;
                    sigma[w] = sv;
                    heap_.push_back({alt, w});
                    std::push_heap(heap_.begin(), heap_.end(), cmp);
                } else if (alt == dist[w]) {
                    sigma[w] += sv;
                }
            }
        }
        // every tentatively reached vertex is settled (the graph is finite, lengths > 0)
        for (auto v : touched_tentative_) settled_[v] = 0;
    }
    std::vector<char> settled_;
    std::vector<index_t> touched_tentative_;
};

}  // namespace coopmap::detail
