#pragma once
/// \file detail/layout_engines.hpp
/// The force-directed engines behind coopmap/layout.hpp: components and local graphs,
/// Fruchterman–Reingold (BGL with grid force pairs), Kamada–Kawai (BGL), ForceAtlas2
/// with Barnes–Hut, and the per-component normalisation. Not a public interface.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

// Boost.Graph's edge iterators trip GCC's -Wmaybe-uninitialized (false positives) once
// inlined into Johnson's all-pairs shortest paths used by Kamada–Kawai.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/kamada_kawai_spring_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/random/linear_congruential.hpp>
#pragma GCC diagnostic pop

#include "coopmap/detail/interrupt.hpp"
#include "coopmap/detail/layout_multilevel.hpp"
#include "coopmap/detail/random.hpp"
#include "coopmap/error.hpp"
#include "coopmap/network.hpp"

namespace coopmap::detail {

/// Components of the undirected CSR (BFS), numbered by smallest member; members sorted.
inline std::vector<std::vector<index_t>> layout_components(const SimpleGraph& g) {
    std::vector<std::vector<index_t>> comps;
    std::vector<char> seen(g.n, 0);
    std::vector<index_t> queue;
    for (index_t s = 0; s < g.n; ++s) {
        if (seen[s]) continue;
        queue.assign(1, s);
        seen[s] = 1;
        for (std::size_t h = 0; h < queue.size(); ++h)
            for (auto v : g.neighbors(queue[h]))
                if (!seen[v]) {
                    seen[v] = 1;
                    queue.push_back(v);
                }
        std::sort(queue.begin(), queue.end());
        comps.push_back(queue);
    }
    return comps;
}

inline LocalGraph local_graph(const SimpleGraph& g, const std::vector<index_t>& members, std::vector<index_t>& local) {
    LocalGraph lg;
    lg.n = members.size();
    for (index_t k = 0; k < members.size(); ++k) local[members[k]] = k;
    lg.offsets.assign(lg.n + 1, 0);
    for (index_t k = 0; k < lg.n; ++k) {
        const auto u = members[k];
        auto nb = g.neighbors(u);
        auto w = g.neighbor_weights(u);
        for (std::size_t j = 0; j < nb.size(); ++j) {
            lg.targets.push_back(local[nb[j]]);
            lg.weights.push_back(w[j]);
            if (k < local[nb[j]]) {
                lg.edges.emplace_back(k, local[nb[j]]);
                lg.edge_weights.push_back(w[j]);
            }
        }
        lg.offsets[k + 1] = lg.targets.size();
    }
    return lg;
}

inline void random_start(Rng& rng, std::size_t n, std::vector<double>& x, std::vector<double>& y, double side) {
    x.resize(n);
    y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = (rng.uniform() - 0.5) * side;
        y[i] = (rng.uniform() - 0.5) * side;
    }
}

/// Components up to this size are laid out with every pair repelling (O(n^2) per
/// iteration, the best layouts); larger ones with the paper's grid (GridForcePairs).
inline constexpr std::size_t kFrAllPairs = 1000;

/// Repulsion pairs for Boost.Graph's Fruchterman–Reingold: the grid variant of the
/// paper (§ "The grid"): a vertex is repelled only by the vertices within 2k of it,
/// k = sqrt(area / n), found through a grid of 2k x 2k cells, so an iteration costs
/// O(n) pairs on a spread layout. (BGL's own grid_force_pairs sizes its cells
/// 2 area / sqrt(n), a length times sqrt(area): on our square of side 10 sqrt(n) one
/// cell holds every vertex and each iteration repels all n^2 pairs.)
template <class PositionMap>
struct GridForcePairs {
    PositionMap position;
    double side;   // of the square topology; BGL bounds positions to [-side, side]
    double two_k;  // 2 sqrt(side^2 / n)
    template <class Graph, class ApplyForce>
    void operator()(const Graph& g, ApplyForce apply_force) const {
        const std::size_t n = boost::num_vertices(g);
        const auto cols = static_cast<std::size_t>(2 * side / two_k) + 1;
        auto cell_of = [&](std::size_t v) {
            const auto& p = get(position, v);
            auto c = [&](double t) {  // clamping keeps cells of points within 2k adjacent
                const double k = std::floor((t + side) / two_k);
                return static_cast<std::size_t>(std::clamp(k, 0.0, static_cast<double>(cols - 1)));
            };
            return c(p[1]) * cols + c(p[0]);
        };
        // counting sort of the vertices by cell
        std::vector<std::size_t> cell(n), start(cols * cols + 1, 0), members(n);
        for (std::size_t v = 0; v < n; ++v) ++start[(cell[v] = cell_of(v)) + 1];
        for (std::size_t c = 0; c < cols * cols; ++c) start[c + 1] += start[c];
        {
            std::vector<std::size_t> fill(start.begin(), start.end() - 1);
            for (std::size_t v = 0; v < n; ++v) members[fill[cell[v]]++] = v;
        }
        auto close = [&](std::size_t u, std::size_t v) {
            const auto& a = get(position, u);
            const auto& b = get(position, v);
            const double dx = a[0] - b[0], dy = a[1] - b[1];
            return dx * dx + dy * dy < two_k * two_k;
        };
        for (std::size_t row = 0; row < cols; ++row)
            for (std::size_t col = 0; col < cols; ++col) {
                const std::size_t c = row * cols + col;
                for (std::size_t i = start[c]; i < start[c + 1]; ++i) {
                    const std::size_t u = members[i];
                    for (std::size_t j = i + 1; j < start[c + 1]; ++j)  // same cell: both ways once
                        if (close(u, members[j])) {
                            apply_force(u, members[j]);
                            apply_force(members[j], u);
                        }
                    for (std::size_t r = row ? row - 1 : 0; r <= std::min(row + 1, cols - 1); ++r)
                        for (std::size_t q = col ? col - 1 : 0; q <= std::min(col + 1, cols - 1); ++q) {
                            if (r == row && q == col) continue;  // other cells: u's side (v's from its own cell)
                            const std::size_t o = r * cols + q;
                            for (std::size_t j = start[o]; j < start[o + 1]; ++j)
                                if (close(u, members[j])) apply_force(u, members[j]);
                        }
                }
            }
    }
};

inline void fr_component(const LocalGraph& lg, Rng& rng, std::size_t iterations, std::vector<double>& x,
                         std::vector<double>& y) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    using Topology = boost::square_topology<boost::minstd_rand>;
    Graph bg(lg.n);
    for (auto [u, v] : lg.edges) boost::add_edge(u, v, bg);
    const double side = 10.0 * std::sqrt(static_cast<double>(lg.n));
    // The topology's generator is only used to jitter coinciding points; seed it from our Rng.
    boost::minstd_rand gen(static_cast<std::uint32_t>(rng.below(2147483646) + 1));
    Topology topo(gen, side);
    std::vector<Topology::point_type> pos(lg.n);
    for (std::size_t i = 0; i < lg.n; ++i) {
        pos[i][0] = (rng.uniform() - 0.5) * side;
        pos[i][1] = (rng.uniform() - 0.5) * side;
    }
    auto pmap = boost::make_iterator_property_map(pos.begin(), boost::get(boost::vertex_index, bg));
    const auto cooling = boost::linear_cooling<double>(iterations ? iterations : 100);
    if (lg.n <= kFrAllPairs) {  // every pair repels (what BGL's grid amounts to here, see GridForcePairs)
        boost::fruchterman_reingold_force_directed_layout(bg, pmap, topo, boost::cooling(cooling));
    } else {
        const double two_k = 2.0 * side / std::sqrt(static_cast<double>(lg.n));
        boost::fruchterman_reingold_force_directed_layout(
            bg, pmap, topo, boost::cooling(cooling).force_pairs(GridForcePairs<decltype(pmap)>{pmap, side, two_k}));
    }
    x.resize(lg.n);
    y.resize(lg.n);
    for (std::size_t i = 0; i < lg.n; ++i) {
        x[i] = pos[i][0];
        y[i] = pos[i][1];
    }
}

/// Stops Kamada–Kawai at BGL's energy tolerance, on a non-finite step, or after a cap
/// on the number of steps (BGL's Newton–Raphson can cycle on symmetric graphs).
struct KKDone {
    boost::layout_tolerance<double> tolerance{0.0001};
    std::size_t calls = 0, max_calls = 0;
    template <class Vertex, class Graph>
    bool operator()(double delta_p, Vertex p, const Graph& g, bool global) {
        if (!std::isfinite(delta_p)) return true;
        if (++calls > max_calls) return true;
        return tolerance(delta_p, p, g, global);
    }
};

inline void kk_component(const LocalGraph& lg, Rng& rng, std::vector<double>& x, std::vector<double>& y) {
    if (lg.n > 3000)
        throw input_error("kamada_kawai: a component has " + std::to_string(lg.n) +
                          " structures; the method needs O(n^2) memory, use method='forceatlas2'");
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                        boost::property<boost::edge_weight_t, double>>;
    using Topology = boost::square_topology<boost::minstd_rand>;
    // Start from a seeded Fruchterman–Reingold layout: KK only finds a local minimum of
    // its energy, and a circle start leaves symmetric graphs stuck.
    std::vector<double> fx, fy;
    fr_component(lg, rng, 100, fx, fy);
    Graph bg(lg.n);
    for (auto [u, v] : lg.edges) boost::add_edge(u, v, 1.0, bg);
    boost::minstd_rand gen(static_cast<std::uint32_t>(rng.below(2147483646) + 1));
    const double side = std::max(1.0, static_cast<double>(lg.n));
    Topology topo(gen, side);
    std::vector<Topology::point_type> pos(lg.n);
    double ext = 0;
    for (std::size_t i = 0; i < lg.n; ++i) ext = std::max({ext, std::fabs(fx[i]), std::fabs(fy[i])});
    const double f = ext > 0 ? side / 2 / ext : 1.0;
    for (std::size_t i = 0; i < lg.n; ++i) {
        pos[i][0] = fx[i] * f;
        pos[i][1] = fy[i] * f;
    }
    auto pmap = boost::make_iterator_property_map(pos.begin(), boost::get(boost::vertex_index, bg));
    KKDone done;
    done.max_calls = 200 * lg.n + 10000;
    boost::kamada_kawai_spring_layout(bg, pmap, boost::get(boost::edge_weight, bg), topo, boost::side_length(side),
                                      done);
    bool finite = true;
    for (std::size_t i = 0; i < lg.n; ++i) finite = finite && std::isfinite(pos[i][0]) && std::isfinite(pos[i][1]);
    x.resize(lg.n);
    y.resize(lg.n);
    for (std::size_t i = 0; i < lg.n; ++i) {
        x[i] = finite ? pos[i][0] : fx[i];
        y[i] = finite ? pos[i][1] : fy[i];
    }
}

/// Components above this size are laid out on a coarsening hierarchy (multilevel) unless
/// LayoutOptions::multilevel says otherwise.
inline constexpr std::size_t kMultilevelFrom = 1000;

/// `iterations` steps of ForceAtlas2 on one level: mass, attraction weights (edges of
/// `g`), `outbound` (the mean mass of the finest level, for dissuade_hubs) given.
/// Repulsion and the node displacements are computed per node on the team's threads;
/// the sums of Gephi's adaptive speed are taken on one thread in node order.
/// `o`: a coopmap::LayoutOptions (a template parameter so that this header stands alone).
template <class Options>
void fa2_steps(const LocalGraph& g, const std::vector<double>& mass, const Options& o, double outbound,
               std::size_t iters, std::vector<double>& x, std::vector<double>& y, Team& team) {
    const std::size_t n = g.n;
    if (n < 2) return;
    std::vector<double> dx(n), dy(n), odx(n, 0.0), ody(n, 0.0);
    const bool bh = o.barnes_hut == 1 || (o.barnes_hut < 0 && n > 300);
    const double kr = o.scaling;
    double speed = 1.0, speed_eff = 1.0;
    QuadTree tree;
    const double theta2 = o.theta * o.theta;
    for (std::size_t it = 0; it < iters; ++it) {
        check_interrupt();
        if (bh) tree.build(x, y, mass);
        // repulsion k_r m_i m_j / d along the separation, then gravity towards the origin
        over_nodes(team, n, [&](std::size_t lo, std::size_t hi) {
            for (std::size_t k = lo; k < hi; ++k) {
                const std::size_t i = bh ? tree.order[k] : k;
                double fx = 0, fy = 0;
                if (!bh) {
                    for (std::size_t j = 0; j < n; ++j) {
                        const double ddx = x[i] - x[j], ddy = y[i] - y[j];
                        const double d2 = ddx * ddx + ddy * ddy;
                        if (j == i || d2 <= 0) continue;
                        const double f = kr * mass[i] * mass[j] / d2;
                        fx += ddx * f;
                        fy += ddy * f;
                    }
                } else {
                    double rx = 0, ry = 0;
                    tree.accumulate(static_cast<std::uint32_t>(i), x[i], y[i], theta2, x, y, mass, rx, ry);
                    fx = kr * mass[i] * rx;
                    fy = kr * mass[i] * ry;
                }
                const double d = std::sqrt(x[i] * x[i] + y[i] * y[i]);
                if (d > 0) {
                    const double f = o.strong_gravity ? kr * mass[i] * o.gravity : mass[i] * o.gravity / d;
                    fx -= x[i] * f;
                    fy -= y[i] * f;
                }
                // attraction along i's edges (each edge seen from both ends)
                for (std::size_t a = g.offsets[i]; a < g.offsets[i + 1]; ++a) {
                    const auto j = g.targets[a];
                    const double ddx = x[i] - x[j], ddy = y[i] - y[j];
                    double f = -g.weights[a] / outbound;
                    if (o.dissuade_hubs) f /= mass[i < j ? i : j];
                    if (o.linlog) {
                        const double dd = std::sqrt(ddx * ddx + ddy * ddy);
                        if (dd <= 0) continue;
                        f *= std::log1p(dd) / dd;
                    }
                    fx += ddx * f;
                    fy += ddy * f;
                }
                dx[i] = fx;
                dy[i] = fy;
            }
        });
        // adaptive speed (swinging vs traction), as in Gephi's implementation of the paper
        double swinging_sum = 0, traction_sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            swinging_sum += mass[i] * std::hypot(odx[i] - dx[i], ody[i] - dy[i]);
            traction_sum += mass[i] * 0.5 * std::hypot(odx[i] + dx[i], ody[i] + dy[i]);
        }
        const double est = 0.05 * std::sqrt(static_cast<double>(n));
        const double min_jt = std::sqrt(est), max_jt = 10.0;
        double jt =
            o.jitter_tolerance *
            std::max(min_jt, std::min(max_jt, est * traction_sum / (static_cast<double>(n) * static_cast<double>(n))));
        const double min_eff = 0.05;
        if (traction_sum > 0 && swinging_sum / traction_sum > 2.0) {
            if (speed_eff > min_eff) speed_eff *= 0.5;
            jt = std::max(jt, o.jitter_tolerance);
        }
        const double target = swinging_sum > 0 ? jt * speed_eff * traction_sum / swinging_sum : speed;
        if (swinging_sum > jt * traction_sum) {
            if (speed_eff > min_eff) speed_eff *= 0.7;
        } else if (speed < 1000) {
            speed_eff *= 1.3;
        }
        speed = speed + std::min(target - speed, 0.5 * speed);
        for (std::size_t i = 0; i < n; ++i) {
            const double sw = mass[i] * std::hypot(odx[i] - dx[i], ody[i] - dy[i]);
            const double factor = speed / (1.0 + std::sqrt(speed * sw));
            x[i] += dx[i] * factor;
            y[i] += dy[i] * factor;
            odx[i] = dx[i];
            ody[i] = dy[i];
        }
    }
}

/// ForceAtlas2 on a component. `o`: a coopmap::LayoutOptions. Mass deg + 1; attraction
/// weights 1 or w^edge_weight_influence. Multilevel (components above kMultilevelFrom
/// unless o.multilevel == 0): the coarse levels sum masses and attraction weights, so
/// that a group repels and attracts as its members would from its centre; the coarsest
/// level runs `iterations` (default 300) steps from a seeded random start, every finer
/// level starts from its groups' positions and runs a twentieth of them (at least 15).
template <class Options>
void fa2_component(const LocalGraph& lg, Rng& rng, const Options& o, std::vector<double>& x, std::vector<double>& y,
                   Team& team) {
    const std::size_t n = lg.n;
    LocalGraph g0 = lg;
    std::vector<double> mass(n);
    for (std::size_t i = 0; i < n; ++i) mass[i] = static_cast<double>(lg.offsets[i + 1] - lg.offsets[i]) + 1.0;
    auto attraction = [&](double w) {
        if (!o.weighted) return 1.0;
        return o.edge_weight_influence == 1.0 ? w : std::pow(w, o.edge_weight_influence);
    };
    for (auto& w : g0.weights) w = attraction(w);
    for (auto& w : g0.edge_weights) w = attraction(w);
    double outbound = 1.0;
    if (o.dissuade_hubs) {
        double s = 0;
        for (double m : mass) s += m;
        outbound = s / static_cast<double>(n);
    }
    const std::size_t iters = o.iterations ? o.iterations : 300;
    const bool multi = o.multilevel == 1 || (o.multilevel < 0 && n > kMultilevelFrom);
    const auto levels = multi ? coarsen_all(g0, mass, rng) : std::vector<CoarseLevel>{};
    const LocalGraph& top = levels.empty() ? g0 : levels.back().g;
    random_start(rng, top.n, x, y, 10.0 * std::sqrt(static_cast<double>(top.n)));
    fa2_steps(top, levels.empty() ? mass : levels.back().mass, o, outbound, iters, x, y, team);
    const std::size_t refine = std::max<std::size_t>(15, iters / 20);
    descend(
        levels, g0, mass, rng, x, y,
        [](const LocalGraph& coarse, const std::vector<double>& cx, const std::vector<double>& cy, const LocalGraph&) {
            // a tenth of an edge of the coarse level (1 when it has no edge: a star
            // gathered into one group)
            const double edge = mean_edge_length(coarse, cx, cy);
            return edge > 0 ? 0.1 * edge : 1.0;
        },
        [&](const LocalGraph& fine, const std::vector<double>& fmass, std::vector<double>& fx,
            std::vector<double>& fy) { fa2_steps(fine, fmass, o, outbound, refine, fx, fy, team); });
}

/// Fruchterman–Reingold on a coarsening hierarchy (Walshaw 2000) for large components:
/// unit weights, natural length k_l = sqrt(n / n_l) on level l (k = 1 on the finest),
/// repulsion weighted by the number of structures a node stands for; the coarsest level
/// runs `iterations` steps from a seeded random start with temperature sqrt(n_l) k_l / 10,
/// each finer level starts from its groups' positions (k_l / 10 apart) and runs a third
/// of them (at least 20) with temperature 2 k_l.
inline void fr_multilevel(const LocalGraph& lg, Rng& rng, std::size_t iterations, std::vector<double>& x,
                          std::vector<double>& y, Team& team) {
    LocalGraph g0 = lg;
    std::fill(g0.weights.begin(), g0.weights.end(), 1.0);
    std::fill(g0.edge_weights.begin(), g0.edge_weights.end(), 1.0);
    const std::vector<double> ones(lg.n, 1.0);
    const auto levels = coarsen_all(g0, ones, rng);
    const std::size_t iters = iterations ? iterations : 100;
    auto k_of = [&](const LocalGraph& g) { return std::sqrt(static_cast<double>(lg.n) / static_cast<double>(g.n)); };
    const LocalGraph& top = levels.empty() ? g0 : levels.back().g;
    const double kt = k_of(top), side = std::sqrt(static_cast<double>(top.n)) * kt;
    random_start(rng, top.n, x, y, side);
    fr_steps(top, levels.empty() ? ones : levels.back().mass, kt, side / 10, iters, x, y, team);
    const std::size_t refine = std::max<std::size_t>(20, iters / 3);
    descend(
        levels, g0, ones, rng, x, y,
        [&](const LocalGraph&, const std::vector<double>&, const std::vector<double>&, const LocalGraph& fine) {
            return 0.1 * k_of(fine);
        },
        [&](const LocalGraph& fine, const std::vector<double>& fmass, std::vector<double>& fx,
            std::vector<double>& fy) { fr_steps(fine, fmass, k_of(fine), 2 * k_of(fine), refine, fx, fy, team); });
}

/// Scales a component so that its median edge length is 1 and centres its bounding box on 0.
inline void normalise_component(const LocalGraph& lg, std::vector<double>& x, std::vector<double>& y) {
    if (lg.n == 0) return;
    std::vector<double> len;
    len.reserve(lg.edges.size());
    for (auto [a, b] : lg.edges) len.push_back(std::hypot(x[a] - x[b], y[a] - y[b]));
    double scale = 1.0;
    if (!len.empty()) {
        std::nth_element(len.begin(), len.begin() + static_cast<std::ptrdiff_t>(len.size() / 2), len.end());
        const double med = len[len.size() / 2];
        if (med > 0 && std::isfinite(med)) scale = 1.0 / med;
    }
    const auto [xa, xb] = std::minmax_element(x.begin(), x.end());
    const auto [ya, yb] = std::minmax_element(y.begin(), y.end());
    const double cx = (*xa + *xb) / 2, cy = (*ya + *yb) / 2;
    for (std::size_t i = 0; i < lg.n; ++i) {
        x[i] = (x[i] - cx) * scale;
        y[i] = (y[i] - cy) * scale;
    }
}

}  // namespace coopmap::detail
