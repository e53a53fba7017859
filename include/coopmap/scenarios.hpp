#pragma once
/// \file scenarios.hpp
/// (Over 600 lines: five decision tools that share one breadth-first-search scratch
/// and one undirected view, each with its doc block.)
/// From the map to decisions: how fragmented the network is (Borgatti's F and
/// distance-weighted DF), which structures hold it together (key players, KPP-Neg) or
/// reach most of it (KPP-Pos), and what each structure's departure would cost
/// (vulnerability).
///
/// Conventions shared by every function of this header:
///  * the network is read through its undirected simple view: direction and weights are
///    dropped, a pair of structures is tied when some link joins them;
///  * n is the number of structures left (after `removed`), d_ij the length of a
///    shortest path between i and j in what is left, 1/d_ij = 0 when none exists;
///  * undefined values are NaN (fewer than two structures, no structure to reach);
///  * results describe the declared network, not the worth of a structure;
///  * vertex i is the i-th structure of the network (insertion order).
///
/// Reference: S. P. Borgatti, "Identifying sets of key players in a social network",
/// Computational and Mathematical Organization Theory 12 (2006) 21–34.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "coopmap/brokerage.hpp"
#include "coopmap/detail/centrality_paths.hpp"
#include "coopmap/detail/interrupt.hpp"
#include "coopmap/detail/random.hpp"
#include "coopmap/error.hpp"
#include "coopmap/gaps.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

namespace detail {

/// Breadth-first search scratch on the undirected view, restricted to alive vertices.
struct ScenarioBfs {
    std::vector<std::int64_t> dist;
    std::vector<index_t> queue;
    explicit ScenarioBfs(std::size_t n) : dist(n, -1), queue(n) {}

    /// Multi-source BFS from `sources` (alive ones) up to `limit` steps; returns the number
    /// of vertices reached (sources included). dist[v] holds the distance of every reached
    /// vertex until reset() is called.
    std::size_t run(const SimpleGraph& g, const std::vector<char>& alive, const std::vector<index_t>& sources,
                    std::int64_t limit = std::numeric_limits<std::int64_t>::max()) {
        std::size_t head = 0, tail = 0;
        for (index_t s : sources)
            if (alive[s] && dist[s] < 0) {
                dist[s] = 0;
                queue[tail++] = s;
            }
        while (head < tail) {
            const index_t u = queue[head++];
            if (dist[u] >= limit) continue;
            for (index_t v : g.neighbors(u))
                if (alive[v] && dist[v] < 0) {
                    dist[v] = dist[u] + 1;
                    queue[tail++] = v;
                }
        }
        reached = tail;
        return tail;
    }
    /// Clears the distances of the vertices the last run reached: O(reached).
    void reset() {
        for (std::size_t i = 0; i < reached; ++i) dist[queue[i]] = -1;
        reached = 0;
    }
    std::size_t reached = 0;
};

/// Component of every alive vertex (-1 for removed ones), numbered by smallest member,
/// and the size of each component. O(n + m).
struct AliveComponents {
    std::vector<std::int64_t> label;
    std::vector<std::size_t> sizes;
};
inline AliveComponents alive_components(const SimpleGraph& g, const std::vector<char>& alive, ScenarioBfs& bfs) {
    AliveComponents c;
    c.label.assign(g.n, -1);
    std::vector<index_t> one(1);
    for (index_t s = 0; s < g.n; ++s) {
        if (!alive[s] || c.label[s] >= 0) continue;
        one[0] = s;
        const std::size_t reached = bfs.run(g, alive, one);
        for (std::size_t i = 0; i < reached; ++i) c.label[bfs.queue[i]] = static_cast<std::int64_t>(c.sizes.size());
        c.sizes.push_back(reached);
        bfs.reset();
    }
    return c;
}

/// The largest component (ties: the one holding the lowest index, as labels follow the
/// smallest member); -1 when there is none.
inline std::int64_t largest_component(const AliveComponents& c) {
    std::int64_t largest = -1;
    for (std::size_t k = 0; k < c.sizes.size(); ++k)
        if (largest < 0 || c.sizes[k] > c.sizes[static_cast<std::size_t>(largest)])
            largest = static_cast<std::int64_t>(k);
    return largest;
}

/// F = 1 - Σ_k s_k (s_k - 1) / (n (n - 1)); NaN when n < 2.
inline double fragmentation_of(const std::vector<std::size_t>& sizes, std::size_t n) {
    if (n < 2) return std::numeric_limits<double>::quiet_NaN();
    double same = 0;
    for (std::size_t s : sizes) same += static_cast<double>(s) * static_cast<double>(s - 1);
    return 1.0 - same / (static_cast<double>(n) * static_cast<double>(n - 1));
}

/// DF = 1 - Σ_{i≠j} (1 / d_ij) / (n (n - 1)) over the alive vertices; NaN when n < 2.
/// One BFS per alive source, sources dealt round-robin to the threads; the per-source
/// sums are added in source order, so the value does not depend on the thread count.
inline double distance_fragmentation_of(const SimpleGraph& g, const std::vector<char>& alive, unsigned threads) {
    std::vector<index_t> sources;
    for (index_t v = 0; v < g.n; ++v)
        if (alive[v]) sources.push_back(v);
    const std::size_t n = sources.size();
    if (n < 2) return std::numeric_limits<double>::quiet_NaN();
    std::vector<double> per(n, 0.0);
    // small graphs: one thread (starting threads costs more than the searches)
    const double work = static_cast<double>(n) * static_cast<double>(g.targets.size() + g.n);
    const unsigned T = work < 2e6 ? 1u : worker_count(threads, n);
    run_threads(T, [&](unsigned t) {
        ScenarioBfs bfs(g.n);
        std::vector<index_t> one(1);
        for (std::size_t i = t; i < n; i += T) {
            check_interrupt();
            one[0] = sources[i];
            const std::size_t reached = bfs.run(g, alive, one);
            double s = 0;
            for (std::size_t q = 1; q < reached; ++q) s += 1.0 / static_cast<double>(bfs.dist[bfs.queue[q]]);
            per[i] = s;
            bfs.reset();
        }
    });
    double total = 0;
    for (double s : per) total += s;
    return 1.0 - total / (static_cast<double>(n) * static_cast<double>(n - 1));
}

/// Depth-first numbering of the undirected view, or of its alive vertices when `alive`
/// is given (one tree per component, roots in index order; removed vertices keep `pre`
/// = none): preorder position `pre`, vertices in preorder `order`, subtree size `sub`,
/// low point `low` (the smallest preorder reachable through the subtree and one back
/// edge), `parent` (a root is its own parent) and the smallest index of each subtree.
/// Iterative, O(n + m).
struct DepthFirstSeparation {
    std::vector<std::size_t> pre, sub, low;
    std::vector<index_t> order, parent, min_in_sub;
    static constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    /// When v leaves, the subtree of its child c becomes a component of its own
    /// (Hopcroft–Tarjan): v is a root, or no back edge from the subtree reaches above v.
    bool separates(index_t v, index_t c) const { return parent[v] == v || low[c] >= pre[v]; }
};
inline DepthFirstSeparation depth_first_separation(const SimpleGraph& g, const std::vector<char>* alive = nullptr) {
    const std::size_t n = g.n, none = DepthFirstSeparation::none;
    DepthFirstSeparation d;
    d.pre.assign(n, none);
    d.sub.assign(n, 1);
    d.low.assign(n, 0);
    d.parent.resize(n);
    d.min_in_sub.resize(n);
    d.order.reserve(n);
    auto live = [&](index_t v) { return alive == nullptr || (*alive)[v] != 0; };
    std::vector<std::pair<index_t, std::size_t>> stack;  // vertex, next neighbour position
    for (index_t root = 0; root < n; ++root) {
        if (d.pre[root] != none || !live(root)) continue;
        d.parent[root] = root;
        d.pre[root] = d.low[root] = d.order.size();
        d.order.push_back(root);
        d.min_in_sub[root] = root;
        stack.push_back({root, 0});
        while (!stack.empty()) {
            auto& [u, next] = stack.back();
            const auto nb = g.neighbors(u);
            if (next < nb.size()) {
                const index_t w = nb[next++];
                if (!live(w)) continue;
                if (d.pre[w] == none) {
                    d.parent[w] = u;
                    d.pre[w] = d.low[w] = d.order.size();
                    d.order.push_back(w);
                    d.min_in_sub[w] = w;
                    stack.push_back({w, 0});
                } else if (w != d.parent[u]) {
                    d.low[u] = std::min(d.low[u], d.pre[w]);
                }
                continue;
            }
            const index_t done = u;
            stack.pop_back();
            if (!stack.empty()) {
                const index_t p = stack.back().first;
                d.low[p] = std::min(d.low[p], d.low[done]);
                d.sub[p] += d.sub[done];
                d.min_in_sub[p] = std::min(d.min_in_sub[p], d.min_in_sub[done]);
            }
        }
    }
    return d;
}

/// Σ_k s_k (s_k - 1) over the components of the numbered graph (`whole`) and, for every
/// numbered vertex v, over the components left when v leaves (`after[v]`; NaN for the
/// vertices the search did not number): v's component of size s loses s (s - 1) and
/// gains p (p - 1) for each separated child subtree p and for the rest, of size
/// s - 1 - Σ p. Integer-valued sums, exact in doubles below 2^53. O(n).
struct PairsAfterDeparture {
    double whole = 0;
    std::vector<double> after;
};
inline PairsAfterDeparture pairs_after_departure(const DepthFirstSeparation& d) {
    const std::size_t n = d.pre.size();
    auto pairs = [](std::size_t s) { return static_cast<double>(s) * static_cast<double>(s == 0 ? 0 : s - 1); };
    PairsAfterDeparture r;
    r.after.assign(n, std::numeric_limits<double>::quiet_NaN());
    std::vector<std::size_t> size(n, 0), separated(n, 0);
    std::vector<double> pieces(n, 0.0);
    for (std::size_t q = 0; q < d.order.size();) {  // one tree per component, contiguous in preorder
        const index_t root = d.order[q];
        const std::size_t s = d.sub[root];
        r.whole += pairs(s);
        for (std::size_t i = q; i < q + s; ++i) size[d.order[i]] = s;
        q += s;
    }
    for (index_t c : d.order) {
        const index_t v = d.parent[c];
        if (v == c || !d.separates(v, c)) continue;
        separated[v] += d.sub[c];
        pieces[v] += pairs(d.sub[c]);
    }
    for (index_t v : d.order) r.after[v] = r.whole - pairs(size[v]) + pieces[v] + pairs(size[v] - 1 - separated[v]);
    return r;
}

inline SimpleGraph scenario_view(const Network& net) {
    return simple_view(net, {.aggregate = Aggregate::binary, .undirected = true});
}

inline std::vector<char> alive_without(std::size_t n, const std::vector<index_t>& removed) {
    std::vector<char> alive(n, 1);
    for (index_t v : removed) {
        if (v >= n) throw input_error("removed: structure index " + std::to_string(v) + " out of range");
        alive[v] = 0;
    }
    return alive;
}

}  // namespace detail

// =====================================================================================
// Fragmentation
// =====================================================================================

struct FragmentationOptions {
    /// Structures taken out before measuring (indices; repeats allowed).
    std::vector<index_t> removed;
    /// Worker threads for DF (0 = all hardware threads; small graphs run on one). The
    /// value does not depend on it.
    unsigned threads = 0;
};

struct FragmentationResult {
    double fragmentation = 0;           ///< F = 1 - Σ_k s_k (s_k - 1) / (n (n - 1))
    double distance_fragmentation = 0;  ///< DF = 1 - Σ_{i≠j} (1 / d_ij) / (n (n - 1))
    std::size_t structures = 0;         ///< n: structures left after `removed`
    std::size_t components = 0;         ///< connected components of what is left
};

/// Borgatti's fragmentation of the network (without `options.removed`), on the
/// undirected view: F is the share of pairs of structures that cannot reach each other
/// (s_k the component sizes); DF weighs every pair by its distance, 1 when unreachable,
/// 1 - 1/d otherwise on average, so that it also sees a network that is connected but
/// long. Both are 0 for a complete graph and 1 when nobody is tied; NaN when fewer than
/// two structures are left.
///
/// Complexity: F O(n + m); DF O(n (n + m)) (one breadth-first search per structure,
/// parallel over sources).
inline FragmentationResult fragmentation(const Network& net, const FragmentationOptions& options = {}) {
    const SimpleGraph g = detail::scenario_view(net);
    const auto alive = detail::alive_without(g.n, options.removed);
    detail::ScenarioBfs bfs(g.n);
    const auto comps = detail::alive_components(g, alive, bfs);
    FragmentationResult r;
    r.structures = static_cast<std::size_t>(std::count(alive.begin(), alive.end(), 1));
    r.components = comps.sizes.size();
    r.fragmentation = detail::fragmentation_of(comps.sizes, r.structures);
    r.distance_fragmentation = detail::distance_fragmentation_of(g, alive, options.threads);
    return r;
}

// =====================================================================================
// Key players
// =====================================================================================

enum class KeyPlayerObjective {
    fragmentation,           ///< KPP-Neg: F of the network without the set
    distance_fragmentation,  ///< KPP-Neg: DF of the network without the set
    reach,                   ///< KPP-Pos: share of the others within m steps of the set
    distance_reach,          ///< KPP-Pos: Σ_{j∉S} 1 / d(S, j) / (number of others)
};

struct KeyPlayerOptions {
    std::size_t k = 3;  ///< size of the set, 1 <= k < n
    KeyPlayerObjective objective = KeyPlayerObjective::fragmentation;
    /// Steps of the reach objective (m-reach): j counts when d(S, j) <= m; m >= 1.
    std::size_t m = 1;
    /// Reach objectives: the structures that count (target[j] != 0), e.g. one group;
    /// empty: every structure. Members of the set never count.
    std::vector<char> target;
    std::uint64_t seed = 0;     ///< seed of the random starting sets of the restarts
    std::size_t restarts = 10;  ///< searches: the greedy start, then restarts - 1 random starts
    unsigned threads = 0;       ///< worker threads of the DF objective
};

struct KeyPlayerResult {
    std::vector<index_t> players;  ///< the set found, by index
    double score = 0;              ///< its objective value
    /// Neg objectives: the value of the network with nobody removed; Pos objectives: the
    /// value of the k structures of highest degree (ties: lower index), the naive choice.
    double baseline = 0;
    std::size_t evaluations = 0;  ///< objective evaluations made by the search
};

namespace detail {

/// A key-player score: the objective (`value`, NaN when undefined: the worst) and, on its
/// plateaus, a finer tie-breaker (`tie`, see key_players()); NaN when the objective has
/// none or it was not needed.
struct KeyPlayerScore {
    double value = std::numeric_limits<double>::quiet_NaN();
    double tie = std::numeric_limits<double>::quiet_NaN();
};

/// a better than b: NaN is worse than any number; equal values (to 1e-12 relative) are
/// compared by their tie-breakers; equal scores are not better.
inline bool better_value(double a, double b) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
    return a > b + 1e-12 * std::max(1.0, std::fabs(b));
}
inline bool better(const KeyPlayerScore& a, const KeyPlayerScore& b) {
    if (better_value(a.value, b.value)) return true;
    if (better_value(b.value, a.value) || std::isnan(a.value) != std::isnan(b.value)) return false;
    return better_value(a.tie, b.tie);
}

/// Above this many breadth-first steps for one DF (n^2 (n + m)), the F objective breaks
/// its ties by the links the set removes instead of by DF (key_players()).
inline constexpr double key_player_distance_tie_limit = 1e8;

/// Evaluates key-player sets on one graph (scratch reused across evaluations): whole sets
/// (operator()), and the sets `base` + v for every outsider v (prepare(), then with()).
/// For F, prepare() numbers G - base once by depth-first search, which gives F of
/// G - base - v for every v in O(n + m) together (pairs_after_departure).
class KeyPlayerEvaluator {
public:
    KeyPlayerEvaluator(const SimpleGraph& g, const KeyPlayerOptions& o) : g_(g), o_(o), bfs_(g.n), alive_(g.n, 1) {
        switch (o.objective) {
            case KeyPlayerObjective::fragmentation: {
                const double n = static_cast<double>(g.n);
                tie_ = n * n * (n + static_cast<double>(g.targets.size())) <= key_player_distance_tie_limit
                           ? Tie::distance_fragmentation
                           : Tie::links_removed;
                if (tie_ == Tie::links_removed) alive_degree_.assign(g.n, 0);
                break;
            }
            case KeyPlayerObjective::reach: tie_ = Tie::distance_reach; break;
            default: tie_ = Tie::none; break;
        }
    }

    /// The score of `set`. With `against`, the tie-breaker is computed only when the value
    /// is not below against->value (otherwise the set cannot win).
    KeyPlayerScore operator()(const std::vector<index_t>& set, const KeyPlayerScore* against = nullptr) {
        ++evaluations;
        check_interrupt();
        KeyPlayerScore s;
        s.value = value(set, o_.objective);
        if (tie_ == Tie::none || (against && better_value(against->value, s.value))) return s;
        s.tie = tie(set);
        return s;
    }

    /// Makes with(v) score base + v.
    void prepare(const std::vector<index_t>& base) {
        base_ = base;
        if (o_.objective != KeyPlayerObjective::fragmentation) return;
        check_interrupt();
        mark(base_, 0);
        const auto dfs = depth_first_separation(g_, &alive_);
        pairs_ = pairs_after_departure(dfs).after;
        left_ = g_.n - base_.size() - 1;
        if (tie_ == Tie::links_removed) {
            base_links_ = links_removed();
            for (index_t v = 0; v < g_.n; ++v) {
                if (!alive_[v]) continue;
                std::size_t d = 0;
                for (index_t w : g_.neighbors(v)) d += alive_[w] != 0;
                alive_degree_[v] = d;
            }
        }
        mark(base_, 1);
    }
    /// The score of base + v (v not in base), as operator() would give it.
    KeyPlayerScore with(index_t v, const KeyPlayerScore* against = nullptr) {
        if (o_.objective != KeyPlayerObjective::fragmentation) {
            base_.push_back(v);
            const KeyPlayerScore s = (*this)(base_, against);
            base_.pop_back();
            return s;
        }
        ++evaluations;
        KeyPlayerScore s;
        s.value = left_ < 2 ? std::numeric_limits<double>::quiet_NaN()
                            : 1.0 - pairs_[v] / (static_cast<double>(left_) * static_cast<double>(left_ - 1));
        if (against && better_value(against->value, s.value)) return s;
        if (tie_ == Tie::links_removed) {
            s.tie = base_links_ + static_cast<double>(alive_degree_[v]);
        } else {
            base_.push_back(v);
            s.tie = tie(base_);
            base_.pop_back();
        }
        return s;
    }
    std::size_t evaluations = 0;

private:
    enum class Tie { none, distance_fragmentation, distance_reach, links_removed };
    double value(const std::vector<index_t>& set, KeyPlayerObjective objective) {
        switch (objective) {
            case KeyPlayerObjective::fragmentation: {
                mark(set, 0);
                const auto comps = alive_components(g_, alive_, bfs_);
                const double f = fragmentation_of(comps.sizes, g_.n - set.size());
                mark(set, 1);
                return f;
            }
            case KeyPlayerObjective::distance_fragmentation: {
                mark(set, 0);
                const double f = distance_fragmentation_of(g_, alive_, o_.threads);
                mark(set, 1);
                return f;
            }
            case KeyPlayerObjective::reach:
            case KeyPlayerObjective::distance_reach: break;
        }
        const bool steps = objective == KeyPlayerObjective::reach;
        const auto limit = steps ? static_cast<std::int64_t>(o_.m) : std::numeric_limits<std::int64_t>::max();
        const std::size_t reached = bfs_.run(g_, alive_, set, limit);
        double sum = 0;
        for (std::size_t q = 0; q < reached; ++q) {
            const index_t j = bfs_.queue[q];
            if (bfs_.dist[j] == 0 || !counts(j)) continue;
            sum += steps ? 1.0 : 1.0 / static_cast<double>(bfs_.dist[j]);
        }
        bfs_.reset();
        std::size_t others = 0;
        mark(set, 0);
        for (index_t j = 0; j < g_.n; ++j) others += alive_[j] && counts(j);
        mark(set, 1);
        return others ? sum / static_cast<double>(others) : std::numeric_limits<double>::quiet_NaN();
    }
    double tie(const std::vector<index_t>& set) {
        switch (tie_) {
            case Tie::distance_fragmentation: return value(set, KeyPlayerObjective::distance_fragmentation);
            case Tie::distance_reach: return value(set, KeyPlayerObjective::distance_reach);
            case Tie::links_removed: {
                mark(set, 0);
                const double t = links_removed();
                mark(set, 1);
                return t;
            }
            case Tie::none: break;
        }
        return std::numeric_limits<double>::quiet_NaN();
    }
    /// Links with an end among the removed (alive_ == 0) structures: O(n + m).
    double links_removed() {
        std::size_t touching = 0;
        for (index_t v = 0; v < g_.n; ++v) {
            if (alive_[v]) continue;
            for (index_t w : g_.neighbors(v)) touching += alive_[w] ? 2 : 1;  // links inside counted from both ends
        }
        return static_cast<double>(touching / 2);
    }
    bool counts(index_t j) const { return o_.target.empty() || o_.target[j]; }
    void mark(const std::vector<index_t>& set, char value) {
        for (index_t v : set) alive_[v] = value;
    }
    const SimpleGraph& g_;
    const KeyPlayerOptions& o_;
    ScenarioBfs bfs_;
    std::vector<char> alive_;
    Tie tie_;
    std::vector<index_t> base_;
    std::vector<double> pairs_;              // F objective: Σ s (s - 1) of G - base - v
    std::size_t left_ = 0;                   // structures left in G - base - v
    std::vector<std::size_t> alive_degree_;  // links_removed tie: degree of v in G - base
    double base_links_ = 0;                  // links_removed tie: links base removes
};

/// Steepest-ascent swaps: replaces one member by one outsider while the best such swap
/// improves the score (members in set order, outsiders in index order; ties keep the
/// first).
inline KeyPlayerScore improve_by_swaps(const SimpleGraph& g, std::vector<index_t>& set, KeyPlayerScore score,
                                       KeyPlayerEvaluator& eval) {
    std::vector<char> in(g.n, 0);
    for (index_t v : set) in[v] = 1;
    for (;;) {
        KeyPlayerScore best = score;
        std::size_t best_i = set.size();
        index_t best_v = 0;
        for (std::size_t i = 0; i < set.size(); ++i) {
            std::vector<index_t> base = set;
            base.erase(base.begin() + static_cast<std::ptrdiff_t>(i));
            eval.prepare(base);
            for (index_t v = 0; v < g.n; ++v) {
                if (in[v]) continue;
                const KeyPlayerScore s = eval.with(v, &best);
                if (better(s, best)) {
                    best = s;
                    best_i = i;
                    best_v = v;
                }
            }
        }
        if (best_i == set.size()) return score;
        in[set[best_i]] = 0;
        in[best_v] = 1;
        set[best_i] = best_v;
        score = best;
    }
}

}  // namespace detail

/// Borgatti's key-player problem: the set S of k structures that maximises the objective.
///  * KPP-Neg (objective fragmentation or distance_fragmentation): whose departure
///    fragments the network most, F or DF of the network without S;
///  * KPP-Pos (reach, distance_reach): who reaches most of the others, the share of the
///    structures outside S (of the target ones when `target` is set) within m steps of
///    S, or Σ_{j∉S} 1 / d(S, j) / (n - k) with d(S, j) the distance from the nearest member.
///
/// Search (as Borgatti's KeyPlayer program): a greedy start (members added one at a
/// time, each the best given the previous ones; ties: lower index) improved by
/// steepest-ascent swaps (one member for one outsider) until no swap improves. F and
/// m-reach are flat over many sets (F moves only when a component splits), so sets of
/// equal value are compared by a finer tie-breaker that leads the search across those
/// plateaus: for m-reach the distance-weighted reach; for F, DF of the network without
/// the set while one DF costs at most 10^8 breadth-first steps (n^2 (n + m) <= 10^8,
/// networks up to about 400 structures), above that the number of links the set
/// removes (the classic degree attack, which costs O(m) for all candidates together).
/// Then `restarts - 1` searches from random k-sets drawn with `seed` (detail::Rng:
/// identical on every platform), each improved the same way. The best set over the
/// searches is returned (ties: the earliest). It is a local optimum, not a proven
/// global one; the tests compare it with the brute-force optimum over every k-set on
/// small networks.
///
/// Errors: input_error when k is 0 or k >= n, m is 0, or target has a wrong size.
/// Complexity: F: O(k (n + m)) per greedy step or swap round (one depth-first search of
/// G - (S without one member) scores every outsider, the cut points' split sizes giving
/// F; DF ties on small networks add O(n (n + m)) per tied candidate); reach objectives:
/// O(n + m) per candidate, k (n - k) candidates per swap round; DF: O(n (n + m)) per
/// candidate, parallel over sources.
inline KeyPlayerResult key_players(const Network& net, const KeyPlayerOptions& options = {}) {
    const SimpleGraph g = detail::scenario_view(net);
    const std::size_t n = g.n, k = options.k;
    if (k == 0 || k >= n)
        throw input_error("k must be between 1 and the number of structures - 1 (" + std::to_string(n) +
                          " structures), got " + std::to_string(k));
    if (options.m == 0) throw input_error("m must be >= 1");
    if (!options.target.empty() && options.target.size() != n)
        throw input_error("target: expected one flag per structure");
    if (options.restarts == 0) throw input_error("restarts must be >= 1");
    detail::KeyPlayerEvaluator eval(g, options);
    const bool negative = options.objective == KeyPlayerObjective::fragmentation ||
                          options.objective == KeyPlayerObjective::distance_fragmentation;
    KeyPlayerResult r;
    if (negative) {
        r.baseline = eval({}).value;
    } else {
        std::vector<index_t> order(n);
        for (index_t v = 0; v < n; ++v) order[v] = v;
        std::stable_sort(order.begin(), order.end(), [&](index_t a, index_t b) { return g.degree(a) > g.degree(b); });
        order.resize(k);
        r.baseline = eval(order).value;
    }
    // greedy start
    std::vector<index_t> set;
    std::vector<char> in(n, 0);
    detail::KeyPlayerScore score;
    for (std::size_t step = 0; step < k; ++step) {
        detail::KeyPlayerScore best;
        index_t best_v = 0;
        bool found = false;
        eval.prepare(set);
        for (index_t v = 0; v < n; ++v) {
            if (in[v]) continue;
            const detail::KeyPlayerScore s = eval.with(v, found ? &best : nullptr);
            if (!found || detail::better(s, best)) {
                best = s;
                best_v = v;
                found = true;
            }
        }
        set.push_back(best_v);
        in[best_v] = 1;
        score = best;
    }
    score = detail::improve_by_swaps(g, set, score, eval);
    std::vector<index_t> best_set = set;
    detail::KeyPlayerScore best_score = score;
    detail::Rng rng(options.seed);
    for (std::size_t run = 1; run < options.restarts; ++run) {
        std::vector<index_t> pool(n);
        for (index_t v = 0; v < n; ++v) pool[v] = v;
        for (std::size_t i = 0; i < k; ++i) {  // partial Fisher–Yates: k distinct structures
            const std::size_t j = i + static_cast<std::size_t>(rng.below(n - i));
            std::swap(pool[i], pool[j]);
        }
        std::vector<index_t> start(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(k));
        const detail::KeyPlayerScore s = detail::improve_by_swaps(g, start, eval(start), eval);
        if (detail::better(s, best_score)) {
            best_score = s;
            best_set = start;
        }
    }
    std::sort(best_set.begin(), best_set.end());
    r.players = best_set;
    r.score = best_score.value;
    r.evaluations = eval.evaluations;
    return r;
}

// =====================================================================================
// Vulnerability
// =====================================================================================

struct VulnerabilityOptions {
    /// Compute DF after each departure (O(n^2 (n + m)) in all); false: DF fields are NaN.
    bool distance = true;
    /// Attribute whose groups define the cross-group brokerage of each structure; empty:
    /// that field is NaN.
    std::string group;
    /// Group of the structures without the attribute (else input_error naming them).
    std::optional<Value> missing;
    unsigned threads = 0;  ///< worker threads of the DF searches
};

struct StructureVulnerability {
    double fragmentation = 0;           ///< F of the network without the structure
    double distance_fragmentation = 0;  ///< DF of the network without it (NaN unless options.distance)
    double increase = 0;                ///< F without it - F of the whole network
    double distance_increase = 0;       ///< DF without it - DF of the whole network
    /// Structures cut off from the largest component when it leaves (indices, ascending):
    /// members of the largest component (ties: the one holding the lowest index) that are
    /// not in the largest part of what remains of it (ties: the part holding the lowest
    /// index). Empty for structures outside the largest component.
    std::vector<index_t> cut_off;
    /// Gould–Fernandez brokerage across groups: itinerant + representative + gatekeeper
    /// + liaison (every role but coordinator), as brokerage() counts them.
    double cross_group_brokerage = std::numeric_limits<double>::quiet_NaN();
};

struct VulnerabilityResult {
    double fragmentation = 0;                        ///< F of the whole network
    double distance_fragmentation = 0;               ///< DF of the whole network (NaN unless options.distance)
    std::vector<StructureVulnerability> structures;  ///< one per structure, in structure order
};

/// What each structure's departure would cost the network: F and DF without it and their
/// increase over the whole network's, the structures only it connects to the largest
/// component, and the cross-group brokerage roles it holds (brokerage.hpp).
///
/// Complexity: F of every departure O(n + m) in all (one depth-first search: the parts a
/// departure leaves are the child subtrees whose low point stays below it, and the rest);
/// cut-offs O(n + m + their total length); DF O(n^2 (n + m)) (one all-pairs search per
/// departure, parallel over sources), skipped with distance = false.
inline VulnerabilityResult vulnerability(const Network& net, const VulnerabilityOptions& options = {}) {
    const SimpleGraph g = detail::scenario_view(net);
    const std::size_t n = g.n;
    VulnerabilityResult r;
    std::vector<char> alive(n, 1);
    detail::ScenarioBfs bfs(n);
    const auto whole = detail::alive_components(g, alive, bfs);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    r.fragmentation = detail::fragmentation_of(whole.sizes, n);
    r.distance_fragmentation = options.distance ? detail::distance_fragmentation_of(g, alive, options.threads) : nan;
    const std::int64_t largest = detail::largest_component(whole);
    BrokerageResult roles;
    if (!options.group.empty()) roles = brokerage(net, options.group, options.missing);
    r.structures.resize(n);
    // one depth-first search gives, for every structure, the parts its component splits
    // into when it leaves (Hopcroft–Tarjan: a child subtree whose low point does not reach
    // above the structure is cut from the rest)
    const auto dfs = detail::depth_first_separation(g);
    const auto pairs = detail::pairs_after_departure(dfs);
    std::vector<std::vector<index_t>> children(n);
    for (index_t u = 0; u < n; ++u)
        if (dfs.parent[u] != u) children[dfs.parent[u]].push_back(u);
    std::vector<char> in_piece(n, 0);
    for (index_t v = 0; v < n; ++v) {
        detail::check_interrupt();
        auto& s = r.structures[v];
        const auto component = static_cast<std::size_t>(whole.label[v]);
        const std::size_t size = whole.sizes[component];
        std::vector<index_t> pieces;  // separated children: their subtrees become components
        std::size_t separated = 0;
        for (index_t c : children[v])
            if (dfs.separates(v, c)) {
                pieces.push_back(c);
                separated += dfs.sub[c];
            }
        const std::size_t rest = size - 1 - separated;  // the part holding v's parent
        s.fragmentation =
            n - 1 < 2 ? nan : 1.0 - pairs.after[v] / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
        s.increase = s.fragmentation - r.fragmentation;
        if (options.distance) {
            alive[v] = 0;
            s.distance_fragmentation = detail::distance_fragmentation_of(g, alive, options.threads);
            alive[v] = 1;
        } else {
            s.distance_fragmentation = nan;
        }
        s.distance_increase = s.distance_fragmentation - r.distance_fragmentation;
        if (whole.label[v] == largest && size > 1) {
            // the largest part (ties: the one holding the lowest index) stays; the others are cut off
            for (index_t c : pieces)
                for (std::size_t q = dfs.pre[c]; q < dfs.pre[c] + dfs.sub[c]; ++q) in_piece[dfs.order[q]] = 1;
            // the lowest index of the rest: only needed when a piece ties with it
            auto lowest_of_rest = [&] {
                for (index_t u = 0; u < n; ++u)
                    if (u != v && whole.label[u] == whole.label[v] && !in_piece[u]) return u;
                return static_cast<index_t>(n);
            };
            std::int64_t keep = rest > 0 ? -1 : -2;  // -1: the rest; >= 0: pieces[keep]
            std::size_t keep_size = rest;
            index_t keep_min = static_cast<index_t>(n);
            bool keep_min_known = rest == 0;
            for (std::size_t i = 0; i < pieces.size(); ++i) {
                const index_t c = pieces[i];
                if (keep != -2 && dfs.sub[c] == keep_size && !keep_min_known) {
                    keep_min = lowest_of_rest();
                    keep_min_known = true;
                }
                if (keep == -2 || dfs.sub[c] > keep_size || (dfs.sub[c] == keep_size && dfs.min_in_sub[c] < keep_min)) {
                    keep_min_known = true;
                    keep = static_cast<std::int64_t>(i);
                    keep_size = dfs.sub[c];
                    keep_min = dfs.min_in_sub[c];
                }
            }
            for (std::size_t i = 0; i < pieces.size(); ++i) {
                if (static_cast<std::int64_t>(i) == keep) continue;
                const index_t c = pieces[i];
                for (std::size_t q = dfs.pre[c]; q < dfs.pre[c] + dfs.sub[c]; ++q) s.cut_off.push_back(dfs.order[q]);
            }
            if (rest > 0 && keep != -1)
                for (index_t u = 0; u < n; ++u)
                    if (u != v && whole.label[u] == whole.label[v] && !in_piece[u]) s.cut_off.push_back(u);
            std::sort(s.cut_off.begin(), s.cut_off.end());
            for (index_t c : pieces)
                for (std::size_t q = dfs.pre[c]; q < dfs.pre[c] + dfs.sub[c]; ++q) in_piece[dfs.order[q]] = 0;
        }
        if (!options.group.empty()) {
            const auto& c = roles.counts[v];
            s.cross_group_brokerage = c[1] + c[2] + c[3] + c[4];
        }
    }
    return r;
}

// =====================================================================================
// Weaving: the absent links that would most join the network
// =====================================================================================

enum class WeaveObjective {
    cohesion,     ///< decrease of DF (distance-weighted fragmentation)
    cross_group,  ///< more pairs of different groups within two steps
};

struct WeaveOptions {
    std::size_t k = 5;  ///< links to suggest (fewer when no absent link gains anything)
    WeaveObjective objective = WeaveObjective::cohesion;
    /// cross_group: the attribute whose groups count (required), and the group of the
    /// structures lacking it (else input_error naming them).
    std::string group;
    std::optional<Value> missing;
};

struct WovenLink {
    index_t source = 0, target = 0;  ///< source < target (structure order)
    /// cohesion: DF before minus DF after the link (given the links suggested before it);
    /// cross_group: pairs of structures of different groups newly within two steps.
    double gain = 0;
    std::int64_t distance = -1;   ///< distance between the two before the link; -1: unreachable
    std::vector<index_t> shared;  ///< partners they share (ascending)
    double adamic_adar = 0;       ///< Σ over shared partners z of 1 / ln(degree z)
    bool cross_group = false;     ///< the two are in different groups (cross_group objective)
};

struct WeaveResult {
    std::vector<WovenLink> links;  ///< in the order chosen
    double before = 0;             ///< objective before: DF, or cross-group pairs within two steps
    double after = 0;              ///< the same with every suggested link added
};

namespace detail {
/// All-pairs distances of the undirected view (-1: unreachable), n x n row-major.
inline std::vector<std::int32_t> all_pairs_distances(const SimpleGraph& g) {
    std::vector<std::int32_t> d(g.n * g.n, -1);
    std::vector<char> alive(g.n, 1);
    ScenarioBfs bfs(g.n);
    std::vector<index_t> one(1);
    for (index_t s = 0; s < g.n; ++s) {
        check_interrupt();
        one[0] = s;
        const std::size_t reached = bfs.run(g, alive, one);
        for (std::size_t q = 0; q < reached; ++q)
            d[s * g.n + bfs.queue[q]] = static_cast<std::int32_t>(bfs.dist[bfs.queue[q]]);
        bfs.reset();
    }
    return d;
}
}  // namespace detail

/// Network weaving: k absent links chosen greedily, each the one that most improves the
/// objective given the links chosen before it (ties: the larger Adamic–Adar score, then
/// structure order).
///  * cohesion: the decrease of DF (fragmentation()); a link between two parts that
///    cannot reach each other, or between two distant structures, gains most;
///  * cross_group: the number of pairs of structures of different groups (attribute
///    `group`) that the link brings within two steps of each other — the link itself and
///    the two-step paths through it.
/// Stops early when no absent link gains anything. Every suggestion carries its
/// distance before, the partners the two share and their Adamic–Adar score, from which
/// a reason can be written.
///
/// Errors: input_error when the cross_group objective has no group, or when the network
/// has more than 20,000 structures (the all-pairs distance matrix takes 4 n^2 bytes).
/// Complexity: O(n (n + m)) for the distances, then per link: cohesion O(Σ_candidates
/// |A||B|) <= O(n^4) (A, B: the structures each end brings closer), cross_group
/// O(n^2 d) (d the mean degree); the distances are updated in O(n^2) after each link.
inline WeaveResult weave(const Network& net, const WeaveOptions& options = {}) {
    const SimpleGraph g = detail::scenario_view(net);
    const std::size_t n = g.n;
    if (n > 20000) throw input_error("weave: at most 20,000 structures (the distance matrix takes 4 n^2 bytes)");
    const bool cohesion = options.objective == WeaveObjective::cohesion;
    std::vector<std::uint32_t> group;
    if (!cohesion) {
        if (options.group.empty()) throw input_error("weave: the cross_group objective needs a group attribute");
        group = group_by(net, options.group, options.missing).membership;
    }
    std::vector<std::vector<index_t>> adj(n);
    for (index_t u = 0; u < n; ++u) adj[u].assign(g.neighbors(u).begin(), g.neighbors(u).end());
    auto D = detail::all_pairs_distances(g);
    auto dist = [&](index_t i, index_t j) { return D[i * n + j]; };
    const double pairs = static_cast<double>(n) * static_cast<double>(n > 0 ? n - 1 : 0);
    auto inverse_sum = [&] {
        double s = 0;
        for (std::size_t i = 0; i < n * n; ++i)
            if (D[i] > 0) s += 1.0 / D[i];
        return s;
    };
    auto cross_pairs = [&] {
        double c = 0;
        for (index_t i = 0; i < n; ++i)
            for (index_t j = i + 1; j < n; ++j)
                if (group[i] != group[j] && dist(i, j) > 0 && dist(i, j) <= 2) ++c;
        return c;
    };
    auto objective = [&] {
        if (cohesion) return n < 2 ? std::numeric_limits<double>::quiet_NaN() : 1.0 - inverse_sum() / pairs;
        return cross_pairs();
    };
    auto adamic_adar = [&](index_t a, index_t b, std::vector<index_t>* shared) {
        double s = 0;
        std::size_t i = 0, j = 0;
        while (i < adj[a].size() && j < adj[b].size()) {
            if (adj[a][i] < adj[b][j]) ++i;
            else if (adj[a][i] > adj[b][j]) ++j;
            else {
                const index_t z = adj[a][i];
                s += 1.0 / std::log(static_cast<double>(adj[z].size()));
                if (shared) shared->push_back(z);
                ++i;
                ++j;
            }
        }
        return s;
    };
    // cohesion gain of a - b: Σ over ordered pairs (i, j) of 1/d' - 1/d, d' through a - b
    std::vector<index_t> side_a, side_b;
    auto cohesion_gain = [&](index_t a, index_t b) {
        side_a.clear();
        side_b.clear();
        for (index_t i = 0; i < n; ++i) {
            const auto ia = dist(i, a), ib = dist(i, b);
            if (ia >= 0 && (ib < 0 || ia + 1 < ib)) side_a.push_back(i);
            if (ib >= 0 && (ia < 0 || ib + 1 < ia)) side_b.push_back(i);
        }
        double s = 0;
        for (index_t i : side_a)
            for (index_t j : side_b) {
                const auto old = dist(i, j);
                const auto via = dist(i, a) + 1 + dist(b, j);
                if (old < 0 || via < old) s += 1.0 / via - (old > 0 ? 1.0 / old : 0.0);
            }
        return 2 * s / pairs;  // both orders of each pair; as a decrease of DF
    };
    auto cross_gain = [&](index_t a, index_t b) {
        double c = 0;
        auto far = [&](index_t x, index_t y) { return dist(x, y) < 0 || dist(x, y) > 2; };
        if (group[a] != group[b] && far(a, b)) ++c;
        for (index_t x : adj[a])
            if (x != b && group[x] != group[b] && far(x, b)) ++c;
        for (index_t y : adj[b])
            if (y != a && group[a] != group[y] && far(a, y)) ++c;
        return c;
    };
    WeaveResult r;
    r.before = objective();
    for (std::size_t step = 0; step < options.k; ++step) {
        double best_gain = 0, best_aa = -1;
        index_t best_a = 0, best_b = 0;
        bool found = false;
        for (index_t a = 0; a < n; ++a) {
            detail::check_interrupt();
            for (index_t b = a + 1; b < n; ++b) {
                if (dist(a, b) == 1) continue;  // already tied
                const double gain = cohesion ? cohesion_gain(a, b) : cross_gain(a, b);
                if (!(gain > 1e-15)) continue;
                const bool better_gain = gain > best_gain * (1 + 1e-12) + 1e-15;
                const bool tie = !better_gain && !(best_gain > gain * (1 + 1e-12) + 1e-15);
                if (!found || better_gain) {
                    found = true;
                    best_gain = gain;
                    best_aa = adamic_adar(a, b, nullptr);
                    best_a = a;
                    best_b = b;
                } else if (tie) {
                    const double aa = adamic_adar(a, b, nullptr);
                    if (aa > best_aa + 1e-12) {
                        best_gain = gain;
                        best_aa = aa;
                        best_a = a;
                        best_b = b;
                    }
                }
            }
        }
        if (!found) break;
        WovenLink w;
        w.source = best_a;
        w.target = best_b;
        w.gain = best_gain;
        w.distance = dist(best_a, best_b);
        w.adamic_adar = adamic_adar(best_a, best_b, &w.shared);
        w.cross_group = !cohesion && group[best_a] != group[best_b];
        r.links.push_back(std::move(w));
        // add the link: distances through it, then the adjacency
        const std::vector<std::int32_t> row_a(D.begin() + static_cast<std::ptrdiff_t>(best_a * n),
                                              D.begin() + static_cast<std::ptrdiff_t>((best_a + 1) * n));
        const std::vector<std::int32_t> row_b(D.begin() + static_cast<std::ptrdiff_t>(best_b * n),
                                              D.begin() + static_cast<std::ptrdiff_t>((best_b + 1) * n));
        for (index_t i = 0; i < n; ++i)
            for (index_t j = 0; j < n; ++j) {
                auto& d = D[i * n + j];
                if (i == j) continue;
                if (row_a[i] >= 0 && row_b[j] >= 0 && (d < 0 || row_a[i] + 1 + row_b[j] < d))
                    d = row_a[i] + 1 + row_b[j];
                if (row_b[i] >= 0 && row_a[j] >= 0 && (d < 0 || row_b[i] + 1 + row_a[j] < d))
                    d = row_b[i] + 1 + row_a[j];
            }
        adj[best_a].insert(std::lower_bound(adj[best_a].begin(), adj[best_a].end(), best_b), best_b);
        adj[best_b].insert(std::lower_bound(adj[best_b].begin(), adj[best_b].end(), best_a), best_a);
    }
    r.after = objective();
    return r;
}

// =====================================================================================
// What if: the indicators before and after a change
// =====================================================================================

struct WhatIfOptions {
    std::vector<index_t> remove;                                        ///< structures that leave (indices)
    std::vector<std::pair<std::pair<index_t, index_t>, LinkSpec>> add;  ///< links added: (source, target), spec
    /// Attribute of the E-I index and of the brokerage z-scores; empty: those are NaN/none.
    std::string group;
    std::optional<Value> missing;  ///< group of the structures lacking it
    std::size_t brokers = 10;      ///< how many structures whose brokerage z changes most
    unsigned threads = 0;          ///< worker threads of DF
};

struct WhatIfIndicator {
    std::string name;  ///< components, largest_component_share, fragmentation, ...
    double before = 0, after = 0, change = 0;
};

struct BrokerChange {
    std::string id;                            ///< a structure present before and after
    double before = 0, after = 0, change = 0;  ///< Gould–Fernandez z of its total brokerage
};

struct WhatIfResult {
    std::vector<WhatIfIndicator> indicators;
    std::vector<BrokerChange> brokers;  ///< largest |change| first (NaN last), then structure order
    Network after;                      ///< the network after the change
};

namespace detail {
/// Mean distance over ordered pairs of the largest component of `comps` (the components
/// of g, all alive); NaN when it has fewer than two structures.
inline double mean_distance_in_largest(const SimpleGraph& g, const AliveComponents& comps) {
    const std::int64_t largest = largest_component(comps);
    if (largest < 0 || comps.sizes[static_cast<std::size_t>(largest)] < 2)
        return std::numeric_limits<double>::quiet_NaN();
    std::vector<char> alive(g.n, 1);
    ScenarioBfs bfs(g.n);
    double total = 0;
    std::vector<index_t> one(1);
    for (index_t s = 0; s < g.n; ++s) {
        if (comps.label[s] != largest) continue;
        check_interrupt();
        one[0] = s;
        const std::size_t reached = bfs.run(g, alive, one);
        for (std::size_t q = 1; q < reached; ++q) total += static_cast<double>(bfs.dist[bfs.queue[q]]);
        bfs.reset();
    }
    const double L = static_cast<double>(comps.sizes[static_cast<std::size_t>(largest)]);
    return total / (L * (L - 1));
}
}  // namespace detail

/// What if some structures left and some links were added: the network's indicators
/// before and after, and the structures whose brokerage changes most.
///
/// Indicators (undirected view unless said): components; largest_component_share (its
/// size / n); fragmentation and distance_fragmentation (fragmentation()); density
/// (density(): arcs / n (n - 1) of the directed view); mean_distance (mean over ordered
/// pairs of the largest component); ei_index (Krackhardt & Stern's E-I index of `group`,
/// NaN without a group). change = after - before. Brokers: the Gould–Fernandez z-score
/// of the total brokerage by `group` (brokerage()) before and after, for the structures
/// present in both, the `brokers` largest absolute changes.
///
/// Links are added first (between structures of the original network, indices), then
/// the structures in `remove` leave with their links. Errors: input_error for an index
/// out of range or a link refused by Network::add_link (a self-loop, a bad weight).
/// Complexity: that of fragmentation() and brokerage(), for the network before and after.
inline WhatIfResult what_if(const Network& net, const WhatIfOptions& options = {}) {
    WhatIfResult r;
    r.after = net;
    for (const auto& [ends, spec] : options.add) {
        if (ends.first >= net.number_of_structures() || ends.second >= net.number_of_structures())
            throw input_error("add: structure index out of range");
        r.after.add_link(ends.first, ends.second, spec);
    }
    std::vector<std::string> leaving;
    for (index_t v : options.remove) {
        if (v >= net.number_of_structures()) throw input_error("remove: structure index out of range");
        leaving.push_back(net.structure(v).id);
    }
    std::sort(leaving.begin(), leaving.end());
    leaving.erase(std::unique(leaving.begin(), leaving.end()), leaving.end());
    for (const auto& id : leaving) r.after.remove_structure(id);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto indicators = [&](const Network& x) {
        // one view and one component search serve every indicator of the undirected view
        const SimpleGraph g = detail::scenario_view(x);
        std::vector<char> alive(g.n, 1);
        detail::ScenarioBfs bfs(g.n);
        const auto comps = detail::alive_components(g, alive, bfs);
        const std::int64_t largest = detail::largest_component(comps);
        const double share = largest < 0 ? nan
                                         : static_cast<double>(comps.sizes[static_cast<std::size_t>(largest)]) /
                                               static_cast<double>(g.n);
        std::vector<std::pair<std::string, double>> v = {
            {"components", static_cast<double>(comps.sizes.size())},
            {"largest_component_share", share},
            {"fragmentation", detail::fragmentation_of(comps.sizes, g.n)},
            {"distance_fragmentation", detail::distance_fragmentation_of(g, alive, options.threads)},
            {"density", density(x)},
            {"mean_distance", detail::mean_distance_in_largest(g, comps)},
            {"ei_index", options.group.empty()
                             ? nan
                             : ei_index(x, options.group, {.permutations = 0, .missing = options.missing}).network},
        };
        return v;
    };
    const auto before = indicators(net), after = indicators(r.after);
    for (std::size_t i = 0; i < before.size(); ++i)
        r.indicators.push_back(
            {before[i].first, before[i].second, after[i].second, after[i].second - before[i].second});
    if (!options.group.empty() && options.brokers > 0) {
        const auto zb = brokerage(net, options.group, options.missing);
        const auto za = brokerage(r.after, options.group, options.missing);
        for (index_t i = 0; i < r.after.number_of_structures(); ++i) {
            const auto& id = r.after.structure(i).id;
            const double b = zb.z[net.index_of(id)][5], a = za.z[i][5];
            r.brokers.push_back({id, b, a, a - b});
        }
        std::stable_sort(r.brokers.begin(), r.brokers.end(), [](const BrokerChange& x, const BrokerChange& y) {
            const bool xn = std::isnan(x.change), yn = std::isnan(y.change);
            if (xn != yn) return yn;
            return !xn && std::fabs(x.change) > std::fabs(y.change);
        });
        if (r.brokers.size() > options.brokers) r.brokers.resize(options.brokers);
    }
    return r;
}

}  // namespace coopmap
