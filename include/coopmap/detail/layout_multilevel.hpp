#pragma once
/// \file detail/layout_multilevel.hpp
/// The coarsening hierarchy behind the multilevel layouts of coopmap/layout.hpp
/// (Walshaw 2000; Hu 2005): matching-based coarsening, prolongation, the Barnes–Hut
/// quadtree (also ForceAtlas2's) and the Fruchterman–Reingold step used on every level.
/// Not a public interface.
///
/// Determinism: coarsening and prolongation run on one thread from the seeded Rng; the
/// force passes compute each node's displacement on its own (a fixed order of terms per
/// node) and write it to that node only, so any number of threads gives the same bits.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>
#include <vector>

#include "coopmap/detail/interrupt.hpp"
#include "coopmap/detail/random.hpp"
#include "coopmap/detail/threads.hpp"
#include "coopmap/network.hpp"

namespace coopmap::detail {

/// A component as its own small CSR (local indices), edges u < v listed once in `edges`.
struct LocalGraph {
    std::size_t n = 0;
    std::vector<std::size_t> offsets;
    std::vector<index_t> targets;
    std::vector<double> weights;
    std::vector<std::pair<index_t, index_t>> edges;
    std::vector<double> edge_weights;
};

/// One coarser level: its graph (arc and edge weights: sums of the finer weights between
/// the two groups), node masses (sums of the finer masses), and for every finer node
/// the coarse node it belongs to.
struct CoarseLevel {
    LocalGraph g;
    std::vector<double> mass;
    std::vector<index_t> parent;
};

/// Coarsens `f` once. Nodes are visited in a seeded random order; an unmatched node
/// is matched with the unmatched neighbour of largest w(u, v) / (mass_u mass_v)
/// (heavy edges between light nodes: groups stay balanced); a node left unmatched
/// (every neighbour taken) then joins the group of its neighbour with the lightest
/// group. So every node with a neighbour is in a group of two or more and the level at
/// most halves. O(n + m).
inline CoarseLevel coarsen(const LocalGraph& f, const std::vector<double>& fmass, Rng& rng) {
    const std::size_t n = f.n;
    constexpr auto none = static_cast<index_t>(-1);
    CoarseLevel c;
    c.parent.assign(n, none);
    std::vector<index_t> order(n);
    for (index_t i = 0; i < n; ++i) order[i] = i;
    rng.shuffle(order);
    index_t groups = 0;
    for (auto u : order) {
        if (c.parent[u] != none) continue;
        index_t best = none;
        double best_score = -1;
        for (std::size_t a = f.offsets[u]; a < f.offsets[u + 1]; ++a) {
            const auto v = f.targets[a];
            if (v == u || c.parent[v] != none) continue;
            const double s = f.weights[a] / (fmass[u] * fmass[v]);
            if (s > best_score) {
                best_score = s;
                best = v;
            }
        }
        if (best == none) continue;
        c.parent[u] = c.parent[best] = groups;
        c.mass.push_back(fmass[u] + fmass[best]);
        ++groups;
    }
    for (auto u : order) {
        if (c.parent[u] != none) continue;
        index_t best = none;
        for (std::size_t a = f.offsets[u]; a < f.offsets[u + 1]; ++a) {
            const auto v = f.targets[a];
            if (c.parent[v] != none && (best == none || c.mass[c.parent[v]] < c.mass[best])) best = c.parent[v];
        }
        if (best == none) {  // no neighbour in a group: a group of its own
            c.parent[u] = groups++;
            c.mass.push_back(fmass[u]);
        } else {
            c.parent[u] = best;
            c.mass[best] += fmass[u];
        }
    }
    // members of each group (counting sort), then the group's arcs with summed weights
    const std::size_t nc = groups;
    std::vector<std::size_t> start(nc + 1, 0);
    for (auto p : c.parent) ++start[p + 1];
    for (std::size_t k = 0; k < nc; ++k) start[k + 1] += start[k];
    std::vector<index_t> members(n);
    {
        std::vector<std::size_t> fill(start.begin(), start.end() - 1);
        for (index_t u = 0; u < n; ++u) members[fill[c.parent[u]]++] = u;
    }
    auto& g = c.g;
    g.n = nc;
    g.offsets.assign(nc + 1, 0);
    std::vector<index_t> mark(nc, none);
    std::vector<std::size_t> slot(nc);
    for (index_t k = 0; k < nc; ++k) {
        for (std::size_t i = start[k]; i < start[k + 1]; ++i) {
            const auto u = members[i];
            for (std::size_t a = f.offsets[u]; a < f.offsets[u + 1]; ++a) {
                const auto pv = c.parent[f.targets[a]];
                if (pv == k) continue;
                if (mark[pv] != k) {
                    mark[pv] = k;
                    slot[pv] = g.targets.size();
                    g.targets.push_back(pv);
                    g.weights.push_back(f.weights[a]);
                } else {
                    g.weights[slot[pv]] += f.weights[a];
                }
            }
        }
        g.offsets[k + 1] = g.targets.size();
        for (std::size_t a = g.offsets[k]; a < g.offsets[k + 1]; ++a)
            if (k < g.targets[a]) {
                g.edges.emplace_back(k, g.targets[a]);
                g.edge_weights.push_back(g.weights[a]);
            }
    }
    return c;
}

/// The hierarchy above `g`: levels while the coarse graph has more than `smallest`
/// nodes and a level removes at least a fifth of the nodes (a star-like graph stops
/// shrinking under matching).
inline std::vector<CoarseLevel> coarsen_all(const LocalGraph& g, const std::vector<double>& mass, Rng& rng,
                                            std::size_t smallest = 50) {
    std::vector<CoarseLevel> levels;
    const LocalGraph* f = &g;
    const std::vector<double>* fm = &mass;
    while (f->n > smallest) {
        check_interrupt();
        auto c = coarsen(*f, *fm, rng);
        if (c.g.n * 5 > f->n * 4) break;
        levels.push_back(std::move(c));
        f = &levels.back().g;
        fm = &levels.back().mass;
    }
    return levels;
}

/// Positions of the finer level: each node at its group's position plus a seeded offset
/// of length `spread` in a random direction (members of a group must not coincide).
inline void prolong(const std::vector<index_t>& parent, const std::vector<double>& cx, const std::vector<double>& cy,
                    double spread, Rng& rng, std::vector<double>& x, std::vector<double>& y) {
    x.resize(parent.size());
    y.resize(parent.size());
    for (std::size_t u = 0; u < parent.size(); ++u) {
        const double a = 2 * std::numbers::pi * rng.uniform();
        x[u] = cx[parent[u]] + spread * std::cos(a);
        y[u] = cy[parent[u]] + spread * std::sin(a);
    }
}

/// Mean edge length of a layout (0 without edges).
inline double mean_edge_length(const LocalGraph& g, const std::vector<double>& x, const std::vector<double>& y) {
    double s = 0;
    for (auto [a, b] : g.edges) s += std::hypot(x[a] - x[b], y[a] - y[b]);
    return g.edges.empty() ? 0.0 : s / static_cast<double>(g.edges.size());
}

/// Force passes use the team's threads from this many nodes on (below, the caller alone).
inline constexpr std::size_t kLayoutParallelFrom = 4096;

/// body(lo, hi) over the nodes 0..n of a level: split over the team from
/// kLayoutParallelFrom nodes on (each thread a contiguous share), else one call.
template <class Body>
void over_nodes(Team& team, std::size_t n, Body&& body) {
    if (n < kLayoutParallelFrom || team.size() == 1) {
        body(std::size_t{0}, n);
        return;
    }
    team.run([&](unsigned t) {
        const auto [lo, hi] = Team::share(n, t, team.size());
        body(lo, hi);
    });
}

/// From the coarsest level's layout in (x, y) down to the finest (g0, masses mass0): on
/// each finer level every node starts at its group's position plus a seeded offset of
/// length spread(coarse graph, its layout, finer graph) (prolong), then steps(finer
/// graph, its masses, x, y) runs.
template <class Spread, class Steps>
void descend(const std::vector<CoarseLevel>& levels, const LocalGraph& g0, const std::vector<double>& mass0, Rng& rng,
             std::vector<double>& x, std::vector<double>& y, Spread&& spread, Steps&& steps) {
    std::vector<double> fx, fy;
    for (std::size_t l = levels.size(); l-- > 0;) {
        const LocalGraph& fine = l ? levels[l - 1].g : g0;
        const auto& fmass = l ? levels[l - 1].mass : mass0;
        prolong(levels[l].parent, x, y, spread(levels[l].g, x, y, fine), rng, fx, fy);
        x.swap(fx);
        y.swap(fy);
        steps(fine, fmass, x, y);
    }
}

/// Barnes–Hut quadtree over the current positions, rebuilt every iteration: the bodies
/// sorted by Morton code (16 bits a coordinate over the bounding square, LSD radix sort)
/// and the cells made from that order in depth-first preorder, so that a cell's first
/// child follows it and `next` skips its subtree (traversal without a stack, cells
/// read front to back). A leaf holds one body, or the bodies sharing a cell of side
/// 2^-16 of the square (each then counted exactly). Build O(n) per level of depth.
class QuadTree {
public:
    struct Cell {
        double mx = 0, my = 0, mass = 0;     // centre of mass and total mass
        double size2 = 0;                    // squared side
        std::uint32_t next = 0;              // the cell after this one's subtree
        std::uint32_t first = 0, count = 0;  // a leaf's bodies: order[first, first + count); count 0: internal
    };
    std::vector<Cell> cells;
    std::vector<std::uint32_t> order;  ///< the bodies in Morton order

    void build(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& mass) {
        const std::size_t n = x.size();
        const auto [xa, xb] = std::minmax_element(x.begin(), x.end());
        const auto [ya, yb] = std::minmax_element(y.begin(), y.end());
        x0_ = *xa;
        y0_ = *ya;
        side_ = std::max({*xb - *xa, *yb - *ya, 1e-9}) * 1.0001;
        keys_.resize(n);
        const double scale = 65536.0 / side_;
        for (std::size_t i = 0; i < n; ++i) {
            const auto qx = static_cast<std::uint32_t>(std::min(65535.0, std::max(0.0, (x[i] - x0_) * scale)));
            const auto qy = static_cast<std::uint32_t>(std::min(65535.0, std::max(0.0, (y[i] - y0_) * scale)));
            keys_[i] = (std::uint64_t{spread(qx) | (spread(qy) << 1)} << 32) | i;
        }
        radix_sort();
        order.resize(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(keys_[i]);
        cells.clear();
        make(0, n, 0, side_, x, y, mass);
    }

    /// Sum over the bodies j != body of mass_j (p - p_j) / |p - p_j|^2, a cell of side s
    /// at distance d from p taken as one body at its centre of mass when s^2 < theta2 d^2.
    void accumulate(std::uint32_t body, double px, double py, double theta2, const std::vector<double>& x,
                    const std::vector<double>& y, const std::vector<double>& mass, double& fx, double& fy) const {
        const auto end = static_cast<std::uint32_t>(cells.size());
        for (std::uint32_t ci = 0; ci < end;) {
            const Cell& c = cells[ci];
            const double ddx = px - c.mx, ddy = py - c.my;
            const double d2 = ddx * ddx + ddy * ddy;
            if (c.count) {  // a leaf: its bodies exactly
                for (std::uint32_t k = c.first; k < c.first + c.count; ++k) {
                    const auto j = order[k];
                    const double ex = px - x[j], ey = py - y[j];
                    const double e2 = ex * ex + ey * ey;
                    if (j == body || e2 <= 0) continue;
                    fx += ex * mass[j] / e2;
                    fy += ey * mass[j] / e2;
                }
                ci = c.next;
            } else if (c.size2 < theta2 * d2) {
                fx += ddx * c.mass / d2;
                fy += ddy * c.mass / d2;
                ci = c.next;
            } else {
                ++ci;  // its first child
            }
        }
    }

private:
    double x0_ = 0, y0_ = 0, side_ = 1;
    std::vector<std::uint64_t> keys_, tmp_;

    static std::uint64_t spread(std::uint32_t v) {  // bits of v at the even positions
        std::uint64_t r = v;
        r = (r | (r << 8)) & 0x00FF00FFu;
        r = (r | (r << 4)) & 0x0F0F0F0Fu;
        r = (r | (r << 2)) & 0x33333333u;
        r = (r | (r << 1)) & 0x55555555u;
        return r;
    }
    void radix_sort() {  // by the upper 32 bits (the Morton code); the lower ones are the index
        tmp_.resize(keys_.size());
        for (int shift = 32; shift < 64; shift += 8) {
            std::size_t count[257] = {};
            for (auto k : keys_) ++count[((k >> shift) & 0xFF) + 1];
            for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
            for (auto k : keys_) tmp_[count[(k >> shift) & 0xFF]++] = k;
            keys_.swap(tmp_);
        }
    }
    /// The cell of order[lo, hi) at `depth` (side `size`), its subtree after it.
    void make(std::size_t lo, std::size_t hi, int depth, double size, const std::vector<double>& x,
              const std::vector<double>& y, const std::vector<double>& mass) {
        const auto ci = cells.size();
        cells.emplace_back();
        cells[ci].size2 = size * size;
        if (hi - lo == 1 || depth == 16) {
            double m = 0, sx = 0, sy = 0;
            for (std::size_t k = lo; k < hi; ++k) {
                m += mass[order[k]];
                sx += mass[order[k]] * x[order[k]];
                sy += mass[order[k]] * y[order[k]];
            }
            auto& c = cells[ci];
            c.mass = m;
            c.mx = m > 0 ? sx / m : x[order[lo]];
            c.my = m > 0 ? sy / m : y[order[lo]];
            c.first = static_cast<std::uint32_t>(lo);
            c.count = static_cast<std::uint32_t>(hi - lo);
            c.next = static_cast<std::uint32_t>(cells.size());
            return;
        }
        const int shift = 32 + 2 * (15 - depth);
        double m = 0, sx = 0, sy = 0;
        for (std::size_t a = lo; a < hi;) {  // the (up to 4) children: runs of equal quadrant bits
            const auto q = (keys_[a] >> shift) & 3;
            std::size_t b = a + 1;
            while (b < hi && ((keys_[b] >> shift) & 3) == q) ++b;
            const auto child = cells.size();
            make(a, b, depth + 1, size / 2, x, y, mass);
            const auto& k = cells[child];
            m += k.mass;
            sx += k.mass * k.mx;
            sy += k.mass * k.my;
            a = b;
        }
        auto& c = cells[ci];
        c.mass = m;
        c.mx = m > 0 ? sx / m : x[order[lo]];
        c.my = m > 0 ? sy / m : y[order[lo]];
        c.next = static_cast<std::uint32_t>(cells.size());
    }
};

/// `iterations` steps of Fruchterman & Reingold's forces, node-weighted as in Walshaw
/// (2000) and with Barnes–Hut repulsion as in Hu (2005): repulsion w_v k^2 / d from
/// every other node v (a quadtree cell of side s at distance d with s < theta d counts
/// as one node of its total weight), attraction d^2 / k times the edge weight; each
/// node moves along its displacement by at most the temperature, which falls linearly
/// from t0 to 0. Positions are updated together (Jacobi), so the steps run on the
/// team's threads (over_nodes) with the same result on any number of them.
inline void fr_steps(const LocalGraph& g, const std::vector<double>& w, double k, double t0, std::size_t iterations,
                     std::vector<double>& x, std::vector<double>& y, Team& team) {
    const std::size_t n = g.n;
    std::vector<double> nx(n), ny(n);
    QuadTree tree;
    const double k2 = k * k, theta2 = 1.2 * 1.2;
    for (std::size_t it = 0; it < iterations; ++it) {
        check_interrupt();
        const double t = t0 * (1.0 - static_cast<double>(it) / static_cast<double>(iterations));
        tree.build(x, y, w);
        over_nodes(team, n, [&](std::size_t lo, std::size_t hi) {
            for (std::size_t o = lo; o < hi; ++o) {
                const auto u = tree.order[o];
                double rx = 0, ry = 0;
                tree.accumulate(u, x[u], y[u], theta2, x, y, w, rx, ry);
                double dx = k2 * rx, dy = k2 * ry;
                for (std::size_t a = g.offsets[u]; a < g.offsets[u + 1]; ++a) {
                    const auto v = g.targets[a];
                    const double ex = x[v] - x[u], ey = y[v] - y[u];
                    const double f = g.weights[a] * std::sqrt(ex * ex + ey * ey) / k;
                    dx += ex * f;
                    dy += ey * f;
                }
                const double len = std::sqrt(dx * dx + dy * dy);
                const double s = len > t ? t / len : 1.0;
                nx[u] = x[u] + dx * s;
                ny[u] = y[u] + dy * s;
            }
        });
        x.swap(nx);
        y.swap(ny);
    }
}

}  // namespace coopmap::detail
