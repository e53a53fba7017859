#pragma once
/// \file layout.hpp
/// Seeded, deterministic 2-D layouts of a network for maps: Fruchterman–Reingold and
/// Kamada–Kawai (Boost.Graph), ForceAtlas2 (Jacomy et al. 2014) and geographic
/// (latitude/longitude attributes).
///
/// Conventions shared by every layout:
///  * coordinates are mathematical (y grows upwards); renderers flip y;
///  * the layout runs on the undirected simple view (direction and parallel links are
///    ignored; weights only where an option says so);
///  * randomness comes only from detail::Rng seeded with options.seed, so a seed gives
///    the same coordinates on every platform;
///  * force-directed layouts (FR, KK, FA2) lay out every connected component on its own,
///    scale it so that its median edge length is 1, and pack the components side by side
///    in rows (largest first) with a gap of `padding` between bounding boxes, so that
///    disconnected parts do not fly apart. Isolates are 1-node components.
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

namespace coopmap {

/// Positions: x[i], y[i] of structure i.
struct Layout {
    std::vector<double> x;
    std::vector<double> y;
    std::size_t size() const noexcept { return x.size(); }
};

enum class Projection { equirectangular, mercator };

struct LayoutOptions {
    std::uint64_t seed = 0;
    /// Iterations of the force-directed loop; 0: the method's default (FR 100, FA2 300;
    /// KK runs until its energy tolerance is reached).
    std::size_t iterations = 0;
    /// Use link weights (simple view, summed): FA2 multiplies attraction by weight^
    /// edge_weight_influence; FR and KK ignore weights.
    bool weighted = false;
    /// Gap between the bounding boxes of packed components (in median edge lengths).
    double padding = 1.5;

    // ---- ForceAtlas2 (names as in Gephi) ----
    bool linlog = false;            ///< attraction log(1 + d) instead of d (LinLog mode)
    double gravity = 1.0;           ///< pull towards the centre of the component
    bool strong_gravity = false;    ///< gravity proportional to the distance
    double scaling = 2.0;           ///< repulsion coefficient k_r
    bool dissuade_hubs = false;     ///< divide attraction by the source's mass (outbound distribution)
    double edge_weight_influence = 1.0;
    double jitter_tolerance = 1.0;
    int barnes_hut = -1;            ///< 1 on, 0 off, -1: on when the component has > 300 structures
    double theta = 1.2;             ///< Barnes–Hut opening criterion (cell size / distance)

    // ---- geographic ----
    std::string latitude = "latitude";
    std::string longitude = "longitude";
    Projection projection = Projection::equirectangular;
};

namespace detail {

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

inline LocalGraph local_graph(const SimpleGraph& g, const std::vector<index_t>& members,
                              std::vector<index_t>& local) {
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

inline void fa2_component(const LocalGraph& lg, Rng& rng, const LayoutOptions& o, std::vector<double>& x,
                          std::vector<double>& y) {
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
        double jt = o.jitter_tolerance *
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

}  // namespace detail

/// Runs a force-directed method on every component and packs the components.
/// method: "fruchterman_reingold", "kamada_kawai" or "forceatlas2".
/// Packing: components sorted by size (ties: smallest member first), each scaled to a
/// median edge length of 1, placed left to right in rows whose width is
/// max(widest component, 1.3 sqrt(total box area)); gap `padding` between boxes.
/// Complexity: FR O(iterations (n + m)) with BGL's grid force pairs; KK O(n_c^2) memory
/// and O(n_c^2) per step per component; FA2 O(iterations (n_c^2 + m)) exact or
/// O(iterations (n log n + m)) with Barnes–Hut.
inline Layout force_layout(const SimpleGraph& g, std::string_view method, const LayoutOptions& o = {}) {
    if (method != "fruchterman_reingold" && method != "kamada_kawai" && method != "forceatlas2")
        throw input_error("method: unknown layout '" + std::string(method) +
                          "' (expected fruchterman_reingold, kamada_kawai, forceatlas2 or geographic)");
    if (!(o.padding >= 0) || !std::isfinite(o.padding)) throw input_error("padding must be a finite number >= 0");
    if (!(o.theta > 0)) throw input_error("theta must be > 0");
    if (!(o.scaling > 0)) throw input_error("scaling must be > 0");
    if (!(o.gravity >= 0)) throw input_error("gravity must be >= 0");
    Layout out;
    out.x.assign(g.n, 0.0);
    out.y.assign(g.n, 0.0);
    if (g.n == 0) return out;
    if (g.directed) throw input_error("force_layout expects an undirected simple view");
    auto comps = detail::layout_components(g);
    std::stable_sort(comps.begin(), comps.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    detail::Rng rng(o.seed);
    std::vector<index_t> local(g.n);
    struct Box {
        double w, h;
    };
    std::vector<std::vector<double>> cx(comps.size()), cy(comps.size());
    std::vector<Box> boxes(comps.size());
    double area = 0, widest = 0;
    for (std::size_t c = 0; c < comps.size(); ++c) {
        const auto lg = detail::local_graph(g, comps[c], local);
        auto& x = cx[c];
        auto& y = cy[c];
        if (lg.n == 1) {
            x.assign(1, 0.0);
            y.assign(1, 0.0);
        } else if (lg.n == 2) {
            x = {-0.5, 0.5};
            y = {0.0, 0.0};
        } else if (method == "fruchterman_reingold") {
            detail::fr_component(lg, rng, o.iterations, x, y);
        } else if (method == "kamada_kawai") {
            detail::kk_component(lg, rng, x, y);
        } else {
            detail::fa2_component(lg, rng, o, x, y);
        }
        detail::normalise_component(lg, x, y);
        const auto [xa, xb] = std::minmax_element(x.begin(), x.end());
        const auto [ya, yb] = std::minmax_element(y.begin(), y.end());
        boxes[c] = Box{*xb - *xa, *yb - *ya};
        area += (boxes[c].w + o.padding) * (boxes[c].h + o.padding);
        widest = std::max(widest, boxes[c].w + o.padding);
    }
    const double row_width = std::max(widest, 1.3 * std::sqrt(area));
    double px = 0, py = 0, row_h = 0;
    for (std::size_t c = 0; c < comps.size(); ++c) {
        const double w = boxes[c].w + o.padding, h = boxes[c].h + o.padding;
        if (px > 0 && px + w > row_width) {
            px = 0;
            py -= row_h;
            row_h = 0;
        }
        // box centre: (px + w/2, py - h/2); the component is centred on its box.
        for (std::size_t k = 0; k < comps[c].size(); ++k) {
            out.x[comps[c][k]] = cx[c][k] + px + w / 2;
            out.y[comps[c][k]] = cy[c][k] + py - h / 2;
        }
        px += w;
        row_h = std::max(row_h, h);
    }
    return out;
}

/// Fruchterman & Reingold (1991) force-directed layout by Boost.Graph
/// (`fruchterman_reingold_force_directed_layout`, linear cooling; every pair repels in
/// components up to 1,000 structures, in larger ones only pairs within 2k: the paper's
/// grid variant, detail::GridForcePairs: 5x faster at 2,000, looser clusters),
/// from a seeded random start, per component, packed. Weights ignored.
/// Reference: Fruchterman, T. M. J. & Reingold, E. M. (1991), Software Pract. Exper. 21(11).
inline Layout fruchterman_reingold_layout(const Network& net, const LayoutOptions& o = {}) {
    return force_layout(simple_view(net, {Aggregate::sum, true}), "fruchterman_reingold", o);
}

/// Kamada & Kawai (1989) spring layout by Boost.Graph (`kamada_kawai_spring_layout`,
/// unit edge lengths, graph-theoretic distances), started from a seeded
/// Fruchterman–Reingold layout, per component (KK needs a connected graph), packed.
/// Stops at BGL's energy tolerance (1e-4) or after 200 n + 10^4 Newton steps.
/// O(n_c^2) memory: components above 3000 structures raise input_error. Weights ignored.
/// Reference: Kamada, T. & Kawai, S. (1989), Inform. Process. Lett. 31(1).
inline Layout kamada_kawai_layout(const Network& net, const LayoutOptions& o = {}) {
    return force_layout(simple_view(net, {Aggregate::sum, true}), "kamada_kawai", o);
}

/// ForceAtlas2 (Jacomy, Venturini, Heymann & Bastian 2014, PLoS ONE 9(6) e98679):
/// mass m_i = deg_i + 1; repulsion k_r m_i m_j / d; attraction d (LinLog: log(1 + d)),
/// times w^edge_weight_influence when weighted, divided by m_source when dissuade_hubs;
/// gravity g m_i towards the centre (strong gravity: k_r g m_i d); Gephi's adaptive
/// global and local speeds (swinging / traction, jitter tolerance). Barnes–Hut quadtree
/// (opening criterion theta) for components above 300 structures unless barnes_hut
/// says otherwise. Seeded random start, per component, packed.
inline Layout forceatlas2_layout(const Network& net, const LayoutOptions& o = {}) {
    return force_layout(simple_view(net, {Aggregate::sum, true}), "forceatlas2", o);
}

/// Projected coordinates of a latitude/longitude in degrees.
/// equirectangular: x = lon cos(phi0), y = lat, with phi0 the standard parallel (degrees);
/// mercator: x = lon, y = (180/pi) ln tan(pi/4 + lat/2) (Web-Mercator shape, in degrees).
inline std::pair<double, double> project(double lat, double lon, Projection p, double phi0_deg) {
    if (p == Projection::mercator) {
        const double phi = std::clamp(lat, -85.05112878, 85.05112878) * std::numbers::pi / 180.0;
        return {lon, 180.0 / std::numbers::pi * std::log(std::tan(std::numbers::pi / 4 + phi / 2))};
    }
    return {lon * std::cos(phi0_deg * std::numbers::pi / 180.0), lat};
}

/// Geographic layout from the numeric attributes options.latitude / options.longitude
/// (degrees; int or float). Located structures are placed at their projected
/// coordinates exactly (see project(); the equirectangular standard parallel is the mean
/// latitude of the located structures). A structure without coordinates is placed,
/// in rounds, at the barycentre of its already placed partners plus a seeded offset of
/// 2% of the map's extent; structures with no placed partner after that go on a ring
/// around the map (radius 0.6 x the diagonal of the located extent), in id order.
/// Errors: input_error for a non-numeric coordinate, a latitude outside [-90, 90] or a
/// longitude outside [-180, 180] (naming the structure), or when no structure is located.
/// Complexity: O(n + m) per round, at most n rounds.
inline Layout geographic_layout(const Network& net, const LayoutOptions& o = {}) {
    const auto n = net.number_of_structures();
    Layout out;
    out.x.assign(n, 0.0);
    out.y.assign(n, 0.0);
    if (n == 0) return out;
    auto num = [&](const Structure& s, const std::string& key, double& v) {
        auto it = s.attributes.find(key);
        if (it == s.attributes.end()) return false;
        if (auto p = std::get_if<double>(&it->second)) v = *p;
        else if (auto q = std::get_if<std::int64_t>(&it->second)) v = static_cast<double>(*q);
        else throw input_error("structure '" + s.id + "': attribute '" + key + "' is not a number");
        if (std::isnan(v)) return false;
        return true;
    };
    std::vector<double> lat(n), lon(n);
    std::vector<char> placed(n, 0);
    double lat_sum = 0;
    std::size_t located = 0;
    for (index_t i = 0; i < n; ++i) {
        const auto& s = net.structure(i);
        double a, b;
        const bool ha = num(s, o.latitude, a), hb = num(s, o.longitude, b);
        if (!(ha && hb)) continue;
        if (a < -90 || a > 90) throw input_error("structure '" + s.id + "': latitude " + format_double(a) + " outside [-90, 90]");
        if (b < -180 || b > 180) throw input_error("structure '" + s.id + "': longitude " + format_double(b) + " outside [-180, 180]");
        lat[i] = a;
        lon[i] = b;
        placed[i] = 1;
        lat_sum += a;
        ++located;
    }
    if (located == 0)
        throw input_error("geographic layout: no structure has numeric '" + o.latitude + "' and '" + o.longitude +
                          "' attributes");
    const double phi0 = lat_sum / static_cast<double>(located);
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (index_t i = 0; i < n; ++i)
        if (placed[i]) {
            auto [px, py] = project(lat[i], lon[i], o.projection, phi0);
            out.x[i] = px;
            out.y[i] = py;
            x0 = std::min(x0, px);
            x1 = std::max(x1, px);
            y0 = std::min(y0, py);
            y1 = std::max(y1, py);
        }
    double extent = std::hypot(x1 - x0, y1 - y0);
    if (!(extent > 0)) extent = 0.01;
    const auto g = simple_view(net, {Aggregate::sum, true});
    detail::Rng rng(o.seed);
    for (;;) {
        std::vector<index_t> now;
        for (index_t i = 0; i < n; ++i) {
            if (placed[i]) continue;
            double sx = 0, sy = 0;
            std::size_t k = 0;
            for (auto v : g.neighbors(i))
                if (placed[v]) {
                    sx += out.x[v];
                    sy += out.y[v];
                    ++k;
                }
            if (k == 0) continue;
            const double a = 2 * std::numbers::pi * rng.uniform();
            out.x[i] = sx / static_cast<double>(k) + 0.02 * extent * std::cos(a);
            out.y[i] = sy / static_cast<double>(k) + 0.02 * extent * std::sin(a);
            now.push_back(i);
        }
        if (now.empty()) break;
        for (auto i : now) placed[i] = 1;
    }
    std::vector<index_t> rest;
    for (index_t i = 0; i < n; ++i)
        if (!placed[i]) rest.push_back(i);
    const double cxm = (x0 + x1) / 2, cym = (y0 + y1) / 2, r = 0.6 * extent;
    for (std::size_t k = 0; k < rest.size(); ++k) {
        const double a = 2 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(rest.size());
        out.x[rest[k]] = cxm + r * std::cos(a);
        out.y[rest[k]] = cym + r * std::sin(a);
    }
    return out;
}

/// Dispatches on the method name: "fruchterman_reingold", "kamada_kawai",
/// "forceatlas2" or "geographic". Throws input_error for another name.
inline Layout layout(const Network& net, std::string_view method, const LayoutOptions& o = {}) {
    if (method == "geographic") return geographic_layout(net, o);
    return force_layout(simple_view(net, {Aggregate::sum, true}), method, o);
}

}  // namespace coopmap
