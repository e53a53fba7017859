#pragma once
/// \file gaps.hpp
/// (Over 600 lines: six families of measures, each with its doc block; Burt's per-ego
/// pass is in detail/gaps_burt.hpp.)
/// Where cooperation is missing: Burt's structural holes (constraint, effective size,
/// efficiency, hierarchy), cut points and bridges, suggested cooperations (link
/// prediction), group mixing (mixing matrix, nominal assortativity, Krackhardt & Stern's
/// E-I index), inter-cluster density, reciprocity and isolates.
///
/// Conventions shared by every function of this header:
///  * the network is first reduced to a simple graph (CSR snapshot, network.hpp):
///    parallel links of a pair (several types, or the same type declared twice) are
///    aggregated by SUM of weights; "unweighted" means every connected pair (or arc) has
///    weight 1 after aggregation;
///  * "undirected simple view": direction is dropped, a -> b and b -> a merge into one
///    tie, each connected pair is counted once;
///  * undefined values are NaN (isolates, empty networks), never an exception;
///  * vertex i is the i-th structure of the network (insertion order).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/property_map/property_map.hpp>

#include "coopmap/detail/gaps_burt.hpp"
#include "coopmap/detail/interrupt.hpp"
#include "coopmap/detail/random.hpp"
#include "coopmap/error.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

// =====================================================================================
// Burt's structural holes
// =====================================================================================

struct BurtOptions {
    /// Use link weights (aggregated by sum); false: every arc / edge has weight 1.
    bool weighted = true;
    /// Worker threads (0 = hardware concurrency, capped at 8; graphs with fewer than
    /// 100,000 edges always run on one). Results do not depend on it.
    unsigned threads = 0;
};

/// Burt's four measures per structure (index = structure index).
struct StructuralHoles {
    std::vector<std::size_t> degree;     ///< number of distinct partners (in- or out-, once)
    std::vector<double> constraint;      ///< c_i; NaN for isolates
    std::vector<double> effective_size;  ///< e_i; NaN for isolates
    std::vector<double> efficiency;      ///< e_i / degree; NaN for isolates
    std::vector<double> hierarchy;       ///< h_i; 0 for one partner, NaN for isolates
};

/// Burt (1992) structural holes, networkx definitions (`nx.constraint`,
/// `nx.effective_size`), all four measures in one pass per ego.
///
/// Weights: a_ij is the SUM of the weights of the links i -> j (undirected: i -- j)
/// when `weighted`, else 1 when such a link exists. The mutual weight is
/// w_ij = a_ij + a_ji (directed networks keep both arcs; undirected networks have
/// a_ij = a_ji, and the constant factor cancels). N(i) = partners of i (in or out).
///   p_ij = w_ij / sum_{k in N(i)} w_ik                (proportional tie strength)
///   m_jq = w_jq / max_{k in N(j)} w_jk                 (marginal strength)
///   dyadic constraint c_ij = (p_ij + sum_{q in N(i), q != j} p_iq p_qj)^2
///   constraint c_i = sum_{j in N(i)} c_ij
///   effective size e_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq)
///     (unweighted undirected: equals Borgatti's n - 2t/n, t = ties among partners;
///     equal to networkx's per-node path nx.effective_size(G, nodes=...). networkx 3.6's
///     all-nodes sparse path divides a_jq by max_k a_qk instead of max_k a_jk, which
///     differs on weighted or directed graphs: we follow Burt's definition)
///   efficiency = e_i / |N(i)|
///   hierarchy h_i = sum_j (c_ij / C) ln(c_ij / C) / (N ln N), C = c_i / N, N = |N(i)|
///     (Burt 1992, p. 71; the Coleman-Theil disorder index of the dyadic constraints:
///     0 when they are all equal, 1 when one partner carries all of it). For N = 1 the
///     formula is 0/0; we return 0 by convention (a single constraint is "equally
///     spread"), as UCINET does.
/// Edge cases: isolates (no in- and no out-tie) -> NaN for all four (degree 0); a
/// directed structure with in-ties only is not an isolate (as networkx's all-nodes
/// computation; its per-node path returns NaN there); the empty network gives empty
/// vectors; disconnected graphs are fine (everything is local to the ego).
/// Complexity: O(sum_j deg(j)^2) time (each ego visits its partners' rows once),
/// O(n + m) memory; dense scratch arrays, no maps; multi-threaded for large graphs.
/// References: Burt, R. S. (1992) Structural Holes, Harvard UP; Borgatti, S. P. (1997)
/// "Structural holes: unpacking Burt's redundancy measures", Connections 20(1).
inline StructuralHoles structural_holes(const Network& net, const BurtOptions& opt = {}) {
    const SimpleGraph g = detail::mutual_graph(net, opt.weighted);
    auto cols = detail::burt_all(g, opt.threads);
    StructuralHoles r;
    r.degree.resize(g.n);
    for (index_t i = 0; i < g.n; ++i) r.degree[i] = g.degree(i);
    r.constraint = std::move(cols.constraint);
    r.effective_size = std::move(cols.effective_size);
    r.efficiency = std::move(cols.efficiency);
    r.hierarchy = std::move(cols.hierarchy);
    return r;
}

/// Burt's constraint per structure (see structural_holes for the formula).
inline std::vector<double> constraint(const Network& net, const BurtOptions& opt = {}) {
    return structural_holes(net, opt).constraint;
}
/// Burt's effective size per structure (see structural_holes for the formula).
inline std::vector<double> effective_size(const Network& net, const BurtOptions& opt = {}) {
    return structural_holes(net, opt).effective_size;
}
/// Effective size / number of partners (see structural_holes).
inline std::vector<double> efficiency(const Network& net, const BurtOptions& opt = {}) {
    return structural_holes(net, opt).efficiency;
}
/// Burt's hierarchy per structure (see structural_holes; 0 for one partner).
inline std::vector<double> hierarchy(const Network& net, const BurtOptions& opt = {}) {
    return structural_holes(net, opt).hierarchy;
}

// =====================================================================================
// Cut points and bridges
// =====================================================================================

/// Biconnected structure of the undirected simple view.
struct Biconnected {
    /// Cut points: structures whose removal disconnects their component (sorted by index).
    std::vector<index_t> articulation_points;
    /// Bridges: ties whose removal disconnects their component, (u, v) with u < v by index,
    /// sorted.
    std::vector<std::pair<index_t, index_t>> bridges;
    /// Biconnected components as sorted vertex lists (a bridge is a component of two
    /// vertices; isolates belong to none), sorted by their first vertex, then size.
    std::vector<std::vector<index_t>> components;
};

/// Articulation points, bridges and biconnected components of the undirected simple view
/// (Hopcroft & Tarjan 1973, via Boost.Graph's biconnected_components, a non-recursive DFS).
/// Equal to networkx's articulation_points / bridges / biconnected_components.
/// Edge cases: isolates and the empty network give nothing; directed networks are taken
/// undirected. Complexity O(n + m).
inline Biconnected biconnected(const SimpleGraph& g) {
    using BGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                         boost::property<boost::edge_index_t, std::size_t>>;
    BGraph bg(g.n);
    std::size_t ne = 0;
    for (index_t u = 0; u < g.n; ++u)
        for (auto v : g.neighbors(u))
            if (u < v) boost::add_edge(u, v, ne++, bg);
    std::vector<std::size_t> comp(ne, 0);
    auto cmap = boost::make_iterator_property_map(comp.begin(), boost::get(boost::edge_index, bg));
    std::vector<BGraph::vertex_descriptor> art;
    const auto res = boost::biconnected_components(bg, cmap, std::back_inserter(art));
    const std::size_t nc = res.first;
    Biconnected out;
    for (auto a : art) out.articulation_points.push_back(static_cast<index_t>(a));
    std::sort(out.articulation_points.begin(), out.articulation_points.end());
    std::vector<std::vector<index_t>> members(nc);
    std::vector<std::size_t> edges_in(nc, 0);
    std::vector<std::pair<index_t, index_t>> first_edge(nc);
    for (auto [it, end] = boost::edges(bg); it != end; ++it) {
        const auto c = comp[boost::get(boost::edge_index, bg, *it)];
        auto s = static_cast<index_t>(boost::source(*it, bg)), t = static_cast<index_t>(boost::target(*it, bg));
        if (s > t) std::swap(s, t);
        members[c].push_back(s);
        members[c].push_back(t);
        if (edges_in[c]++ == 0) first_edge[c] = {s, t};
    }
    for (std::size_t c = 0; c < nc; ++c) {
        auto& m = members[c];
        std::sort(m.begin(), m.end());
        m.erase(std::unique(m.begin(), m.end()), m.end());
        if (edges_in[c] == 1) out.bridges.push_back(first_edge[c]);
    }
    std::sort(out.bridges.begin(), out.bridges.end());
    std::sort(members.begin(), members.end());
    out.components = std::move(members);
    return out;
}
/// Biconnected structure of a network: its undirected simple view (direction and weights
/// ignored, parallel links merged), see the SimpleGraph overload. O(n + m log d).
inline Biconnected biconnected(const Network& net) {
    return biconnected(simple_view(net, SimpleViewOptions{Aggregate::binary, true}));
}
/// Cut points (see biconnected).
inline std::vector<index_t> articulation_points(const Network& net) { return biconnected(net).articulation_points; }
/// Bridges (see biconnected).
inline std::vector<std::pair<index_t, index_t>> bridges(const Network& net) { return biconnected(net).bridges; }
/// Biconnected components (see biconnected).
inline std::vector<std::vector<index_t>> biconnected_components(const Network& net) {
    return biconnected(net).components;
}

/// A local bridge: a tie whose ends have no common partner.
struct LocalBridge {
    index_t u;    ///< smaller index
    index_t v;    ///< larger index
    double span;  ///< hops between u and v once the tie is removed (>= 3); +inf when none
};

/// Local bridges of the undirected simple view, as networkx's
/// `local_bridges(G, with_span=True)`: ties {u, v} with N(u) ∩ N(v) = ∅; span = length of
/// the shortest u-v path avoiding the tie (unweighted hops), +infinity when the tie is a
/// bridge (no other path). Every bridge is a local bridge with infinite span.
/// with_span = false skips the searches (span = NaN).
/// Complexity: O(m d_max) for the common-partner tests plus one bidirectional BFS per
/// local bridge (O(n + m) each in the worst case) when with_span.
inline std::vector<LocalBridge> local_bridges(const SimpleGraph& g, bool with_span = true) {
    std::vector<LocalBridge> out;
    std::vector<std::int64_t> dist(g.n, -1);  // from u: >= 0; from v: coded as -2 - d
    std::vector<index_t> touched, front_a, front_b, next;
    auto common = [&](index_t u, index_t v) {
        auto a = g.neighbors(u), b = g.neighbors(v);
        std::size_t i = 0, j = 0;
        while (i < a.size() && j < b.size()) {
            if (a[i] == b[j]) return true;
            if (a[i] < b[j]) ++i;
            else ++j;
        }
        return false;
    };
    // Bidirectional BFS between u and v that never uses the tie {u, v}.
    auto span = [&](index_t u, index_t v) -> double {
        std::vector<std::int64_t>& side = dist;  // >= 0: distance from u; <= -2: -(2 + distance from v)
        touched.clear();
        side[u] = 0;
        side[v] = -2;
        touched.push_back(u);
        touched.push_back(v);
        front_a.assign(1, u);
        front_b.assign(1, v);
        std::int64_t da = 0, db = 0;
        double found = std::numeric_limits<double>::infinity();
        while (!front_a.empty() && !front_b.empty()) {
            const bool from_a = front_a.size() <= front_b.size();
            auto& front = from_a ? front_a : front_b;
            next.clear();
            for (auto x : front)
                for (auto y : g.neighbors(x)) {
                    if ((x == u && y == v) || (x == v && y == u)) continue;
                    const auto s = side[y];
                    if (s == -1) {
                        side[y] = from_a ? da + 1 : -2 - (db + 1);
                        touched.push_back(y);
                        next.push_back(y);
                    } else if (from_a && s <= -2) {
                        found = std::min(found, static_cast<double>(da + 1 + (-2 - s)));
                    } else if (!from_a && s >= 0) {
                        found = std::min(found, static_cast<double>(db + 1 + s));
                    }
                }
            if (found != std::numeric_limits<double>::infinity()) break;
            front.swap(next);
            if (from_a) ++da;
            else ++db;
        }
        for (auto x : touched) side[x] = -1;
        return found;
    };
    for (index_t u = 0; u < g.n; ++u)
        for (auto v : g.neighbors(u)) {
            if (v <= u || common(u, v)) continue;
            out.push_back(LocalBridge{u, v, with_span ? span(u, v) : std::numeric_limits<double>::quiet_NaN()});
        }
    return out;
}
inline std::vector<LocalBridge> local_bridges(const Network& net, bool with_span = true) {
    return local_bridges(simple_view(net, SimpleViewOptions{Aggregate::binary, true}), with_span);
}


// =====================================================================================
// Link prediction: cooperations that could exist
// =====================================================================================

enum class LinkPredictor { common_neighbors, jaccard, adamic_adar, resource_allocation, preferential_attachment };

/// Parses "common_neighbors", "jaccard", "adamic_adar", "resource_allocation" or
/// "preferential_attachment"; throws input_error naming the argument otherwise.
inline LinkPredictor parse_link_predictor(std::string_view s) {
    if (s == "common_neighbors") return LinkPredictor::common_neighbors;
    if (s == "jaccard") return LinkPredictor::jaccard;
    if (s == "adamic_adar") return LinkPredictor::adamic_adar;
    if (s == "resource_allocation") return LinkPredictor::resource_allocation;
    if (s == "preferential_attachment") return LinkPredictor::preferential_attachment;
    throw input_error("method: unknown link predictor '" + std::string(s) +
                      "' (expected common_neighbors, jaccard, adamic_adar, resource_allocation or "
                      "preferential_attachment)");
}

struct PredictOptions {
    LinkPredictor method = LinkPredictor::adamic_adar;
    /// Keep the best `top` suggestions; nullopt keeps every candidate with score > 0.
    std::optional<std::size_t> top = 25;
    /// Keep only pairs whose attribute values differ (empty: no restriction).
    std::string across_attribute;
    /// Keep only pairs in different clusters (one label per structure; empty: none).
    std::vector<std::uint32_t> across_membership;
    /// Group of the structures lacking `across_attribute` (unset: they raise input_error).
    std::optional<Value> missing;
};

/// A suggested cooperation between two structures that are not linked.
struct Suggestion {
    std::string source;  ///< the smaller id in string order
    std::string target;  ///< the larger id
    double score;
    std::vector<std::string> shared;  ///< common partners (ids, sorted): the explanation
    index_t source_index;
    index_t target_index;
};

/// Link prediction on the non-adjacent pairs of the undirected simple view (each pair
/// once, source < target in string order). With Γ(u) the partners of u and
/// k_w = |Γ(w)|, the scores are those of networkx:
///   common_neighbors        |Γ(u) ∩ Γ(v)|
///   jaccard                 |Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)|
///   adamic_adar             Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / ln k_w      (Adamic & Adar 2003)
///   resource_allocation     Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / k_w         (Zhou, Lü & Zhang 2009)
///   preferential_attachment k_u k_v                             (Barabási & Albert 1999)
/// Only pairs with score > 0 are suggested (so, except for preferential attachment,
/// only pairs at distance 2). Order: score descending, then source id, then target id
/// (string order), which is total and therefore stable. `across_*` keeps pairs in
/// different groups / clusters. Each suggestion lists the shared partners.
/// Edge cases: fewer than 2 structures or no candidate -> empty; top = 0 -> empty;
/// directed networks are taken undirected.
/// Complexity: neighbourhood methods O(sum_w k_w^2) time with one dense accumulator
/// (no maps) and a bounded heap of `top` entries; preferential attachment with `top`
/// scans pairs by decreasing degree product and stops at the k-th best one (ties at
/// that score are cut short too, as the pair order is monotone within a degree class):
/// O(n log n + visited pairs), in practice O(n + k); preferential attachment with top =
/// nullopt lists every non-adjacent pair of non-isolated structures: O(n^2) time and
/// memory — only for small networks (input_error beyond 5 * 10^7 candidate pairs).
/// Throws input_error for a membership of the wrong size, input_error from group_by when
/// structures lack the attribute.
inline std::vector<Suggestion> predict_links(const Network& net, const PredictOptions& opt = {}) {
    const SimpleGraph g = simple_view(net, SimpleViewOptions{Aggregate::binary, true});
    const auto n = static_cast<index_t>(g.n);
    std::vector<std::uint32_t> group;
    if (!opt.across_membership.empty()) {
        if (opt.across_membership.size() != g.n)
            throw input_error("across: membership has " + std::to_string(opt.across_membership.size()) +
                              " labels for " + std::to_string(g.n) + " structures");
        group = opt.across_membership;
    } else if (!opt.across_attribute.empty()) {
        group = group_by(net, opt.across_attribute, opt.missing).membership;
    }
    // rank[i] = position of structure i's id in string order
    std::vector<index_t> order(n), rank(n);
    for (index_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](index_t a, index_t b) { return net.structure(a).id < net.structure(b).id; });
    for (index_t r = 0; r < n; ++r) rank[order[r]] = r;

    struct Cand {
        double score;
        index_t s, t;  // s has the smaller rank
    };
    auto better = [&](const Cand& a, const Cand& b) {
        if (a.score != b.score) return a.score > b.score;
        if (rank[a.s] != rank[b.s]) return rank[a.s] < rank[b.s];
        return rank[a.t] < rank[b.t];
    };
    const bool bounded = opt.top.has_value();
    const std::size_t k = bounded ? *opt.top : 0;
    std::vector<Cand> heap;  // bounded: worst candidate at the front
    auto offer = [&](double score, index_t a, index_t b) {
        if (!(score > 0)) return;
        if (rank[a] > rank[b]) std::swap(a, b);
        Cand c{score, a, b};
        if (!bounded) {
            heap.push_back(c);
            return;
        }
        if (k == 0) return;
        if (heap.size() < k) {
            heap.push_back(c);
            std::push_heap(heap.begin(), heap.end(), better);
        } else if (better(c, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), better);
            heap.back() = c;
            std::push_heap(heap.begin(), heap.end(), better);
        }
    };
    auto differ = [&](index_t a, index_t b) { return group.empty() || group[a] != group[b]; };
    auto adjacent = [&](index_t a, index_t b) {
        auto nb = g.neighbors(a);
        return std::binary_search(nb.begin(), nb.end(), b);
    };

    if (opt.method == LinkPredictor::preferential_attachment) {
        if (!bounded) {
            double linked = 0;
            for (index_t i = 0; i < n; ++i) linked += g.degree(i) ? 1.0 : 0.0;
            if (linked * (linked - 1) / 2 > 5e7)
                throw input_error("top: preferential_attachment with top=None would list up to " +
                                  std::to_string(static_cast<long long>(linked * (linked - 1) / 2)) +
                                  " pairs; give a top (more than 50,000,000 candidate pairs)");
        }
        std::vector<index_t> bydeg(n);
        for (index_t i = 0; i < n; ++i) bydeg[i] = i;
        std::sort(bydeg.begin(), bydeg.end(), [&](index_t a, index_t b) {
            if (g.degree(a) != g.degree(b)) return g.degree(a) > g.degree(b);
            return rank[a] < rank[b];
        });
        auto threshold = [&]() { return bounded && heap.size() == k && k > 0 ? heap.front().score : 0.0; };
        for (index_t a = 0; a < n; ++a) {
            const index_t u = bydeg[a];
            const double du = static_cast<double>(g.degree(u));
            if (du == 0 || (bounded && k == 0)) break;
            if (a + 1 < n && du * static_cast<double>(g.degree(bydeg[a + 1])) < threshold()) break;
            for (index_t b = a + 1; b < n; ++b) {
                const index_t v = bydeg[b];
                const double s = du * static_cast<double>(g.degree(v));
                if (s == 0 || s < threshold()) break;
                // A tie with the k-th best: later partners of u have a lower degree (a lower
                // score) or the same degree and a larger rank, whose pair (min rank, max rank)
                // sorts after this one. So once this pair cannot enter, none of them can.
                if (bounded && heap.size() == k && s == heap.front().score &&
                    !better(Cand{s, rank[u] < rank[v] ? u : v, rank[u] < rank[v] ? v : u}, heap.front()))
                    break;
                if (!differ(u, v) || adjacent(u, v)) continue;
                offer(s, u, v);
            }
        }
    } else {
        // Sums in extended precision, so that pairs whose partners have the same degrees get
        // the same double whatever the order of summation (exact ties sort by id).
        std::vector<long double> acc(n, 0.0L);
        std::vector<std::uint32_t> cnt(n, 0);
        std::vector<index_t> stamp(n, UINT32_MAX), touched;
        std::vector<double> contrib(n, 0.0);
        for (index_t w = 0; w < n; ++w) {
            const double kw = static_cast<double>(g.degree(w));
            contrib[w] = opt.method == LinkPredictor::adamic_adar           ? (kw > 1 ? 1.0 / std::log(kw) : 0.0)
                         : opt.method == LinkPredictor::resource_allocation ? (kw > 0 ? 1.0 / kw : 0.0)
                                                                            : 1.0;
        }
        for (index_t u = 0; u < n; ++u) {
            touched.clear();
            for (auto w : g.neighbors(u)) {
                auto nb = g.neighbors(w);
                for (auto it = std::upper_bound(nb.begin(), nb.end(), u); it != nb.end(); ++it) {
                    const index_t v = *it;
                    if (cnt[v] == 0) touched.push_back(v);
                    ++cnt[v];
                    acc[v] += contrib[w];
                }
            }
            for (auto v : g.neighbors(u)) stamp[v] = u;
            for (auto v : touched) {
                if (stamp[v] != u && differ(u, v)) {
                    double s;
                    switch (opt.method) {
                        case LinkPredictor::common_neighbors: s = cnt[v]; break;
                        case LinkPredictor::jaccard:
                            s = cnt[v] / static_cast<double>(g.degree(u) + g.degree(v) - cnt[v]);
                            break;
                        default: s = static_cast<double>(acc[v]); break;
                    }
                    offer(s, u, v);
                }
                cnt[v] = 0;
                acc[v] = 0.0L;
            }
        }
    }
    std::sort(heap.begin(), heap.end(), better);
    std::vector<Suggestion> out;
    out.reserve(heap.size());
    for (const auto& c : heap) {
        Suggestion s{net.structure(c.s).id, net.structure(c.t).id, c.score, {}, c.s, c.t};
        auto a = g.neighbors(c.s), b = g.neighbors(c.t);
        std::size_t i = 0, j = 0;
        while (i < a.size() && j < b.size()) {
            if (a[i] == b[j]) {
                s.shared.push_back(net.structure(a[i]).id);
                ++i;
                ++j;
            } else if (a[i] < b[j]) ++i;
            else ++j;
        }
        std::sort(s.shared.begin(), s.shared.end());
        out.push_back(std::move(s));
    }
    return out;
}

// =====================================================================================
// Group mixing: mixing matrix, assortativity, E-I index, cluster gaps
// =====================================================================================

/// Ties between groups on the undirected simple view.
struct MixingMatrix {
    std::vector<Value> labels;       ///< group labels (first appearance in structure order)
    std::vector<std::size_t> sizes;  ///< structures per group
    std::size_t k = 0;               ///< number of groups
    /// k x k row-major, symmetric. Off-diagonal [a][b] = ties (or summed weights) between
    /// groups a and b; diagonal [a][a] = ties within a, each tie counted ONCE. networkx's
    /// attribute_mixing_matrix(G, attr, normalized=False) counts each undirected edge in
    /// both orientations: equal off the diagonal, twice ours on it.
    std::vector<double> matrix;
    /// Group pairs (a < b) with no tie at all: the group-level gaps.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> gaps;
    double at(std::size_t a, std::size_t b) const { return matrix[a * k + b]; }
};

namespace detail {
inline MixingMatrix mixing(const SimpleGraph& g, const std::vector<std::uint32_t>& membership, std::size_t k) {
    MixingMatrix r;
    r.k = k;
    r.sizes.assign(k, 0);
    for (auto c : membership) ++r.sizes[c];
    r.matrix.assign(k * k, 0.0);
    for (index_t u = 0; u < g.n; ++u)
        for (std::size_t e = g.offsets[u]; e < g.offsets[u + 1]; ++e) {
            const index_t v = g.targets[e];
            if (v <= u) continue;
            const auto a = membership[u], b = membership[v];
            r.matrix[a * k + b] += g.weights[e];
            if (a != b) r.matrix[b * k + a] += g.weights[e];
        }
    for (std::uint32_t a = 0; a < k; ++a)
        for (std::uint32_t b = a + 1; b < k; ++b)
            if (r.matrix[a * k + b] == 0.0) r.gaps.emplace_back(a, b);
    return r;
}
inline std::size_t count_groups(const std::vector<std::uint32_t>& m) {
    std::size_t k = 0;
    for (auto c : m) k = std::max<std::size_t>(k, c + 1);
    return k;
}
}  // namespace detail

/// Mixing matrix of the groups given by `attribute` (see MixingMatrix for the counting
/// convention), on the undirected simple view: counts of connected pairs, or, when
/// `weighted`, sums of the aggregated weights (sum over the links of both orientations).
/// Edge cases: no ties -> all zeros and every group pair is a gap; one group -> no gaps.
/// Complexity O(n k + m). Throws input_error when structures lack the attribute, unless
/// `missing` is set: they then form the group labelled `missing`.
inline MixingMatrix mixing_matrix(const Network& net, std::string_view attribute, bool weighted = false,
                                  const std::optional<Value>& missing = std::nullopt) {
    const auto grouping = group_by(net, attribute, missing);
    auto g = simple_view(net, SimpleViewOptions{weighted ? Aggregate::sum : Aggregate::binary, true});
    auto r = detail::mixing(g, grouping.membership, grouping.labels.size());
    r.labels = grouping.labels;
    return r;
}

/// Nominal (attribute) assortativity coefficient of Newman (2003), equal to networkx's
/// attribute_assortativity_coefficient on the undirected simple view:
///   r = (Σ_a e_aa − Σ_a a_a²) / (1 − Σ_a a_a²)
/// with e the mixing matrix counting each tie in both orientations, normalised to sum
/// 1, and a_a its row sums. Edge cases: no tie, or every tie-end in one group
/// (Σ a_a² = 1) -> NaN. Complexity O(n k + m). Reference: Newman, M. E. J. (2003)
/// "Mixing patterns in networks", Phys. Rev. E 67, 026126.
inline double assortativity(const MixingMatrix& mm) {
    const std::size_t k = mm.k;
    double total = 0.0, trace = 0.0;
    std::vector<double> row(k, 0.0);
    for (std::size_t a = 0; a < k; ++a)
        for (std::size_t b = 0; b < k; ++b) {
            const double x = a == b ? 2.0 * mm.at(a, b) : mm.at(a, b);
            row[a] += x;
            total += x;
            if (a == b) trace += x;
        }
    if (total == 0.0) return std::numeric_limits<double>::quiet_NaN();
    double s = 0.0;
    for (double x : row) s += (x / total) * (x / total);
    if (1.0 - s == 0.0) return std::numeric_limits<double>::quiet_NaN();
    return (trace / total - s) / (1.0 - s);
}
inline double assortativity(const Network& net, std::string_view attribute,
                            const std::optional<Value>& missing = std::nullopt) {
    return assortativity(mixing_matrix(net, attribute, false, missing));
}

struct EIOptions {
    /// 0 skips the permutation test (p-values NaN); at most max_permutations (the values
    /// are kept to compute the two-sided p-value: 8 bytes each).
    std::size_t permutations = 1000;
    static constexpr std::size_t max_permutations = 10'000'000;
    std::uint64_t seed = 0;
    /// Group of the structures lacking the attribute (unset: they raise input_error).
    std::optional<Value> missing = std::nullopt;
};

/// Krackhardt & Stern's E-I index at network, group and structure level.
struct EIIndex {
    std::vector<Value> labels;       ///< group labels (first appearance)
    std::vector<std::size_t> sizes;  ///< structures per group
    double external = 0;             ///< EL: ties between groups
    double internal = 0;             ///< IL: ties within groups
    double network = 0;              ///< (EL − IL) / (EL + IL); NaN without ties
    std::vector<double> groups;      ///< per group: (EL_g − IL_g) / (EL_g + IL_g); NaN without ties
    std::vector<double> structures;  ///< per structure; NaN for isolates
    double max_external = 0;         ///< Σ_{a<b} n_a n_b: possible ties between groups
    double max_internal = 0;         ///< Σ_a n_a (n_a − 1) / 2: possible ties within groups
    double expected = 0;             ///< (max_external − max_internal) / (max_external + max_internal)
    double minimum = 0;              ///< smallest E-I reachable with EL + IL ties and these groups
    double maximum = 0;              ///< largest one
    double rescaled = 0;             ///< E-I rescaled to [−1, 1] between minimum and maximum
    std::size_t permutations = 0;
    double permutation_mean = 0;  ///< mean network E-I over the permutations
    double permutation_sd = 0;    ///< its standard deviation (population)
    double p_value = 0;           ///< two-sided: share with |E-I − mean| >= |observed − mean|
    double p_greater = 0;         ///< share of permutations with E-I >= observed
    double p_less = 0;            ///< share of permutations with E-I <= observed
};

namespace detail {
inline double ei_ratio(double e, double i) {
    return e + i > 0 ? (e - i) / (e + i) : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace detail

/// E-I index (Krackhardt & Stern 1988) on the undirected simple view, each connected pair
/// counted once, weights ignored:
///   E-I = (EL − IL) / (EL + IL), EL = ties between groups, IL = ties within groups;
///   group g: EL_g = ties with one end in g, IL_g = ties inside g;
///   structure i: EL_i = partners in other groups, IL_i = partners in its group.
/// −1: all ties inside groups (closure), +1: all ties across (openness).
/// Rescaled E-I: with L = EL + IL ties and the group sizes fixed, EL can be at most
/// min(L, max_external) and IL at most min(L, max_internal). E-I = (2 EL − L) / L, so
///   maximum = (2 min(L, max_external) − L) / L,
///   minimum = (L − 2 min(L, max_internal)) / L,
///   rescaled = −1 + 2 (E-I − minimum) / (maximum − minimum),
/// which is −1 at the most closed and +1 at the most open arrangement possible (NaN when
/// maximum = minimum or L = 0). `expected` is the E-I of the complete graph, i.e. the
/// expected E-I when ties fall uniformly at random among pairs.
/// Permutation test: the group labels are shuffled across structures (group sizes kept;
/// detail::Rng Fisher-Yates, seeded) `permutations` times and the network E-I recomputed;
/// p_value = share of permutations at least as far from their mean as the observed value
/// (two-sided), p_greater / p_less the one-sided shares (ties within 1e-12 count).
/// Edge cases: no ties -> NaN everywhere and NaN p-values; one group -> E-I = −1.
/// Complexity O(n k + m (1 + permutations)). Reference: Krackhardt, D. & Stern, R. N.
/// (1988) "Informal networks and organizational crises: an experimental simulation",
/// Social Psychology Quarterly 51(2): 123–140.
inline EIIndex ei_index(const SimpleGraph& g, const std::vector<std::uint32_t>& membership, std::size_t k,
                        const EIOptions& opt = {}) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (opt.permutations > EIOptions::max_permutations)
        throw input_error("permutations must be at most 10,000,000, got " + std::to_string(opt.permutations));
    EIIndex r;
    r.sizes.assign(k, 0);
    for (auto c : membership) ++r.sizes[c];
    std::vector<index_t> eu, ev;
    for (index_t u = 0; u < g.n; ++u)
        for (auto v : g.neighbors(u))
            if (u < v) {
                eu.push_back(u);
                ev.push_back(v);
            }
    std::vector<double> ge(k, 0.0), gi(k, 0.0), se(g.n, 0.0), si(g.n, 0.0);
    for (std::size_t e = 0; e < eu.size(); ++e) {
        const auto a = membership[eu[e]], b = membership[ev[e]];
        if (a == b) {
            r.internal += 1;
            gi[a] += 1;
            si[eu[e]] += 1;
            si[ev[e]] += 1;
        } else {
            r.external += 1;
            ge[a] += 1;
            ge[b] += 1;
            se[eu[e]] += 1;
            se[ev[e]] += 1;
        }
    }
    r.network = detail::ei_ratio(r.external, r.internal);
    r.groups.resize(k);
    for (std::size_t a = 0; a < k; ++a) r.groups[a] = detail::ei_ratio(ge[a], gi[a]);
    r.structures.resize(g.n);
    for (std::size_t i = 0; i < g.n; ++i) r.structures[i] = detail::ei_ratio(se[i], si[i]);
    double total = 0.0;
    for (auto s : r.sizes) {
        const double x = static_cast<double>(s);
        r.max_internal += x * (x - 1) / 2;
        total += x;
    }
    r.max_external = total * (total - 1) / 2 - r.max_internal;
    r.expected = detail::ei_ratio(r.max_external, r.max_internal);
    const double L = r.external + r.internal;
    if (L > 0) {
        r.maximum = (2 * std::min(L, r.max_external) - L) / L;
        r.minimum = (L - 2 * std::min(L, r.max_internal)) / L;
        r.rescaled = r.maximum > r.minimum ? -1 + 2 * (r.network - r.minimum) / (r.maximum - r.minimum) : nan;
    } else {
        r.maximum = r.minimum = r.rescaled = nan;
    }
    r.permutations = opt.permutations;
    r.permutation_mean = r.permutation_sd = r.p_value = r.p_greater = r.p_less = nan;
    if (opt.permutations > 0 && L > 0) {
        detail::Rng rng(opt.seed);
        std::vector<std::uint32_t> labels = membership;
        std::vector<double> values(opt.permutations);
        for (auto& val : values) {
            detail::check_interrupt();
            rng.shuffle(labels);
            double ext = 0;
            for (std::size_t e = 0; e < eu.size(); ++e) ext += labels[eu[e]] != labels[ev[e]] ? 1.0 : 0.0;
            val = (2 * ext - L) / L;
        }
        double mean = 0;
        for (double x : values) mean += x;
        mean /= static_cast<double>(values.size());
        double var = 0;
        for (double x : values) var += (x - mean) * (x - mean);
        r.permutation_mean = mean;
        r.permutation_sd = std::sqrt(var / static_cast<double>(values.size()));
        constexpr double eps = 1e-12;
        std::size_t two = 0, ge_count = 0, le_count = 0;
        for (double x : values) {
            if (std::abs(x - mean) >= std::abs(r.network - mean) - eps) ++two;
            if (x >= r.network - eps) ++ge_count;
            if (x <= r.network + eps) ++le_count;
        }
        const double P = static_cast<double>(values.size());
        r.p_value = static_cast<double>(two) / P;
        r.p_greater = static_cast<double>(ge_count) / P;
        r.p_less = static_cast<double>(le_count) / P;
    }
    return r;
}
/// E-I index of the groups given by an attribute (see the SimpleGraph overload).
inline EIIndex ei_index(const Network& net, std::string_view attribute, const EIOptions& opt = {}) {
    const auto grouping = group_by(net, attribute, opt.missing);
    auto r = ei_index(simple_view(net, SimpleViewOptions{Aggregate::binary, true}), grouping.membership,
                      grouping.labels.size(), opt);
    r.labels = grouping.labels;
    return r;
}
/// E-I index of a partition (one label 0..k-1 per structure).
inline EIIndex ei_index(const Network& net, const std::vector<std::uint32_t>& membership, const EIOptions& opt = {}) {
    if (membership.size() != net.number_of_structures())
        throw input_error("membership: " + std::to_string(membership.size()) + " labels for " +
                          std::to_string(net.number_of_structures()) + " structures");
    const auto k = detail::count_groups(membership);
    auto r = ei_index(simple_view(net, SimpleViewOptions{Aggregate::binary, true}), membership, k, opt);
    for (std::size_t a = 0; a < k; ++a) r.labels.emplace_back(static_cast<std::int64_t>(a));
    return r;
}

/// Ties and densities between the clusters of a partition.
struct ClusterGaps {
    std::size_t k = 0;               ///< number of clusters (labels 0..k-1)
    std::vector<std::size_t> sizes;  ///< structures per cluster
    std::vector<double> ties;        ///< k x k row-major; each tie once, diagonal = within (MixingMatrix convention)
    /// k x k row-major: ties / possible ties; between a != b: ties / (n_a n_b); within a:
    /// ties / (n_a (n_a − 1) / 2), NaN when n_a < 2.
    std::vector<double> density;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> gaps;  ///< cluster pairs (a < b) with no tie
};

/// Inter-cluster density matrix and the cluster pairs with no tie, on the undirected
/// simple view (each connected pair once, weights ignored). `membership` gives one label
/// 0..k-1 per structure. Complexity O(n + m + k^2). Throws input_error for a membership
/// of the wrong size.
inline ClusterGaps cluster_gaps(const Network& net, const std::vector<std::uint32_t>& membership) {
    if (membership.size() != net.number_of_structures())
        throw input_error("partition: " + std::to_string(membership.size()) + " labels for " +
                          std::to_string(net.number_of_structures()) + " structures");
    const auto k = detail::count_groups(membership);
    auto mm = detail::mixing(simple_view(net, SimpleViewOptions{Aggregate::binary, true}), membership, k);
    ClusterGaps r;
    r.k = k;
    r.sizes = mm.sizes;
    r.ties = mm.matrix;
    r.gaps = mm.gaps;
    r.density.assign(k * k, 0.0);
    for (std::size_t a = 0; a < k; ++a)
        for (std::size_t b = 0; b < k; ++b) {
            const double na = static_cast<double>(r.sizes[a]), nb = static_cast<double>(r.sizes[b]);
            const double possible = a == b ? na * (na - 1) / 2 : na * nb;
            r.density[a * k + b] =
                possible > 0 ? r.ties[a * k + b] / possible : std::numeric_limits<double>::quiet_NaN();
        }
    return r;
}

// =====================================================================================
// Reciprocity and isolates
// =====================================================================================

struct Reciprocity {
    double edgewise = 0;   ///< reciprocated arcs / arcs (networkx reciprocity, igraph "default")
    double ratio = 0;      ///< mutual pairs / connected pairs (igraph mode="ratio")
    std::size_t arcs = 0;  ///< arcs of the directed simple view
    std::size_t reciprocated_arcs = 0;
    std::size_t mutual_pairs = 0;
    std::size_t asymmetric_pairs = 0;
    /// per structure, as nx.reciprocity(G, nodes): 2 |pred ∩ succ| / (|pred| + |succ|); NaN for isolates
    std::vector<double> structures;
    /// arcs u -> v of the directed simple view without v -> u, sorted by (u, v)
    std::vector<std::pair<index_t, index_t>> unreciprocated;
};

/// Reciprocity of the directed simple view (parallel links of one direction count once):
///   edgewise = (arcs u->v with v->u) / arcs            (nx.reciprocity(G))
///   ratio    = mutual pairs / (mutual + asymmetric)     (igraph reciprocity(mode="ratio"))
/// Undirected network: every tie is mutual, both are 1 (igraph's convention; networkx
/// refuses undirected graphs). Mixed network: the directed links alone (an undirected
/// link is two-way by definition and would only inflate the figure), i.e. networkx's
/// reciprocity of the digraph of the arcs; `arcs` and the per-structure values likewise.
/// No arcs -> NaN. Complexity O(n + m log d).
inline Reciprocity reciprocity(const Network& net) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    const SimpleGraph g = simple_view(net, SimpleViewOptions{Aggregate::binary, false, net.mixed()});
    Reciprocity r;
    r.structures.assign(g.n, nan);
    if (!g.directed) {
        r.arcs = g.targets.size();
        r.reciprocated_arcs = r.arcs;
        r.mutual_pairs = r.arcs / 2;
        r.edgewise = r.ratio = r.arcs ? 1.0 : nan;
        for (index_t i = 0; i < g.n; ++i)
            if (g.degree(i)) r.structures[i] = 1.0;
        return r;
    }
    r.arcs = g.targets.size();
    for (index_t u = 0; u < g.n; ++u) {
        std::size_t both = 0;
        for (auto v : g.neighbors(u)) {
            if (g.edge_weight(v, u)) {
                ++r.reciprocated_arcs;
                ++both;
            } else {
                r.unreciprocated.emplace_back(u, v);
            }
        }
        const std::size_t tot = g.degree(u) + g.in_neighbors(u).size();
        if (tot) r.structures[u] = 2.0 * static_cast<double>(both) / static_cast<double>(tot);
    }
    r.mutual_pairs = r.reciprocated_arcs / 2;
    r.asymmetric_pairs = r.arcs - r.reciprocated_arcs;
    r.edgewise = r.arcs ? static_cast<double>(r.reciprocated_arcs) / static_cast<double>(r.arcs) : nan;
    r.ratio =
        r.arcs ? static_cast<double>(r.mutual_pairs) / static_cast<double>(r.mutual_pairs + r.asymmetric_pairs) : nan;
    return r;
}

/// Structures without any link (in or out), by index. O(n + m).
inline std::vector<index_t> isolates(const Network& net) {
    std::vector<char> linked(net.number_of_structures(), 0);
    for (const auto& l : net.links()) linked[l.source] = linked[l.target] = 1;
    std::vector<index_t> out;
    for (index_t i = 0; i < linked.size(); ++i)
        if (!linked[i]) out.push_back(i);
    return out;
}

}  // namespace coopmap
