#pragma once
/// \file clusters.hpp
/// (Over 600 lines: the catalogue of the clustering functions with their doc blocks;
/// the Louvain/Leiden engine is in detail/clusters_optimiser.hpp.)
/// Clusters of cooperation: connected components, Louvain and Leiden modularity (or CPM)
/// optimisation, label propagation, k-core numbers, maximal cliques, the modularity of
/// any partition (e.g. the formal groups of partition_by), and NMI / ARI / VI between
/// two partitions.
///
/// Every function runs on the undirected simple view of the network (parallel links
/// aggregated, direction dropped; components are weak components) unless an option
/// says otherwise. Weights: the weighted view sums the weights of the links of a pair
/// (both orientations of a directed pair included); `weighted = false` gives every
/// connected pair weight 1.
///
/// Modularity (Newman 2006; networkx/igraph convention for the resolution gamma):
///     Q = (1 / 2m) sum_ij [A_ij - gamma k_i k_j / 2m] delta(c_i, c_j)
///       = sum_c [ L_c / m - gamma (K_c / 2m)^2 ],
/// L_c the weight of the edges inside c, K_c the summed strengths of its members, m the
/// total edge weight. Gephi's "resolution" is roughly 1 / gamma.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/bron_kerbosch_all_cliques.hpp>
#include <boost/graph/core_numbers.hpp>
#include <boost/graph/strong_components.hpp>

#include "coopmap/detail/clusters_optimiser.hpp"
#include "coopmap/detail/interrupt.hpp"
#include "coopmap/detail/random.hpp"
#include "coopmap/error.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

/// A partition of the structures into clusters.
struct Partition {
    /// membership[i]: the cluster of structure i. Clusters are numbered 0.. by decreasing
    /// size, ties broken by the smallest structure index they contain.
    std::vector<std::uint32_t> membership;
    /// Number of clusters.
    std::size_t count = 0;
    /// Modularity Q of this partition on the same weighted undirected view, at `resolution`
    /// (at resolution 1 for the CPM objective). NaN when the view has no edge.
    double modularity = std::numeric_limits<double>::quiet_NaN();
    /// The value of the optimised objective: Q for modularity, the CPM quality
    /// sum_c [e_c - gamma n_c (n_c - 1) / 2] for CPM. Equals modularity elsewhere.
    double quality = std::numeric_limits<double>::quiet_NaN();
    double resolution = 1.0;
    std::uint64_t seed = 0;
    /// Levels of the last multilevel pass (Louvain/Leiden), sweeps (label propagation), else 0.
    std::size_t levels = 0;
    /// Passes of the whole algorithm (Louvain/Leiden: until nothing changes), else 0.
    std::size_t iterations = 0;
    /// "louvain", "leiden", "label_propagation", "components", "strong_components" or "attribute".
    std::string algorithm;
    /// Only for partition_by: labels[c] is the attribute value of cluster c.
    std::vector<Value> labels;

    /// The clusters as lists of structure indices (ascending), largest cluster first.
    std::vector<std::vector<index_t>> communities() const {
        std::vector<std::vector<index_t>> out(count);
        for (std::size_t i = 0; i < membership.size(); ++i) out[membership[i]].push_back(static_cast<index_t>(i));
        return out;
    }
    /// Cluster sizes, non-increasing.
    std::vector<std::size_t> sizes() const {
        std::vector<std::size_t> s(count, 0);
        for (auto c : membership) ++s[c];
        return s;
    }
};

namespace detail {
/// Renumbers labels (any values < labels.size() or any 32-bit values) into clusters by
/// decreasing size, ties by the smallest member index. Returns the number of clusters.
inline std::size_t canonical_labels(std::vector<std::uint32_t>& labels,
                                    std::vector<std::uint32_t>* old_of_new = nullptr) {
    const std::size_t n = labels.size();
    // first: relabel by first appearance (so labels are < n)
    std::vector<std::uint32_t> first;  // first index of each label
    {
        std::vector<std::uint32_t> orig;
        if (old_of_new) orig = labels;
        const std::uint32_t mx = n ? *std::max_element(labels.begin(), labels.end()) : 0;
        if (mx < 4 * n + 16) {  // dense labels: a flat table
            std::vector<std::uint32_t> map(static_cast<std::size_t>(mx) + 1, UINT32_MAX);
            for (std::size_t i = 0; i < n; ++i) {
                auto& slot = map[labels[i]];
                if (slot == UINT32_MAX) {
                    slot = static_cast<std::uint32_t>(first.size());
                    first.push_back(static_cast<std::uint32_t>(i));
                }
                labels[i] = slot;
            }
        } else {
            std::unordered_map<std::uint32_t, std::uint32_t> map;
            map.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                auto [it, fresh] = map.try_emplace(labels[i], static_cast<std::uint32_t>(first.size()));
                if (fresh) first.push_back(static_cast<std::uint32_t>(i));
                labels[i] = it->second;
            }
        }
        if (old_of_new) {
            old_of_new->resize(first.size());
            for (std::size_t k = 0; k < first.size(); ++k) (*old_of_new)[k] = orig[first[k]];
        }
    }
    const std::size_t k = first.size();
    std::vector<std::size_t> size(k, 0);
    for (auto c : labels) ++size[c];
    std::vector<std::uint32_t> order(k);
    std::iota(order.begin(), order.end(), 0u);
    // labels by first appearance are already ordered by smallest member: stable sort by size
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return size[a] > size[b]; });
    std::vector<std::uint32_t> rank(k);
    for (std::size_t r = 0; r < k; ++r) rank[order[r]] = static_cast<std::uint32_t>(r);
    for (auto& c : labels) c = rank[c];
    if (old_of_new) {
        std::vector<std::uint32_t> tmp(k);
        for (std::size_t r = 0; r < k; ++r) tmp[r] = (*old_of_new)[order[r]];
        *old_of_new = std::move(tmp);
    }
    return k;
}

inline void check_membership(const SimpleGraph& g, std::span<const std::uint32_t> membership, const char* what) {
    if (membership.size() != g.n)
        throw input_error(std::string(what) + ": " + std::to_string(membership.size()) + " labels for " +
                          std::to_string(g.n) + " structures");
}

inline void check_resolution(double r) {
    if (!(std::isfinite(r) && r >= 0))
        throw input_error("resolution must be a finite number >= 0, got " + format_double(r));
}

inline SimpleGraph undirected_view(const Network& net, bool weighted) {
    return simple_view(net, {weighted ? Aggregate::sum : Aggregate::binary, true});
}

/// Unnormalised CPM quality sum_c [e_c - gamma n_c (n_c - 1) / 2].
inline double cpm_quality(const SimpleGraph& g, std::span<const std::uint32_t> m, std::size_t k, double gamma) {
    std::vector<double> inside(k, 0.0), size(k, 0.0);
    for (std::size_t u = 0; u < g.n; ++u) {
        size[m[u]] += 1.0;
        for (std::size_t e = g.offsets[u]; e < g.offsets[u + 1]; ++e)
            if (m[g.targets[e]] == m[u]) inside[m[u]] += g.weights[e];
    }
    double h = 0.0;
    for (std::size_t c = 0; c < k; ++c) h += inside[c] / 2.0 - gamma * size[c] * (size[c] - 1.0) / 2.0;
    return h;
}

/// The undirected simple view as a Boost.Graph adjacency list (each edge once), for the
/// BGL algorithms used here (core numbers, Bron–Kerbosch). O(n + m).
inline boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> undirected_boost_graph(
    const SimpleGraph& g) {
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> bg(g.n);
    for (std::size_t u = 0; u < g.n; ++u)
        for (auto v : g.neighbors(static_cast<index_t>(u)))
            if (u < v) boost::add_edge(u, v, bg);
    return bg;
}

/// Connected parts of the graph in which an edge (u, v) counts only when same(u, v):
/// one label per vertex, numbered in order of the smallest vertex (iterative DFS, O(n + m)).
template <class Same>
std::vector<std::uint32_t> connected_parts(const SimpleGraph& g, Same&& same) {
    constexpr auto unset = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> part(g.n, unset);
    std::vector<index_t> stack;
    std::uint32_t c = 0;
    for (std::size_t s = 0; s < g.n; ++s) {
        if (part[s] != unset) continue;
        part[s] = c;
        stack.push_back(static_cast<index_t>(s));
        while (!stack.empty()) {
            const auto u = stack.back();
            stack.pop_back();
            for (auto v : g.neighbors(u))
                if (part[v] == unset && same(u, v)) {
                    part[v] = c;
                    stack.push_back(v);
                }
        }
        ++c;
    }
    return part;
}

}  // namespace detail

/// Modularity of a partition (membership[i] = cluster label of vertex i, any values) of
/// an undirected simple graph:
///     Q = sum_c [ L_c / m - gamma (K_c / 2m)^2 ]
/// (Newman 2006; equals networkx.community.modularity, resolution convention of
/// networkx/igraph). A directed graph is read as undirected with each arc once (use the
/// Network overload to symmetrise). Edge cases: no edge (m = 0) -> NaN; isolates count
/// in no term. Throws input_error when membership has the wrong length or gamma < 0.
/// Complexity O(n + m).
inline double modularity(const SimpleGraph& g, std::span<const std::uint32_t> membership, double resolution = 1.0) {
    detail::check_membership(g, membership, "modularity");
    detail::check_resolution(resolution);
    std::vector<std::uint32_t> m(membership.begin(), membership.end());
    const std::size_t k = detail::canonical_labels(m);
    std::vector<double> inside(k, 0.0), total(k, 0.0);
    double two_m = 0.0;
    for (std::size_t u = 0; u < g.n; ++u) {
        double s = 0.0;
        for (std::size_t e = g.offsets[u]; e < g.offsets[u + 1]; ++e) {
            s += g.weights[e];
            if (m[g.targets[e]] == m[u]) inside[m[u]] += g.weights[e];
        }
        total[m[u]] += s;
        two_m += s;
    }
    if (g.directed) {  // each arc once: strengths are in + out, inside counts each arc once
        for (std::size_t u = 0; u < g.n; ++u)
            for (std::size_t e = g.in_offsets[u]; e < g.in_offsets[u + 1]; ++e) total[m[u]] += g.in_weights[e];
        for (auto& x : inside) x *= 2.0;
        two_m *= 2.0;
    }
    if (two_m == 0.0) return std::numeric_limits<double>::quiet_NaN();
    double q = 0.0;
    for (std::size_t c = 0; c < k; ++c) {
        const double f = total[c] / two_m;
        q += inside[c] / two_m - resolution * f * f;
    }
    return q;
}

struct ModularityOptions {
    double resolution = 1.0;
    bool weighted = true;  ///< false: every connected pair has weight 1
};

/// Modularity of a partition of a network on its undirected simple view (weights
/// summed over parallel links and both orientations; a directed network is
/// symmetrised, so a <-> b links of weight 1 each give one edge of weight 2).
inline double modularity(const Network& net, std::span<const std::uint32_t> membership,
                         const ModularityOptions& opt = {}) {
    return modularity(detail::undirected_view(net, opt.weighted), membership, opt.resolution);
}

enum class Objective {
    modularity,  ///< Q with resolution gamma
    cpm          ///< constant Potts model: sum_c [e_c - gamma n_c (n_c - 1) / 2]
};

struct LouvainOptions {
    double resolution = 1.0;
    std::uint64_t seed = 0;
    bool weighted = true;
    /// Passes of the whole multilevel algorithm, each starting from the previous result;
    /// a negative value repeats until a pass changes nothing or raises Q by at most
    /// tolerance x |Q| (at most 100 passes).
    int n_iterations = -1;
    /// Independent seeded runs, the best Q kept; 0 = automatic: as many as fit in a work
    /// budget, min(100, max(1, 100,000 / (n + 2m))): 100 runs up to ~500 links, 10 at
    /// ~5,000 links, 1 from ~50,000 links; no new run starts once the runs so far made
    /// 2e6 elementary steps (iterations x (n + 2m)).
    std::size_t restarts = 0;
    /// Relative gain under which the passes stop (n_iterations < 0): a pass from a
    /// partition of modularity Q that raises it by at most tolerance x |Q| is the last.
    /// 0: repeat until a pass improves nothing. Must be finite and >= 0.
    double tolerance = 1e-3;
    /// Worker threads (0 = all hardware threads). The partition is the same for a seed on
    /// any number of threads: see detail::CommunityOptimiser::local_move. Graphs under
    /// 2^17 nodes + arcs run on the calling thread only.
    unsigned threads = 0;
};

struct LeidenOptions {
    double resolution = 1.0;
    std::uint64_t seed = 0;
    bool weighted = true;
    Objective objective = Objective::modularity;
    /// Iterations of Leiden, each starting from the previous partition; negative: until
    /// an iteration changes nothing or raises the quality by at most tolerance x |quality|
    /// (at most 100; with tolerance = 0, leidenalg's n_iterations=-1).
    int n_iterations = -1;
    /// Randomness of the refinement: a node joins a refined community with probability
    /// proportional to exp(gain / beta) (igraph's beta; 0 = greedy).
    double beta = 0.01;
    /// Optional starting partition (one label per vertex, any values); empty = singletons.
    std::vector<std::uint32_t> initial_membership;
    /// Independent seeded runs, the best quality kept; 0 = automatic (as LouvainOptions).
    std::size_t restarts = 0;
    /// Relative gain under which the iterations stop (n_iterations < 0; as
    /// LouvainOptions::tolerance, on the optimised quality). The default 1e-3 stops after
    /// 3-4 iterations on sparse planted partitions of 10^4-10^6 links, where igraph's
    /// default is 2; 0 iterates until an iteration improves nothing.
    double tolerance = 1e-3;
    /// Worker threads (0 = all hardware threads); as LouvainOptions::threads.
    unsigned threads = 0;
};

namespace detail {
/// Automatic restarts: runs = min(100, max(1, budget / (n + 2m))), and no new run once
/// the runs so far made cap elementary steps (iterations x (n + 2m)).
inline constexpr std::size_t auto_restart_budget = 100'000;
inline constexpr double auto_restart_cap = 2e6;
/// Graphs with at least this many nodes + arcs run louvain() and leiden() on worker threads.
inline constexpr std::size_t parallel_from = std::size_t{1} << 17;

inline std::size_t auto_restarts(const SimpleGraph& g, std::size_t restarts) {
    if (restarts > 0) return restarts;
    const std::size_t work = g.n + g.targets.size();
    return std::clamp<std::size_t>(auto_restart_budget / std::max<std::size_t>(work, 1), 1, 100);
}

inline Partition optimise(const SimpleGraph& g, double resolution, std::uint64_t seed, int n_iterations, bool refine,
                          Objective objective, double beta, std::span<const std::uint32_t> initial,
                          std::size_t restarts, double tolerance, unsigned threads) {
    check_resolution(resolution);
    if (!(std::isfinite(beta) && beta >= 0))
        throw input_error("beta must be a finite number >= 0, got " + format_double(beta));
    if (n_iterations == 0) throw input_error("n_iterations must be >= 1, or negative to iterate until stable");
    if (!(std::isfinite(tolerance) && tolerance >= 0))
        throw input_error("tolerance must be a finite number >= 0, got " + format_double(tolerance));
    if (g.directed) throw input_error("louvain/leiden: the graph must be undirected (use the undirected view)");
    const std::size_t n = g.n;
    LevelGraph base;
    base.n = n;
    base.offsets = g.offsets;
    base.targets = g.targets;
    base.weights = g.weights;
    base.node_weight.assign(n, 1.0);
    double two_m = 0.0;
    for (std::size_t u = 0; u < n; ++u) {
        double s = 0.0;
        for (std::size_t e = g.offsets[u]; e < g.offsets[u + 1]; ++e) s += g.weights[e];
        if (objective == Objective::modularity) base.node_weight[u] = s;
        two_m += s;
    }
    const double gcoef = objective == Objective::cpm ? resolution : (two_m > 0 ? resolution / two_m : 0.0);
    std::vector<index_t> start(n);
    if (!initial.empty()) {
        if (initial.size() != n)
            throw input_error("initial_membership: " + std::to_string(initial.size()) + " labels for " +
                              std::to_string(n) + " structures");
        std::vector<std::uint32_t> tmp(initial.begin(), initial.end());
        canonical_labels(tmp);
        for (std::size_t v = 0; v < n; ++v) start[v] = tmp[v];
    } else {
        for (std::size_t v = 0; v < n; ++v) start[v] = static_cast<index_t>(v);
    }
    // the optimiser's H (CommunityOptimiser::objective) in units of the objective: Q = H / m,
    // CPM quality = H + gamma n / 2 (node weights 1)
    auto quality_of = [&](double h) {
        if (objective == Objective::cpm) return h + resolution * static_cast<double>(n) / 2.0;
        return two_m > 0 ? 2.0 * h / two_m : 0.0;
    };
    Partition p;
    const int max_iter = n_iterations < 0 ? 100 : n_iterations;
    const std::size_t runs = auto_restarts(g, restarts);
    Rng seeder(seed);
    std::vector<index_t> memb, best_memb;
    double best_q = -std::numeric_limits<double>::infinity();
    std::size_t iterations = 0, levels = 0;
    // automatic restarts also stop once the runs so far did auto_restart_cap elementary
    // steps (iterations x (n + 2m)), so that slowly converging graphs are not run 100 times
    const double work_per_iteration = static_cast<double>(n + g.targets.size());
    double spent = 0.0;
    // threads only where a batch of the local moving or a refinement is worth a hand-over
    Team team(n + g.targets.size() >= parallel_from ? worker_count(threads, n) : 1);
    for (std::size_t run = 0; run < runs && n > 0 && (restarts > 0 || run == 0 || spent < auto_restart_cap); ++run) {
        Rng rng(run == 0 ? seed : seeder.next());
        CommunityOptimiser opt(gcoef, rng, beta, &team);
        memb = start;
        CommunityOptimiser(0.0, rng, 0.0).renumber(memb);  // first-appearance numbering, as optimise_once returns
        std::size_t it = 0, lv_best = 0;
        double q = quality_of(opt.objective(base, memb, two_m));  // the quality of memb
        std::vector<index_t> work;
        while (it < static_cast<std::size_t>(max_iter)) {
            check_interrupt();  // Ctrl-C in Python: each pass, each restart
            work = memb;
            const PassResult pass = optimise_once(base, work, opt, refine, two_m);
            ++it;
            const double q_before = q, q2 = quality_of(pass.objective);
            const bool same = work == memb;
            if (!(q2 < q)) {
                memb.swap(work);
                lv_best = pass.levels;
                q = q2;
            }
            // stop when the iteration changed nothing or raised the quality by at most
            // tolerance x |quality| (1e-13 guards against rounding noise when tolerance = 0)
            const double gain_needed =
                std::max(tolerance * std::abs(q_before), 1e-13 * std::max(1.0, std::abs(q_before)));
            if (same || !(q2 > q_before + gain_needed)) break;
        }
        spent += static_cast<double>(it) * work_per_iteration;
        if (run == 0 || q > best_q) {
            best_q = q;
            best_memb.swap(memb);
            iterations = it;
            levels = lv_best;
        }
    }
    memb.swap(best_memb);
    if (n == 0) memb.clear();
    p.membership.assign(memb.begin(), memb.end());
    p.count = canonical_labels(p.membership);
    p.resolution = resolution;
    p.seed = seed;
    p.levels = levels;
    p.iterations = iterations;
    p.algorithm = refine ? "leiden" : "louvain";
    if (objective == Objective::cpm) {
        p.modularity = modularity(g, p.membership, 1.0);
        p.quality = cpm_quality(g, p.membership, p.count, resolution);
    } else {
        p.modularity = modularity(g, p.membership, resolution);
        p.quality = p.modularity;
    }
    return p;
}
}  // namespace detail

/// Louvain modularity optimisation (Blondel, Guillaume, Lambiotte & Lefebvre 2008) on
/// an undirected weighted simple graph. Each level moves nodes to the neighbouring
/// community of largest modularity gain
///     dQ = [w(v, D) - gamma k_v K_D / 2m] / m
/// until no move improves Q (nodes visited from a seeded random queue, as in Leiden's
/// fast local moving: a moved node's neighbours are revisited), then aggregates every
/// community into one node; stops when a level merges nothing. The whole procedure is
/// repeated from its own result while Q rises by more than options.tolerance x |Q|
/// (options.n_iterations), which only ever raises Q, and the best of options.restarts
/// independent seeded runs is kept
/// (automatic: many runs on small graphs, one on large ones; see LouvainOptions).
/// Levels of at least 32,768 nodes move their nodes in batches of 2,048 decided on
/// options.threads threads against the state at the start of the batch and applied in
/// queue order (detail::CommunityOptimiser::local_move). Isolates stay singletons. The
/// same seed gives the same partition on every platform and any number of threads
/// (detail::Rng, detail::SplitMix). Edge cases: empty graph -> no cluster; no edge ->
/// singletons with Q = NaN. Throws input_error for a directed SimpleGraph, gamma < 0 or tolerance < 0.
/// Complexity: about O(m) per level and pass, times the number of runs; O(n + m) memory
/// (flat arrays, one dense accumulator, no per-edge allocation).
inline Partition louvain(const SimpleGraph& g, const LouvainOptions& opt = {}) {
    return detail::optimise(g, opt.resolution, opt.seed, opt.n_iterations, false, Objective::modularity, 0.0, {},
                            opt.restarts, opt.tolerance, opt.threads);
}

/// Louvain on the undirected simple view of a network (a directed network is
/// symmetrised: weights of a -> b and b -> a summed). See louvain(const SimpleGraph&).
inline Partition louvain(const Network& net, const LouvainOptions& opt = {}) {
    return louvain(detail::undirected_view(net, opt.weighted), opt);
}

/// Leiden algorithm (Traag, Waltman & van Eck 2019): fast local moving, then a
/// refinement inside every community (nodes merge only into well-connected refined
/// communities, at random with probability ~ exp(gain / beta)), then aggregation of the
/// refined partition with the unrefined one as the starting point of the next level.
/// Every community of the result is connected. Objective: modularity with resolution
/// gamma (quality Q) or CPM sum_c [e_c - gamma n_c (n_c - 1) / 2] (node weights 1, as
/// leidenalg's CPMVertexPartition). Iterated by default until an iteration raises the
/// quality by at most options.tolerance x |quality| (tolerance 0: until an iteration
/// changes nothing, leidenalg's n_iterations=-1); best of options.restarts seeded runs
/// (as louvain()). Local moving in batches on large levels as louvain(); each community
/// is refined with its own random stream, the communities split over options.threads
/// threads. Deterministic for a seed on every platform and any number of threads. Edge
/// cases and errors as louvain(), plus beta < 0, n_iterations = 0 or tolerance < 0.
/// Complexity: about O(m) per level and iteration, times the number of runs.
inline Partition leiden(const SimpleGraph& g, const LeidenOptions& opt = {}) {
    return detail::optimise(g, opt.resolution, opt.seed, opt.n_iterations, true, opt.objective, opt.beta,
                            opt.initial_membership, opt.restarts, opt.tolerance, opt.threads);
}

/// Leiden on the undirected simple view of a network (directed networks symmetrised).
inline Partition leiden(const Network& net, const LeidenOptions& opt = {}) {
    return leiden(detail::undirected_view(net, opt.weighted), opt);
}

struct ComponentsOptions {
    /// Strongly connected components of a directed network (Boost.Graph
    /// strong_components, Tarjan). On an undirected network they are the components.
    bool strong = false;
};

/// Connected components as a Partition (clusters largest first, ties by smallest
/// structure index; communities() lists them). Default: weak components (direction
/// dropped). Isolates are singleton components. `modularity` is the Q of the partition
/// (unweighted, gamma = 1; NaN without edges). Complexity O(n + m).
inline Partition components(const Network& net, const ComponentsOptions& opt = {}) {
    const std::size_t n = net.number_of_structures();
    Partition p;
    p.membership.assign(n, 0);
    if (opt.strong && net.directed()) {
        using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
        const auto d = simple_view(net, {Aggregate::binary, false});
        G bg(n);
        for (std::size_t u = 0; u < n; ++u)
            for (auto v : d.neighbors(static_cast<index_t>(u))) boost::add_edge(u, v, bg);
        std::vector<std::size_t> comp(n);
        boost::strong_components(bg,
                                 boost::make_iterator_property_map(comp.begin(), boost::get(boost::vertex_index, bg)));
        for (std::size_t i = 0; i < n; ++i) p.membership[i] = static_cast<std::uint32_t>(comp[i]);
        p.algorithm = "strong_components";
    } else {
        const auto g = simple_view(net, {Aggregate::binary, true});
        p.membership = detail::connected_parts(g, [](index_t, index_t) { return true; });
        p.algorithm = "components";
    }
    p.count = detail::canonical_labels(p.membership);
    p.modularity = p.quality =
        n ? modularity(net, p.membership, {1.0, false}) : std::numeric_limits<double>::quiet_NaN();
    return p;
}

struct LabelPropagationOptions {
    std::uint64_t seed = 0;
    bool weighted = true;
    std::size_t max_sweeps = 1000;
};

/// Asynchronous label propagation (Raghavan, Albert & Kumara 2007) on the undirected
/// simple view: every node starts with its own label; in each sweep (nodes in a seeded
/// random order) a node takes the label of largest total link weight among its
/// neighbours, keeping its own label when it is among the best and otherwise choosing
/// uniformly among the tied best labels. Stops after a sweep without change (every node
/// has a most frequent label of its neighbourhood) or max_sweeps. Finally a label shared
/// by disconnected groups is split, so every community is connected. Isolates are
/// singletons. Complexity O(m) per sweep.
inline Partition label_propagation(const Network& net, const LabelPropagationOptions& opt = {}) {
    const auto g = detail::undirected_view(net, opt.weighted);
    const std::size_t n = g.n;
    std::vector<std::uint32_t> label(n);
    std::iota(label.begin(), label.end(), 0u);
    detail::Rng rng(opt.seed);
    std::vector<index_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::vector<double> acc(n, 0.0);
    std::vector<std::uint32_t> touched, best;
    std::size_t sweeps = 0;
    bool changed = true;
    while (changed && sweeps < opt.max_sweeps) {
        detail::check_interrupt();
        changed = false;
        ++sweeps;
        rng.shuffle(order);
        for (auto v : order) {
            if (g.degree(v) == 0) continue;
            for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
                const auto l = label[g.targets[e]];
                if (acc[l] == 0.0) touched.push_back(l);
                acc[l] += g.weights[e];
            }
            double mx = 0.0;
            for (auto l : touched) mx = std::max(mx, acc[l]);
            best.clear();
            bool own = false;
            for (auto l : touched)
                if (acc[l] >= mx * (1 - 1e-12)) {
                    best.push_back(l);
                    own = own || l == label[v];
                }
            for (auto l : touched) acc[l] = 0.0;
            touched.clear();
            if (own) continue;
            label[v] = best.size() == 1 ? best[0] : best[rng.below(best.size())];
            changed = true;
        }
    }
    // split labels into connected parts
    Partition p;
    p.membership = detail::connected_parts(g, [&](index_t u, index_t v) { return label[u] == label[v]; });
    p.count = detail::canonical_labels(p.membership);
    p.modularity = p.quality = modularity(g, p.membership, 1.0);
    p.seed = opt.seed;
    p.levels = sweeps;
    p.algorithm = "label_propagation";
    return p;
}

/// k-core number of every structure (Batagelj & Zaversnik 2003, via Boost.Graph
/// core_numbers): the largest k such that the structure belongs to a subgraph where
/// every structure has at least k partners. Runs on the undirected simple view (a
/// partner counts once whatever the number of links or their direction; equals
/// networkx.core_number on the undirected simple graph). Isolates have core 0.
/// Complexity O(n + m log n) (BGL's heap-based implementation).
inline std::vector<std::uint32_t> core_number(const Network& net) {
    const auto g = simple_view(net, {Aggregate::binary, true});
    const auto bg = detail::undirected_boost_graph(g);
    std::vector<std::size_t> core(g.n, 0);
    if (g.n)
        boost::core_numbers(bg, boost::make_iterator_property_map(core.begin(), boost::get(boost::vertex_index, bg)));
    return {core.begin(), core.end()};
}

namespace detail {
struct CliqueCollector {
    std::vector<std::vector<index_t>>* out;
    template <class Clique, class Graph>
    void clique(const Clique& c, const Graph&) {
        std::vector<index_t> v;
        v.reserve(c.size());
        for (auto x : c) v.push_back(static_cast<index_t>(x));
        std::sort(v.begin(), v.end());
        out->push_back(std::move(v));
    }
};
}  // namespace detail

struct CliquesOptions {
    std::size_t min_size = 3;  ///< report maximal cliques of at least this many structures (>= 1)
};

/// Maximal cliques of the undirected simple view with at least min_size members
/// (Bron & Kerbosch 1973, Boost.Graph bron_kerbosch_all_cliques). Each clique lists its
/// structure indices in ascending order; cliques are sorted by decreasing size, then
/// lexicographically. Isolates are cliques of size 1 (min_size = 1). Complexity
/// exponential in the worst case (O(3^(n/3)) cliques), fast on sparse networks.
inline std::vector<std::vector<index_t>> cliques(const Network& net, const CliquesOptions& opt = {}) {
    if (opt.min_size < 1) throw input_error("min_size must be >= 1");
    const auto g = simple_view(net, {Aggregate::binary, true});
    const auto bg = detail::undirected_boost_graph(g);
    std::vector<std::vector<index_t>> out;
    if (g.n) boost::bron_kerbosch_all_cliques(bg, detail::CliqueCollector{&out}, opt.min_size);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
    return out;
}

/// Agreement of two partitions of the same items.
struct PartitionComparison {
    /// Normalised mutual information MI / ((H(a) + H(b)) / 2) (arithmetic mean, scikit-learn's
    /// default); 1 when both partitions have one cluster; 0 when MI = 0.
    double nmi = std::numeric_limits<double>::quiet_NaN();
    /// Adjusted Rand index (Hubert & Arabie 1985), = scikit-learn's adjusted_rand_score;
    /// 1 when the pair counts agree perfectly.
    double ari = std::numeric_limits<double>::quiet_NaN();
    /// Variation of information H(a) + H(b) - 2 MI (Meila 2007), natural log.
    double vi = std::numeric_limits<double>::quiet_NaN();
    std::size_t n = 0;
};

/// NMI, ARI and VI between two labelings of the same n items (labels any 32-bit
/// values). Entropies use natural logs. Edge cases (as scikit-learn): n = 0 -> NMI = ARI = 1,
/// VI = 0. Throws input_error when the lengths differ. Complexity O(n log n).
inline PartitionComparison compare_partitions(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
    if (a.size() != b.size())
        throw input_error("compare_partitions: the partitions have " + std::to_string(a.size()) + " and " +
                          std::to_string(b.size()) + " items");
    PartitionComparison r;
    const std::size_t n = a.size();
    r.n = n;
    std::vector<std::uint32_t> x(a.begin(), a.end()), y(b.begin(), b.end());
    const std::size_t ka = detail::canonical_labels(x), kb = detail::canonical_labels(y);
    std::vector<std::uint64_t> pairs(n);
    for (std::size_t i = 0; i < n; ++i) pairs[i] = (std::uint64_t(x[i]) << 32) | y[i];
    std::sort(pairs.begin(), pairs.end());
    std::vector<double> ca(ka, 0.0), cb(kb, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        ca[x[i]] += 1;
        cb[y[i]] += 1;
    }
    const double N = static_cast<double>(n);
    auto comb2 = [](double v) { return v * (v - 1) / 2; };
    double mi = 0.0, sum_ij = 0.0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && pairs[j] == pairs[i]) ++j;
        const double nij = static_cast<double>(j - i);
        const double ai = ca[pairs[i] >> 32], bj = cb[pairs[i] & 0xffffffffu];
        const double term = nij / N * (std::log(nij) + std::log(N) - std::log(ai) - std::log(bj));
        if (std::abs(term) >= std::numeric_limits<double>::epsilon()) mi += term;  // as scikit-learn
        sum_ij += comb2(nij);
        i = j;
    }
    mi = ka <= 1 || kb <= 1 ? 0.0 : std::max(mi, 0.0);  // one cluster: no information
    double ha = 0.0, hb = 0.0, sa = 0.0, sb = 0.0;
    for (double c : ca) {
        ha -= c / N * std::log(c / N);
        sa += comb2(c);
    }
    for (double c : cb) {
        hb -= c / N * std::log(c / N);
        sb += comb2(c);
    }
    if ((ka == 1 && kb == 1) || (ka == 0 && kb == 0)) r.nmi = 1.0;
    else if (mi == 0.0) r.nmi = 0.0;
    else r.nmi = mi / std::max((ha + hb) / 2, std::numeric_limits<double>::epsilon());
    r.vi = n ? std::max(0.0, ha + hb - 2 * mi) : 0.0;
    // ARI from the pair confusion matrix, as scikit-learn
    const double total = comb2(N);
    const double tp = sum_ij, fp = sb - sum_ij, fn = sa - sum_ij, tn = total - sa - sb + sum_ij;
    if (fn == 0 && fp == 0) r.ari = 1.0;
    else r.ari = 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    return r;
}

struct PartitionByOptions {
    double resolution = 1.0;
    bool weighted = true;
    /// Label of the structures that lack the attribute (they form one group); unset:
    /// such structures are an error.
    std::optional<Value> missing;
};

/// The formal groups as a partition: structures grouped by the value of an attribute
/// (group_by: 1 == 1.0; "name" groups by display name). Clusters are numbered by
/// decreasing size and labels[c] is the attribute value of cluster c; modularity is the Q
/// of the groups on the weighted undirected view at `resolution`. Throws input_error
/// naming the structures that lack the attribute, unless options.missing gives them a
/// label. Complexity O(n k + m).
inline Partition partition_by(const Network& net, std::string_view attribute, const PartitionByOptions& opt = {}) {
    Grouping grouping = group_by(net, attribute, opt.missing);
    Partition p;
    p.membership = std::move(grouping.membership);
    std::vector<std::uint32_t> old_of_new;
    p.count = detail::canonical_labels(p.membership, &old_of_new);
    for (auto o : old_of_new) p.labels.push_back(grouping.labels[o]);
    p.resolution = opt.resolution;
    p.modularity = p.quality = modularity(net, p.membership, {opt.resolution, opt.weighted});
    p.algorithm = "attribute";
    return p;
}

}  // namespace coopmap
