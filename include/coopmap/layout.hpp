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
///    scale it so that its median edge length is 1, and pack the components (largest
///    first) with a gap of `padding` between bounding boxes, so that disconnected parts
///    do not fly apart: small parts and isolates in columns right beside the largest
///    component when they are small beside it, else side by side in rows (force_layout).
///    Isolates are 1-node components.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include "coopmap/detail/layout_engines.hpp"
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
    bool linlog = false;          ///< attraction log(1 + d) instead of d (LinLog mode)
    double gravity = 1.0;         ///< pull towards the centre of the component
    bool strong_gravity = false;  ///< gravity proportional to the distance
    double scaling = 2.0;         ///< repulsion coefficient k_r
    bool dissuade_hubs = false;   ///< divide attraction by the source's mass (outbound distribution)
    double edge_weight_influence = 1.0;
    double jitter_tolerance = 1.0;
    int barnes_hut = -1;  ///< 1 on, 0 off, -1: on when the component has > 300 structures
    double theta = 1.2;   ///< Barnes–Hut opening criterion (cell size / distance)
    // ---- large components (FR and FA2) ----
    /// 1 on, 0 off, -1: on for components above 1,000 structures. Lays a component out
    /// on a hierarchy of coarsened graphs (matching), coarsest first, each finer level
    /// starting from its groups' positions (see fruchterman_reingold_layout and
    /// forceatlas2_layout).
    int multilevel = -1;
    /// Threads for the force passes of components of 4,096 structures or more (0: all
    /// hardware threads). The positions are the same on any number of threads.
    unsigned threads = 0;

    // ---- geographic ----
    std::string latitude = "latitude";
    std::string longitude = "longitude";
    Projection projection = Projection::equirectangular;
};

/// Runs a force-directed method on every component and packs the components.
/// method: "fruchterman_reingold", "kamada_kawai" or "forceatlas2".
/// Packing: components sorted by size (ties: smallest member first), each scaled to a
/// median edge length of 1, gap `padding` between boxes. When the other components'
/// boxes take no more area than the largest one's (a network and a few small parts or
/// isolates), they stand in columns right beside the largest, top to bottom, each column
/// as tall as it; otherwise every component is placed left to right in rows whose width
/// is max(widest component, 1.3 sqrt(total box area)).
/// Complexity: FR O(iterations (n + m)) with BGL's grid force pairs, O(iterations
/// (n log n + m)) multilevel; KK O(n_c^2) memory and O(n_c^2) per step per component;
/// FA2 O(iterations (n_c^2 + m)) exact or O(iterations (n log n + m)) with Barnes–Hut.
/// Multilevel: the coarse levels add at most about the finest level's size again.
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
    detail::Team team(comps[0].size() >= detail::kLayoutParallelFrom ? detail::worker_count(o.threads, g.n) : 1);
    std::vector<index_t> local(g.n);
    struct Box {
        double w, h, mx, my;  // size and middle of the component's drawing
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
            if (o.multilevel == 1 || (o.multilevel < 0 && lg.n > detail::kMultilevelFrom))
                detail::fr_multilevel(lg, rng, o.iterations, x, y, team);
            else detail::fr_component(lg, rng, o.iterations, x, y);
        } else if (method == "kamada_kawai") {
            detail::kk_component(lg, rng, x, y);
        } else {
            detail::fa2_component(lg, rng, o, x, y, team);
        }
        detail::normalise_component(lg, x, y);
        const auto [xa, xb] = std::minmax_element(x.begin(), x.end());
        const auto [ya, yb] = std::minmax_element(y.begin(), y.end());
        boxes[c] = Box{*xb - *xa, *yb - *ya, (*xa + *xb) / 2, (*ya + *yb) / 2};
        area += (boxes[c].w + o.padding) * (boxes[c].h + o.padding);
        widest = std::max(widest, boxes[c].w + o.padding);
    }
    auto place = [&](std::size_t c, double px, double py) {  // box's top-left corner at (px, py)
        const double w = boxes[c].w + o.padding, h = boxes[c].h + o.padding;
        // box centre: (px + w/2, py - h/2); the component's drawing is centred on its box.
        for (std::size_t k = 0; k < comps[c].size(); ++k) {
            out.x[comps[c][k]] = cx[c][k] - boxes[c].mx + px + w / 2;
            out.y[comps[c][k]] = cy[c][k] - boxes[c].my + py - h / 2;
        }
    };
    const double first = (boxes[0].w + o.padding) * (boxes[0].h + o.padding);
    if (comps.size() > 1 && area - first <= first) {
        // a main component and small ones: these in columns beside it, top to bottom, each
        // column as tall as the main component (so isolates sit next to the network)
        const double height = boxes[0].h + o.padding;
        place(0, 0, 0);
        double col_x = boxes[0].w + o.padding, col_y = 0, col_w = 0;
        for (std::size_t c = 1; c < comps.size(); ++c) {
            const double w = boxes[c].w + o.padding, h = boxes[c].h + o.padding;
            if (col_y > 0 && col_y + h > height) {
                col_x += col_w;
                col_y = 0;
                col_w = 0;
            }
            place(c, col_x, -col_y);
            col_y += h;
            col_w = std::max(col_w, w);
        }
        return out;
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
        place(c, px, py);
        px += w;
        row_h = std::max(row_h, h);
    }
    return out;
}

/// Fruchterman & Reingold (1991) force-directed layout, per component, packed; weights
/// ignored. Components up to 1,000 structures (or any with multilevel = 0): Boost.Graph
/// (`fruchterman_reingold_force_directed_layout`, linear cooling, seeded random start;
/// every pair repels up to 1,000 structures, above only pairs within 2k: the paper's
/// grid variant, detail::GridForcePairs). Larger components (or multilevel = 1):
/// multilevel (detail::fr_multilevel; Walshaw 2000) with the same forces, repulsion
/// k^2 / d from every structure through a Barnes–Hut quadtree (Hu 2005), natural
/// length sqrt(n / n_l) on a level of n_l groups, a group repelling with its size; the
/// coarsest level runs `iterations` (100) steps, each finer one a third of them (at
/// least 20). 10,000 structures: 0.2 s against BGL's 7.7 s.
/// References: Fruchterman, T. M. J. & Reingold, E. M. (1991), Software Pract. Exper.
/// 21(11); Walshaw, C. (2000), Graph Drawing, LNCS 1984; Hu, Y. (2005), Mathematica J. 10(1).
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
/// says otherwise. Seeded random start, per component, packed. Components above 1,000
/// structures (unless multilevel = 0) run on a coarsening hierarchy whose groups carry
/// the summed masses and link weights of their members: `iterations` (300) steps on the
/// coarsest level, a twentieth of them (at least 15) on each finer one
/// (detail::fa2_component).
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
        if (a < -90 || a > 90)
            throw input_error("structure '" + s.id + "': latitude " + format_double(a) + " outside [-90, 90]");
        if (b < -180 || b > 180)
            throw input_error("structure '" + s.id + "': longitude " + format_double(b) + " outside [-180, 180]");
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
