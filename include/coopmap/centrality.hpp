#pragma once
/// \file centrality.hpp
/// (Over 600 lines: the catalogue of nine measures, each with its doc block giving
/// formula, edge cases, complexity and reference; the shortest-path kernels are in
/// detail/centrality_paths.hpp.)
/// Centrality measures on the CSR snapshot: betweenness (Brandes 2001, multi-threaded,
/// exact or with sampled pivots), edge betweenness, degree, strength, closeness,
/// harmonic centrality, PageRank, eigenvector centrality and Freeman centralisation.
/// Every measure follows networkx's definitions and conventions (see each function).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "coopmap/detail/centrality_paths.hpp"
#include "coopmap/detail/random.hpp"
#include "coopmap/error.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

/// How link weights enter shortest paths.
enum class PathWeight {
    none,      ///< every link has length 1 (BFS)
    distance,  ///< the weight is the length (networkx's weight=...)
    inverse    ///< the length is 1 / weight (weight read as an intensity)
};

/// Parses "none", "distance"/"weight" or "inverse".
inline PathWeight parse_path_weight(std::string_view s) {
    if (s == "none") return PathWeight::none;
    if (s == "distance" || s == "weight") return PathWeight::distance;
    if (s == "inverse") return PathWeight::inverse;
    throw input_error("distance must be \"weight\" (weight is the length) or \"inverse\" (length = 1/weight), got '" +
                      std::string(s) + "'");
}

/// The simple view used for shortest paths under a weighting: parallel links merged into
/// the shortest one when the weight is a distance (as networkx on a multigraph), summed
/// (intensities add up) when the length is 1/weight, binary when unweighted.
inline SimpleGraph path_view(const Network& net, PathWeight w) {
    Aggregate a = w == PathWeight::distance  ? Aggregate::min
                  : w == PathWeight::inverse ? Aggregate::sum
                                             : Aggregate::binary;
    return simple_view(net, {.aggregate = a});
}

namespace detail {
/// Arc lengths of g under a weighting (empty when unweighted).
inline std::vector<double> arc_lengths(const std::vector<double>& weights, PathWeight w) {
    std::vector<double> len;
    if (w == PathWeight::none) return len;
    len.resize(weights.size());
    for (std::size_t p = 0; p < weights.size(); ++p) {
        const double x = weights[p];
        if (!(x > 0) || !std::isfinite(x)) throw input_error("shortest paths need finite weights > 0");
        len[p] = w == PathWeight::inverse ? 1.0 / x : x;
    }
    return len;
}
}  // namespace detail

// ============================================================================ betweenness

struct BetweennessOptions {
    bool normalized = false;  ///< networkx normalisation (see betweenness)
    PathWeight weight = PathWeight::none;
    bool endpoints = false;  ///< count the endpoints of each path too
    std::size_t k = 0;       ///< number of sampled pivots (sources); 0 = all (exact)
    std::uint64_t seed = 0;  ///< seed of the pivot sample
    unsigned threads = 0;    ///< worker threads; 0 = all hardware threads
};

struct BetweennessResult {
    std::vector<double> values;   ///< one per structure
    std::vector<index_t> pivots;  ///< the sources used (all vertices when exact)
};

struct EdgeBetweennessResult {
    /// One entry per edge of the simple view: undirected edges with source < target
    /// (by structure index), directed arcs as they are; CSR order.
    std::vector<index_t> sources, targets;
    std::vector<double> values;
    std::vector<index_t> pivots;
};

namespace detail {

/// networkx's _rescale (networkx 3.6): the factor applied to the raw sums over sources.
/// Returns {scale of sampled sources, scale of the other vertices}.
inline std::pair<double, double> betweenness_scale(std::size_t n_, bool directed, bool normalized, bool endpoints,
                                                   bool sampled, std::size_t k_) {
    const double n = static_cast<double>(n_);
    const double N = endpoints ? n : n - 1.0;
    if (N < 2) return {1.0, 1.0};
    const double K = sampled ? static_cast<double>(k_) : N;
    const double corr = directed ? 1.0 : 2.0;
    if (!sampled || endpoints) {
        const double s = normalized ? 1.0 / (K * (N - 1.0)) : N / (K * corr);
        return {s, s};
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (normalized) return {K > 1 ? 1.0 / ((K - 1.0) * (N - 1.0)) : nan, 1.0 / (K * (N - 1.0))};
    return {K > 1 ? N / ((K - 1.0) * corr) : nan, N / (K * corr)};
}

/// One thread's Brandes pass over its sources; Weighted selects Dijkstra or BFS at
/// compile time so the hot loops carry no per-arc branch on the weighting.
template <bool Weighted>
void brandes_thread(const SimpleGraph& g, const PathGraph& pg, const std::vector<index_t>& sources, std::size_t first,
                    std::size_t stride, bool endpoints, std::vector<double>& va,
                    const std::vector<std::size_t>* edge_ids, std::vector<double>* ea) {
    const std::size_t n = g.n;
    const std::size_t* off = g.offsets.data();
    const index_t* tgt = g.targets.data();
    std::vector<double> coeff(n, 0.0);  // (1 + delta[w]) / sigma[w], filled in reverse order
    if constexpr (Weighted) {
        ShortestPaths sp(n);
        for (std::size_t i = first; i < sources.size(); i += stride) {
            check_interrupt();
            const index_t s = sources[i];
            sp.run(pg, s);
            const auto& order = sp.order;
            if (endpoints) va[s] += static_cast<double>(order.size() - 1);
            for (std::size_t j = order.size(); j-- > 0;) {
                const index_t v = order[j];
                const double dv = sp.dist[v], sv = sp.sigma[v];
                double acc = 0.0;
                for (std::size_t p = off[v], e = off[v + 1]; p < e; ++p) {
                    const index_t w = tgt[p];
                    if (dv + pg.lengths[p] != sp.dist[w]) continue;
                    acc += coeff[w];
                    if (ea) (*ea)[(*edge_ids)[p]] += sv * coeff[w];
                }
                const double delta = sv * acc;
                coeff[v] = (1.0 + delta) / sv;
                if (v != s) va[v] += endpoints ? delta + 1.0 : delta;
            }
            for (auto v : order) coeff[v] = 0.0;
        }
    } else {
        // BFS with integer levels; sigma as double (like networkx, no overflow). The
        // forward pass records the arcs of the shortest-path DAG (positions p with
        // level[target] = level[v] + 1), grouped by tail in BFS order, so the backward
        // pass reads only those arcs, sequentially.
        struct Slot {
            double sigma;
            double coeff;  // (1 + delta) / sigma, set in the backward pass
            std::int64_t level;
        };
        std::vector<Slot> x(n, Slot{0.0, 0.0, -1});
        std::vector<index_t> order(n);
        std::vector<std::size_t> dag(g.targets.size()), dag_off(n + 1);
        for (std::size_t i = first; i < sources.size(); i += stride) {
            check_interrupt();
            const index_t s = sources[i];
            std::size_t tail = 0, nd = 0;
            order[tail++] = s;
            x[s].level = 0;
            x[s].sigma = 1.0;
            for (std::size_t head = 0; head < tail; ++head) {
                const index_t v = order[head];
                dag_off[head] = nd;
                const std::int64_t lw = x[v].level + 1;
                const double sv = x[v].sigma;
                for (std::size_t p = off[v], e = off[v + 1]; p < e; ++p) {
                    const index_t w = tgt[p];
                    Slot& y = x[w];
                    if (y.level < 0) {
                        y.level = lw;
                        order[tail++] = w;
                    }
                    if (y.level == lw) {
                        y.sigma += sv;
                        dag[nd++] = p;
                    }
                }
            }
            dag_off[tail] = nd;
            if (endpoints) va[s] += static_cast<double>(tail - 1);
            for (std::size_t j = tail; j-- > 0;) {
                const index_t v = order[j];
                const double sv = x[v].sigma;
                double acc = 0.0;
                if (ea) {
                    for (std::size_t q = dag_off[j], e = dag_off[j + 1]; q < e; ++q) {
                        const double c = x[tgt[dag[q]]].coeff;
                        acc += c;
                        (*ea)[(*edge_ids)[dag[q]]] += sv * c;
                    }
                } else {
                    for (std::size_t q = dag_off[j], e = dag_off[j + 1]; q < e; ++q) acc += x[tgt[dag[q]]].coeff;
                }
                const double delta = sv * acc;
                x[v].coeff = (1.0 + delta) / sv;
                if (v != s) va[v] += endpoints ? delta + 1.0 : delta;
            }
            for (std::size_t j = 0; j < tail; ++j) x[order[j]] = Slot{0.0, 0.0, -1};
        }
    }
}

/// Brandes' accumulation over the given sources, split over threads (round-robin). Each
/// thread owns its accumulators (vertex and, when edge_ids is given, edge), summed in
/// thread order.
inline void brandes(const SimpleGraph& g, const std::vector<double>& lengths, const std::vector<index_t>& sources,
                    bool endpoints, unsigned threads, std::vector<double>& vertex_acc,
                    const std::vector<std::size_t>* edge_ids, std::size_t n_edges, std::vector<double>* edge_acc) {
    const std::size_t n = g.n;
    PathGraph pg{n, g.offsets.data(), g.targets.data(), lengths.empty() ? nullptr : lengths.data()};
    const unsigned T = worker_count(threads, sources.size());
    std::vector<std::vector<double>> vacc(T), eacc(T);
    run_threads(T, [&](unsigned t) {
        vacc[t].assign(n, 0.0);
        if (edge_acc) eacc[t].assign(n_edges, 0.0);
        auto* ea = edge_acc ? &eacc[t] : nullptr;
        if (pg.lengths) brandes_thread<true>(g, pg, sources, t, T, endpoints, vacc[t], edge_ids, ea);
        else brandes_thread<false>(g, pg, sources, t, T, endpoints, vacc[t], edge_ids, ea);
    });
    vertex_acc.assign(n, 0.0);
    for (unsigned t = 0; t < T; ++t)
        for (std::size_t v = 0; v < n; ++v) vertex_acc[v] += vacc[t][v];
    if (edge_acc) {
        edge_acc->assign(n_edges, 0.0);
        for (unsigned t = 0; t < T; ++t)
            for (std::size_t e = 0; e < n_edges; ++e) (*edge_acc)[e] += eacc[t][e];
    }
}

inline std::vector<index_t> pivots(std::size_t n, std::size_t k, std::uint64_t seed, bool& sampled) {
    sampled = k != 0 && k < n;  // k == n: exact, as networkx
    if (!sampled) {
        std::vector<index_t> all(n);
        for (std::size_t i = 0; i < n; ++i) all[i] = static_cast<index_t>(i);
        return all;
    }
    Rng rng(seed);
    auto s = rng.sample(static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(k));
    return std::vector<index_t>(s.begin(), s.end());
}
}  // namespace detail

/// Betweenness centrality (Brandes 2001), equal to networkx's betweenness_centrality.
///
/// Formula: b(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st over ordered pairs (s, t) (directed), over
/// unordered pairs for undirected graphs (the ordered sum is halved), σ_st the number of
/// shortest s-t paths and σ_st(v) those through v. With endpoints, paths also count for
/// their ends. `normalized` divides by the number of pairs that can pass through v as
/// networkx 3.6 does: 1/((n-1)(n-2)) (without endpoints; ordered pairs for directed, the
/// undirected halving not applied), 1/(n(n-1)) with endpoints; no rescaling when that
/// number of pairs is < 2 (n ≤ 2). The g.weights are arc lengths per options.weight
/// (distance: as they are; inverse: 1/weight; none: ignored).
///
/// Sampled pivots (k in 1..n-1): only k sources drawn with detail::Rng(seed) (uniform,
/// without replacement; our own sampling, so not networkx's sample), sums inflated as
/// networkx: by n/k, and without endpoints by (n-1)/(k-1) for the sampled sources
/// themselves (they cannot count as their own source) — NaN for them when k = 1.
/// k = 0 or k ≥ n: exact.
///
/// Edge cases: isolates and unreachable pairs contribute 0; empty graph → empty vector.
/// Complexity: O(k m) unweighted, O(k (m + n) log n) weighted, memory O(T n) for T
/// threads. Sources are dealt round-robin to the threads, each with its own accumulator,
/// the accumulators summed in thread order: deterministic for a given thread count, and
/// equal to the single-threaded result up to rounding.
/// Reference: U. Brandes, "A faster algorithm for betweenness centrality", J. Math.
/// Sociol. 25 (2001) 163-177; networkx.algorithms.centrality.betweenness.
inline BetweennessResult betweenness(const SimpleGraph& g, const BetweennessOptions& opt = {}) {
    BetweennessResult r;
    bool sampled = false;
    r.pivots = detail::pivots(g.n, opt.k, opt.seed, sampled);
    const auto lengths = detail::arc_lengths(g.weights, opt.weight);
    detail::brandes(g, lengths, r.pivots, opt.endpoints, opt.threads, r.values, nullptr, 0, nullptr);
    const auto [ss, so] =
        detail::betweenness_scale(g.n, g.directed, opt.normalized, opt.endpoints, sampled, r.pivots.size());
    if (sampled) {
        std::vector<char> is_pivot(g.n, 0);
        for (auto s : r.pivots) is_pivot[s] = 1;
        for (std::size_t v = 0; v < g.n; ++v) r.values[v] *= is_pivot[v] ? ss : so;
    } else if (so != 1.0) {
        for (auto& x : r.values) x *= so;
    }
    return r;
}

/// Betweenness of a network's structures (see the SimpleGraph overload; the simple view
/// is path_view(net, opt.weight)).
inline BetweennessResult betweenness(const Network& net, const BetweennessOptions& opt = {}) {
    return betweenness(path_view(net, opt.weight), opt);
}

/// Edge betweenness, equal to networkx's edge_betweenness_centrality: for each edge e,
/// Σ_{s ≠ t} σ_st(e) / σ_st (ordered pairs, halved for undirected graphs).
/// normalized divides by n(n-1) (networkx: the number of ordered pairs, also for
/// undirected graphs, without the halving); no rescaling when n < 2. Sampled pivots
/// inflate by n/k. options.endpoints is ignored. Same complexity as betweenness, plus
/// O(T m) memory.
inline EdgeBetweennessResult edge_betweenness(const SimpleGraph& g, const BetweennessOptions& opt = {}) {
    EdgeBetweennessResult r;
    // Edge numbering: directed arcs by CSR position; undirected edges {u, v} with u < v
    // by the position of v in row u, and arc (v, u) maps to the same edge.
    std::vector<std::size_t> ids(g.targets.size());
    std::size_t m = 0;
    if (g.directed) {
        for (std::size_t p = 0; p < g.targets.size(); ++p) ids[p] = p;
        m = g.targets.size();
        r.sources.resize(m);
        r.targets.assign(g.targets.begin(), g.targets.end());
        for (std::size_t u = 0; u < g.n; ++u)
            for (std::size_t p = g.offsets[u]; p < g.offsets[u + 1]; ++p) r.sources[p] = static_cast<index_t>(u);
    } else {
        for (std::size_t u = 0; u < g.n; ++u)
            for (std::size_t p = g.offsets[u]; p < g.offsets[u + 1]; ++p)
                if (g.targets[p] > u) {
                    ids[p] = m++;
                    r.sources.push_back(static_cast<index_t>(u));
                    r.targets.push_back(g.targets[p]);
                }
        for (std::size_t u = 0; u < g.n; ++u)
            for (std::size_t p = g.offsets[u]; p < g.offsets[u + 1]; ++p) {
                const index_t v = g.targets[p];
                if (v < u) {
                    auto nb = g.neighbors(v);
                    auto it = std::lower_bound(nb.begin(), nb.end(), static_cast<index_t>(u));
                    ids[p] = ids[g.offsets[v] + static_cast<std::size_t>(it - nb.begin())];
                }
            }
    }
    bool sampled = false;
    r.pivots = detail::pivots(g.n, opt.k, opt.seed, sampled);
    const auto lengths = detail::arc_lengths(g.weights, opt.weight);
    std::vector<double> vertex;
    detail::brandes(g, lengths, r.pivots, false, opt.threads, vertex, &ids, m, &r.values);
    const auto scale =
        detail::betweenness_scale(g.n, g.directed, opt.normalized, true, sampled, r.pivots.size()).second;
    if (scale != 1.0)
        for (auto& x : r.values) x *= scale;
    return r;
}

inline EdgeBetweennessResult edge_betweenness(const Network& net, const BetweennessOptions& opt = {}) {
    return edge_betweenness(path_view(net, opt.weight), opt);
}

// ============================================================================ degree, strength

/// Which arcs count for a directed network.
enum class DegreeMode { all, in, out };

inline DegreeMode parse_degree_mode(std::string_view s) {
    if (s == "all") return DegreeMode::all;
    if (s == "in") return DegreeMode::in;
    if (s == "out") return DegreeMode::out;
    throw input_error("mode must be \"all\", \"in\" or \"out\", got '" + std::string(s) + "'");
}

/// Degree: the number of distinct partners (simple view; multiplex links count once).
/// Directed networks: mode out (successors), in (predecessors) or all (in + out, as
/// networkx's DiGraph.degree: a reciprocated pair counts twice). Undirected: mode ignored.
/// O(n).
inline std::vector<double> degree(const SimpleGraph& g, DegreeMode mode = DegreeMode::all) {
    std::vector<double> d(g.n, 0.0);
    for (std::size_t v = 0; v < g.n; ++v) {
        const auto u = static_cast<index_t>(v);
        if (!g.directed) d[v] = static_cast<double>(g.degree(u));
        else {
            const double out = static_cast<double>(g.offsets[v + 1] - g.offsets[v]);
            const double in = static_cast<double>(g.in_offsets[v + 1] - g.in_offsets[v]);
            d[v] = mode == DegreeMode::out ? out : mode == DegreeMode::in ? in : in + out;
        }
    }
    return d;
}
/// On a Network, mixed ones included: out = successors, in = predecessors (an undirected
/// link is both), all = the distinct partners, plus one for each partner joined by arcs
/// both ways and by no undirected link. So an undirected network gives the partners, a
/// directed one in + out (networkx), and a two-way cooperation counts once in a mixed
/// network. O(n + m log d).
inline std::vector<double> degree(const Network& net, DegreeMode mode = DegreeMode::all) {
    if (!net.mixed() || mode != DegreeMode::all)
        return degree(simple_view(net, {.aggregate = Aggregate::binary}), mode);
    auto d = degree(simple_view(net, {.aggregate = Aggregate::binary, .undirected = true}));
    std::vector<std::uint64_t> arcs, two_way;  // (u << 32 | v)
    for (const auto& l : net.links()) {
        const auto key = (std::uint64_t{l.source} << 32) | l.target;
        if (net.is_directed(l)) arcs.push_back(key);
        else two_way.push_back(std::min(key, (std::uint64_t{l.target} << 32) | l.source));
    }
    std::sort(arcs.begin(), arcs.end());
    arcs.erase(std::unique(arcs.begin(), arcs.end()), arcs.end());
    std::sort(two_way.begin(), two_way.end());
    for (const auto key : arcs) {
        const auto u = static_cast<index_t>(key >> 32), v = static_cast<index_t>(key & 0xffffffffu);
        if (u > v) continue;  // each reciprocated pair once, from its smaller end
        const auto back = (std::uint64_t{v} << 32) | u;
        if (std::binary_search(arcs.begin(), arcs.end(), back) &&
            !std::binary_search(two_way.begin(), two_way.end(), key)) {
            d[u] += 1;
            d[v] += 1;
        }
    }
    return d;
}

/// Strength: Σ of the weights of the links at a structure, parallel (multiplex) links
/// included; weighted = false counts the links. Directed: mode out, in or all. Equals
/// networkx's degree(weight="weight") on the MultiGraph/MultiDiGraph of the links. O(n + m).
inline std::vector<double> strength(const Network& net, bool weighted = true, DegreeMode mode = DegreeMode::all) {
    std::vector<double> s(net.number_of_structures(), 0.0);
    for (const auto& l : net.links()) {
        const bool directed = net.is_directed(l);  // an undirected link counts at both ends in every mode
        const double w = weighted ? l.weight : 1.0;
        if (!directed || mode != DegreeMode::in) s[l.source] += w;
        if (!directed || mode != DegreeMode::out) s[l.target] += w;
    }
    return s;
}

// ============================================================================ closeness, harmonic

struct ClosenessOptions {
    PathWeight weight = PathWeight::none;
    bool wf_improved = true;  ///< Wasserman–Faust scaling for disconnected graphs (networkx default)
    unsigned threads = 0;
};

namespace detail {
/// For each vertex v, calls f(v, sp) after a search from v along the *incoming* arcs
/// (distances d(u, v) from every u to v), as networkx's closeness/harmonic on digraphs.
template <class F>
void for_each_incoming_search(const SimpleGraph& g, PathWeight w, unsigned threads, F&& f) {
    const auto& off = g.directed ? g.in_offsets : g.offsets;
    const auto& tgt = g.directed ? g.in_sources : g.targets;
    const auto& wts = g.directed ? g.in_weights : g.weights;
    const auto lengths = arc_lengths(wts, w);
    PathGraph pg{g.n, off.data(), tgt.data(), lengths.empty() ? nullptr : lengths.data()};
    const unsigned T = worker_count(threads, g.n);
    run_threads(T, [&](unsigned t) {
        ShortestPaths sp(g.n);
        for (std::size_t v = t; v < g.n; v += T) {
            check_interrupt();
            sp.run(pg, static_cast<index_t>(v));
            f(v, sp);
        }
    });
}
}  // namespace detail

/// Closeness centrality, equal to networkx's closeness_centrality: for v reaching r - 1
/// other vertices (r including v) at total distance D (directed: distances *to* v),
/// C(v) = (r - 1) / D, times (r - 1)/(n - 1) when wf_improved (Wasserman & Faust 1994,
/// p. 201). Isolates and vertices nobody reaches get 0 (networkx's convention, not NaN);
/// n = 1 gives 0. Complexity O(n m) (BFS) or O(n (m + n) log n), multi-threaded.
inline std::vector<double> closeness(const SimpleGraph& g, const ClosenessOptions& opt = {}) {
    std::vector<double> c(g.n, 0.0);
    const double n = static_cast<double>(g.n);
    detail::for_each_incoming_search(g, opt.weight, opt.threads, [&](std::size_t v, const detail::ShortestPaths& sp) {
        double total = 0.0;
        for (auto u : sp.order) total += sp.dist[u];
        const double r1 = static_cast<double>(sp.order.size() - 1);
        if (total > 0.0 && n > 1.0) {
            double x = r1 / total;
            if (opt.wf_improved) x *= r1 / (n - 1.0);
            c[v] = x;
        }
    });
    return c;
}
inline std::vector<double> closeness(const Network& net, const ClosenessOptions& opt = {}) {
    return closeness(path_view(net, opt.weight), opt);
}

/// Harmonic centrality, equal to networkx's harmonic_centrality: H(v) = Σ_{u ≠ v} 1/d(u, v)
/// (directed: distances to v; unreachable pairs add 0). Not normalised (divide by n - 1
/// for the [0, 1] version). Isolates: 0. Complexity as closeness.
inline std::vector<double> harmonic_centrality(const SimpleGraph& g, const ClosenessOptions& opt = {}) {
    std::vector<double> h(g.n, 0.0);
    detail::for_each_incoming_search(g, opt.weight, opt.threads, [&](std::size_t v, const detail::ShortestPaths& sp) {
        double s = 0.0;
        for (auto u : sp.order)
            if (sp.dist[u] > 0.0) s += 1.0 / sp.dist[u];
        h[v] = s;
    });
    return h;
}
inline std::vector<double> harmonic_centrality(const Network& net, const ClosenessOptions& opt = {}) {
    return harmonic_centrality(path_view(net, opt.weight), opt);
}

// ============================================================================ PageRank, eigenvector

struct PageRankOptions {
    double alpha = 0.85;
    bool weighted = true;  ///< use link weights (parallel links summed); false: count links
    std::size_t max_iter = 100;
    double tol = 1.0e-6;
};

struct IterativeResult {
    std::vector<double> values;
    std::size_t iterations = 0;
};

/// PageRank, equal to networkx's pagerank (its power iteration): x ← α (x P + (Σ_{dangling}
/// x) / n) + (1 - α)/n, P the row-normalised weight matrix (undirected: both directions),
/// dangling vertices (no out-weight) spread uniformly; start x = 1/n; stop when
/// Σ|x - x_last| < n · tol. Throws coopmap::error when max_iter iterations do not converge
/// (networkx's PowerIterationFailedConvergence); input_error for α outside [0, 1].
/// Weights: parallel links summed (networkx on a multigraph); unweighted counts the links.
/// Empty graph: empty result. Complexity O(iterations · (n + m)).
/// Reference: Page, Brin, Motwani & Winograd (1999); networkx.pagerank.
inline IterativeResult pagerank(const SimpleGraph& g, const PageRankOptions& opt = {}) {
    if (!(opt.alpha >= 0.0 && opt.alpha <= 1.0)) throw input_error("pagerank: alpha must be in [0, 1]");
    IterativeResult r;
    const std::size_t n = g.n;
    if (n == 0) return r;
    const double nd = static_cast<double>(n);
    std::vector<double> out(n, 0.0);
    for (std::size_t u = 0; u < n; ++u)
        for (std::size_t p = g.offsets[u]; p < g.offsets[u + 1]; ++p) out[u] += g.weights[p];
    std::vector<double> inv(n, 0.0);
    std::vector<index_t> dangling;
    for (std::size_t u = 0; u < n; ++u) {
        if (out[u] != 0.0) inv[u] = 1.0 / out[u];
        else dangling.push_back(static_cast<index_t>(u));
    }
    std::vector<double> x(n, 1.0 / nd), next(n);
    for (std::size_t it = 1; it <= opt.max_iter; ++it) {
        double dsum = 0.0;
        for (auto u : dangling) dsum += x[u];
        std::fill(next.begin(), next.end(), 0.0);
        for (std::size_t u = 0; u < n; ++u) {
            const double xu = x[u] * inv[u];
            for (std::size_t p = g.offsets[u]; p < g.offsets[u + 1]; ++p) next[g.targets[p]] += xu * g.weights[p];
        }
        double err = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            next[v] = opt.alpha * (next[v] + dsum / nd) + (1.0 - opt.alpha) / nd;
            err += std::abs(next[v] - x[v]);
        }
        x.swap(next);
        if (err < nd * opt.tol) {
            r.values = std::move(x);
            r.iterations = it;
            return r;
        }
    }
    throw error("pagerank: power iteration did not converge in " + std::to_string(opt.max_iter) + " iterations");
}
inline IterativeResult pagerank(const Network& net, const PageRankOptions& opt = {}) {
    return pagerank(simple_view(net, {.aggregate = opt.weighted ? Aggregate::sum : Aggregate::count}), opt);
}

struct EigenvectorOptions {
    bool weighted = false;  ///< networkx's default weight=None
    std::size_t max_iter = 100;
    double tol = 1.0e-6;
};

/// Eigenvector centrality, equal to networkx's eigenvector_centrality: power iteration
/// on A + I (A the adjacency; directed: x_v gathers from predecessors, i.e. the left /
/// in-edges eigenvector), start x = 1/n, Euclidean normalisation each step, stop when
/// Σ|x - x_last| < n · tol. Throws coopmap::error without convergence (e.g. some
/// directed graphs), input_error on an empty graph (networkx: NetworkXPointlessConcept).
/// Weights: parallel links summed. Complexity O(iterations · (n + m)).
/// Reference: Bonacich (1987); networkx.eigenvector_centrality.
inline IterativeResult eigenvector_centrality(const SimpleGraph& g, const EigenvectorOptions& opt = {}) {
    const std::size_t n = g.n;
    if (n == 0) throw input_error("eigenvector centrality is undefined on an empty network");
    const double nd = static_cast<double>(n);
    std::vector<double> x(n, 1.0 / nd), next(n);
    IterativeResult r;
    for (std::size_t it = 1; it <= opt.max_iter; ++it) {
        next = x;
        for (std::size_t u = 0; u < n; ++u)
            for (std::size_t p = g.offsets[u]; p < g.offsets[u + 1]; ++p)
                next[g.targets[p]] += x[u] * (opt.weighted ? g.weights[p] : 1.0);
        double norm = 0.0;
        for (auto v : next) norm += v * v;
        norm = std::sqrt(norm);
        if (norm == 0.0) norm = 1.0;
        double err = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            next[v] /= norm;
            err += std::abs(next[v] - x[v]);
        }
        x.swap(next);
        if (err < nd * opt.tol) {
            r.values = std::move(x);
            r.iterations = it;
            return r;
        }
    }
    throw error("eigenvector centrality: power iteration did not converge in " + std::to_string(opt.max_iter) +
                " iterations");
}
inline IterativeResult eigenvector_centrality(const Network& net, const EigenvectorOptions& opt = {}) {
    return eigenvector_centrality(simple_view(net, {.aggregate = opt.weighted ? Aggregate::sum : Aggregate::binary}),
                                  opt);
}

// ============================================================================ centralisation

struct Centralization {
    double value = std::numeric_limits<double>::quiet_NaN();  ///< Σ (max - c_i) / theoretical_max
    double raw = std::numeric_limits<double>::quiet_NaN();    ///< Σ (max - c_i)
    double theoretical_max = std::numeric_limits<double>::quiet_NaN();
};

/// Freeman (1979) centralisation: Σ_i (c_max - c_i), divided by its largest value among
/// graphs with the same n (the theoretical maximum, reached by a star; igraph's maxima
/// without loops):
///   "degree"      simple-view degree (mode as degree()):
///                 undirected (n-1)(n-2) [star: centre n-1, leaves 1];
///                 directed, mode all 2(n-1)(n-2) [reciprocated star]; in/out (n-1)² [in/out-star]
///   "betweenness" raw betweenness (unordered pairs when undirected):
///                 undirected (n-1)²(n-2)/2 [centre (n-1)(n-2)/2]; directed (n-1)²(n-2)
///   "closeness"   closeness() with the Wasserman–Faust correction ((n-1)/Σd when connected):
///                 undirected (n-1)(n-2)/(2n-3) [centre 1, leaves (n-1)/(2n-3)];
///                 directed (distances to v) n-1 [in-star: centre 1, leaves 0; every
///                 closeness lies in [0, 1]]
/// When the maximum is 0 (n < 3; closeness n < 2) value is NaN. Empty graph: all NaN.
/// Complexity: that of the measure. Throws input_error for an unknown measure.
/// Reference: L. C. Freeman, "Centrality in social networks: conceptual clarification",
/// Social Networks 1 (1979) 215-239; igraph_centralization_*_tmax.
inline Centralization centralization(const SimpleGraph& g, std::string_view measure, DegreeMode mode = DegreeMode::all,
                                     unsigned threads = 0) {
    Centralization c;
    const double n = static_cast<double>(g.n);
    std::vector<double> v;
    if (measure == "degree") {
        v = degree(g, mode);
        if (!g.directed) c.theoretical_max = (n - 1) * (n - 2);
        else c.theoretical_max = mode == DegreeMode::all ? 2 * (n - 1) * (n - 2) : (n - 1) * (n - 1);
    } else if (measure == "betweenness") {
        BetweennessOptions o;
        o.threads = threads;
        v = betweenness(g, o).values;  // unweighted: o.weight is none
        c.theoretical_max = g.directed ? (n - 1) * (n - 1) * (n - 2) : (n - 1) * (n - 1) * (n - 2) / 2;
    } else if (measure == "closeness") {
        ClosenessOptions o;
        o.threads = threads;
        v = closeness(g, o);
        c.theoretical_max = g.directed ? n - 1 : (n - 1) * (n - 2) / (2 * n - 3);
    } else {
        throw input_error("centralization: measure must be \"degree\", \"betweenness\" or \"closeness\", got '" +
                          std::string(measure) + "'");
    }
    if (g.n == 0) return c;
    const double mx = *std::max_element(v.begin(), v.end());
    double raw = 0.0;
    for (auto x : v) raw += mx - x;
    c.raw = raw;
    c.value = c.theoretical_max > 0 ? raw / c.theoretical_max : std::numeric_limits<double>::quiet_NaN();
    return c;
}
/// Centralisation of a network (unweighted simple view; see the SimpleGraph overload).
inline Centralization centralization(const Network& net, std::string_view measure, DegreeMode mode = DegreeMode::all,
                                     unsigned threads = 0) {
    return centralization(simple_view(net, {.aggregate = Aggregate::binary}), measure, mode, threads);
}

}  // namespace coopmap
