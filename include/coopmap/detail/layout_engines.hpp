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

/// A component as its own small CSR (local indices), edges u < v listed once in `edges`.
struct LocalGraph {
    std::size_t n = 0;
    std::vector<std::size_t> offsets;
    std::vector<index_t> targets;
    std::vector<double> weights;
    std::vector<std::pair<index_t, index_t>> edges;
    std::vector<double> edge_weights;
};

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

/// Barnes–Hut quadtree over the current positions (flat arrays, rebuilt every iteration).
class QuadTree {
public:
    struct Cell {
        double mx = 0, my = 0, mass = 0;  // mass-weighted centre (sums until finish())
        double x0, y0, size;
        int child[4] = {-1, -1, -1, -1};
        int body = -1;  // the single body of a leaf, -1 when empty or internal
        int depth = 0;
        bool leaf = true;
    };
    std::vector<Cell> cells;

    void build(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& mass) {
        cells.clear();
        double x0 = x[0], x1 = x[0], y0 = y[0], y1 = y[0];
        for (std::size_t i = 1; i < x.size(); ++i) {
            x0 = std::min(x0, x[i]);
            x1 = std::max(x1, x[i]);
            y0 = std::min(y0, y[i]);
            y1 = std::max(y1, y[i]);
        }
        const double size = std::max({x1 - x0, y1 - y0, 1e-9}) * 1.0001;
        cells.push_back(Cell{0, 0, 0, x0, y0, size});
        for (std::size_t i = 0; i < x.size(); ++i) insert(static_cast<int>(i), x, y, mass);
        for (auto& c : cells)
            if (c.mass > 0) {
                c.mx /= c.mass;
                c.my /= c.mass;
            }
    }

private:
    int quadrant(const Cell& c, double px, double py) const {
        const double h = c.size / 2;
        return (px >= c.x0 + h ? 1 : 0) + (py >= c.y0 + h ? 2 : 0);
    }
    int make_child(int ci, int q) {
        Cell c = cells[static_cast<std::size_t>(ci)];
        Cell k{0, 0, 0, c.x0 + (q & 1 ? c.size / 2 : 0), c.y0 + (q & 2 ? c.size / 2 : 0), c.size / 2};
        k.depth = c.depth + 1;
        cells.push_back(k);
        const int id = static_cast<int>(cells.size() - 1);
        cells[static_cast<std::size_t>(ci)].child[q] = id;
        return id;
    }
    void insert(int b, const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& mass) {
        int ci = 0;
        const auto bi = static_cast<std::size_t>(b);
        for (;;) {
            auto cu = static_cast<std::size_t>(ci);
            cells[cu].mass += mass[bi];
            cells[cu].mx += mass[bi] * x[bi];
            cells[cu].my += mass[bi] * y[bi];
            if (cells[cu].leaf) {
                if (cells[cu].body < 0 && cells[cu].mass == mass[bi]) {  // was empty
                    cells[cu].body = b;
                    return;
                }
                if (cells[cu].depth >= 40) {  // coinciding points: keep them aggregated
                    cells[cu].body = -2;
                    return;
                }
                // split: push the resident body down
                const int old = cells[cu].body;
                cells[cu].leaf = false;
                cells[cu].body = -1;
                if (old >= 0) {
                    const auto ou = static_cast<std::size_t>(old);
                    const int q = quadrant(cells[cu], x[ou], y[ou]);
                    const int k = make_child(ci, q);
                    auto& kc = cells[static_cast<std::size_t>(k)];
                    kc.mass = mass[ou];
                    kc.mx = mass[ou] * x[ou];
                    kc.my = mass[ou] * y[ou];
                    kc.body = old;
                }
                cu = static_cast<std::size_t>(ci);
            }
            const int q = quadrant(cells[cu], x[bi], y[bi]);
            int k = cells[cu].child[q];
            if (k < 0) k = make_child(ci, q);
            ci = k;
        }
    }
};

/// `o`: a coopmap::LayoutOptions (a template parameter so that this header stands alone).
template <class Options>
void fa2_component(const LocalGraph& lg, Rng& rng, const Options& o, std::vector<double>& x, std::vector<double>& y) {
    const std::size_t n = lg.n;
    random_start(rng, n, x, y, 10.0 * std::sqrt(static_cast<double>(n)));
    if (n < 2) return;
    std::vector<double> mass(n), dx(n), dy(n), odx(n, 0.0), ody(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) mass[i] = static_cast<double>(lg.offsets[i + 1] - lg.offsets[i]) + 1.0;
    std::vector<double> ew(lg.edges.size(), 1.0);
    if (o.weighted)
        for (std::size_t e = 0; e < ew.size(); ++e)
            ew[e] = o.edge_weight_influence == 1.0 ? lg.edge_weights[e]
                                                   : std::pow(lg.edge_weights[e], o.edge_weight_influence);
    double outbound = 1.0;
    if (o.dissuade_hubs) {
        double s = 0;
        for (double m : mass) s += m;
        outbound = s / static_cast<double>(n);
    }
    const bool bh = o.barnes_hut == 1 || (o.barnes_hut < 0 && n > 300);
    const double kr = o.scaling;
    const std::size_t iters = o.iterations ? o.iterations : 300;
    double speed = 1.0, speed_eff = 1.0;
    QuadTree tree;
    std::vector<int> stack;
    for (std::size_t it = 0; it < iters; ++it) {
        check_interrupt();
        std::fill(dx.begin(), dx.end(), 0.0);
        std::fill(dy.begin(), dy.end(), 0.0);
        // repulsion: k_r m_i m_j / d along the separation
        if (!bh) {
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = i + 1; j < n; ++j) {
                    const double ddx = x[i] - x[j], ddy = y[i] - y[j];
                    const double d2 = ddx * ddx + ddy * ddy;
                    if (d2 <= 0) continue;
                    const double f = kr * mass[i] * mass[j] / d2;
                    dx[i] += ddx * f;
                    dy[i] += ddy * f;
                    dx[j] -= ddx * f;
                    dy[j] -= ddy * f;
                }
        } else {
            tree.build(x, y, mass);
            for (std::size_t i = 0; i < n; ++i) {
                stack.assign(1, 0);
                while (!stack.empty()) {
                    const auto& c = tree.cells[static_cast<std::size_t>(stack.back())];
                    stack.pop_back();
                    if (c.mass <= 0 || c.body == static_cast<int>(i)) continue;
                    const double ddx = x[i] - c.mx, ddy = y[i] - c.my;
                    const double d2 = ddx * ddx + ddy * ddy;
                    if (c.leaf || c.size * c.size < o.theta * o.theta * d2) {
                        if (d2 <= 0) continue;
                        const double f = kr * mass[i] * c.mass / d2;
                        dx[i] += ddx * f;
                        dy[i] += ddy * f;
                    } else {
                        for (int q = 0; q < 4; ++q)
                            if (c.child[q] >= 0) stack.push_back(c.child[q]);
                    }
                }
            }
        }
        // gravity towards the origin
        for (std::size_t i = 0; i < n; ++i) {
            const double d = std::sqrt(x[i] * x[i] + y[i] * y[i]);
            if (d <= 0) continue;
            const double f = o.strong_gravity ? kr * mass[i] * o.gravity : mass[i] * o.gravity / d;
            dx[i] -= x[i] * f;
            dy[i] -= y[i] * f;
        }
        // attraction along edges
        for (std::size_t e = 0; e < lg.edges.size(); ++e) {
            const auto [a, b] = lg.edges[e];
            const double ddx = x[a] - x[b], ddy = y[a] - y[b];
            double f = -ew[e] / outbound;
            if (o.dissuade_hubs) f /= mass[a];
            if (o.linlog) {
                const double d = std::sqrt(ddx * ddx + ddy * ddy);
                if (d <= 0) continue;
                f *= std::log1p(d) / d;
            }
            dx[a] += ddx * f;
            dy[a] += ddy * f;
            dx[b] -= ddx * f;
            dy[b] -= ddy * f;
        }
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
