// Tests of coopmap/layout.hpp: determinism, quality properties that can fail, packing,
// geographic projection.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <numbers>
#include <utility>
#include <vector>

#include "coopmap/layout.hpp"
#include "fixtures.hpp"

using namespace coopmap;

namespace {
// Two disjoint 6-cliques a0..a5 and b0..b5.
Network two_cliques(bool bridge) {
    Network net;
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < 6; ++i) net.add_structure(std::string(1, char('a' + c)) + std::to_string(i));
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < 6; ++i)
            for (int j = i + 1; j < 6; ++j)
                net.add_link(static_cast<index_t>(6 * c + i), static_cast<index_t>(6 * c + j));
    if (bridge) net.add_link("a0", "b0");
    return net;
}
double dist(const Layout& l, std::size_t i, std::size_t j) { return std::hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]); }
// Mean distance within the cliques and between them.
std::pair<double, double> intra_inter(const Layout& l) {
    double in = 0, out = 0;
    int ni = 0, no = 0;
    for (std::size_t i = 0; i < 12; ++i)
        for (std::size_t j = i + 1; j < 12; ++j) {
            if ((i < 6) == (j < 6)) in += dist(l, i, j), ++ni;
            else out += dist(l, i, j), ++no;
        }
    return {in / ni, out / no};
}
const char* kMethods[] = {"fruchterman_reingold", "kamada_kawai", "forceatlas2"};
}  // namespace

TEST(Layout, CliquesApartAndFinite) {
    for (bool bridge : {false, true})
        for (auto m : kMethods) {
            const auto l = layout(two_cliques(bridge), m, {.seed = 3});
            ASSERT_EQ(l.size(), 12u);
            for (std::size_t i = 0; i < 12; ++i) EXPECT_TRUE(std::isfinite(l.x[i]) && std::isfinite(l.y[i])) << m;
            const auto [in, out] = intra_inter(l);
            EXPECT_LT(in, out) << m << " bridge=" << bridge;
        }
}

TEST(Layout, DeterministicForASeedAndSeedMatters) {
    const auto net = two_cliques(true);
    for (auto m : kMethods) {
        const auto a = layout(net, m, {.seed = 7}), b = layout(net, m, {.seed = 7}), c = layout(net, m, {.seed = 8});
        EXPECT_EQ(a.x, b.x) << m;
        EXPECT_EQ(a.y, b.y) << m;
        EXPECT_NE(a.x, c.x) << m;
    }
}

TEST(Layout, ComponentsPackedWithoutOverlap) {
    const auto net = two_cliques(false);
    for (auto m : kMethods) {
        const auto l = layout(net, m, {.seed = 1});
        double ax0 = 1e300, ax1 = -1e300, ay0 = 1e300, ay1 = -1e300, bx0 = 1e300, bx1 = -1e300, by0 = 1e300,
               by1 = -1e300;
        for (std::size_t i = 0; i < 6; ++i) {
            ax0 = std::min(ax0, l.x[i]), ax1 = std::max(ax1, l.x[i]), ay0 = std::min(ay0, l.y[i]),
            ay1 = std::max(ay1, l.y[i]);
            bx0 = std::min(bx0, l.x[i + 6]), bx1 = std::max(bx1, l.x[i + 6]), by0 = std::min(by0, l.y[i + 6]),
            by1 = std::max(by1, l.y[i + 6]);
        }
        const bool overlap = ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
        EXPECT_FALSE(overlap) << m;
        // Packed, not flying apart: the gap is at most the padding (1.5) plus rounding.
        const double gap = std::max({bx0 - ax1, ax0 - bx1, by0 - ay1, ay0 - by1});
        EXPECT_LE(gap, 1.5 + 1e-9) << m;
    }
}

TEST(Layout, KamadaKawaiPathIsCollinear) {
    Network net;
    for (char c = 'a'; c < 'i'; ++c) net.add_structure(std::string(1, c));
    for (index_t i = 0; i + 1 < 8; ++i) net.add_link(i, i + 1);
    const auto l = kamada_kawai_layout(net, {.seed = 0});
    // Graph distance of the ends is 7 edges; a straight path makes the Euclidean end-to-end
    // distance 7 median edge lengths (edge lengths are normalised to a median of 1).
    EXPECT_GT(dist(l, 0, 7), 0.9 * 7);
}

TEST(Layout, IsolatesAndTinyGraphs) {
    Network net;
    EXPECT_EQ(layout(net, "forceatlas2").size(), 0u);
    net.add_structure("a");
    net.add_structure("b");
    net.add_structure("c");
    net.add_link("a", "b");
    for (auto m : kMethods) {
        const auto l = layout(net, m);
        EXPECT_NEAR(dist(l, 0, 1), 1.0, 1e-12) << m;  // the only edge has the median length 1
        EXPECT_GT(dist(l, 0, 2), 0.0) << m;
    }
    EXPECT_THROW(layout(net, "circular"), input_error);
}

TEST(Layout, BarnesHutKeepsCliquesApart) {
    const auto l = forceatlas2_layout(two_cliques(true), {.seed = 2, .barnes_hut = 1});
    const auto [in, out] = intra_inter(l);
    EXPECT_LT(in, out);
}

TEST(Layout, GeographicExactProjection) {
    Network net;
    net.add_structure("tls", "", {{"latitude", 43.6}, {"longitude", 1.44}});
    net.add_structure("lab", "", {{"latitude", 43.55}, {"longitude", std::int64_t{1}}});
    net.add_structure("nowhere");
    net.add_structure("alone");
    net.add_link("nowhere", "tls");
    net.add_link("nowhere", "lab");
    const auto l = geographic_layout(net);
    // Equirectangular with the mean latitude (43.575) as standard parallel: x = lon cos(phi0), y = lat.
    const double c = std::cos(43.575 * std::numbers::pi / 180);
    EXPECT_DOUBLE_EQ(l.x[0], 1.44 * c);
    EXPECT_DOUBLE_EQ(l.y[0], 43.6);
    EXPECT_DOUBLE_EQ(l.x[1], 1.0 * c);
    EXPECT_DOUBLE_EQ(l.y[1], 43.55);
    // Unlocated with located partners: near their barycentre (within 2% of the extent).
    const double ext = std::hypot(0.44 * c, 0.05);
    EXPECT_NEAR(std::hypot(l.x[2] - (1.44 + 1) / 2 * c, l.y[2] - 43.575), 0.02 * ext, 1e-9);
    // Unlocated without partners: on the ring of radius 0.6 * extent.
    EXPECT_NEAR(std::hypot(l.x[3] - (1.44 + 1) / 2 * c, l.y[3] - 43.575), 0.6 * ext, 1e-9);
    // Mercator: y = (180/pi) ln tan(pi/4 + lat/2).
    const auto m = geographic_layout(net, {.projection = Projection::mercator});
    EXPECT_DOUBLE_EQ(m.x[0], 1.44);
    EXPECT_NEAR(m.y[0],
                180 / std::numbers::pi * std::log(std::tan(std::numbers::pi / 4 + 43.6 * std::numbers::pi / 360)),
                1e-12);
    Network bad;
    bad.add_structure("x", "", {{"latitude", 91.0}, {"longitude", 0.0}});
    EXPECT_THROW(geographic_layout(bad), input_error);
    Network none;
    none.add_structure("x");
    EXPECT_THROW(geographic_layout(none), input_error);
}

// The grid repulsion of large Fruchterman–Reingold components must find exactly the
// ordered pairs closer than 2k (each once), whatever the cells: checked against all
// pairs by brute force, with points clustered, on cell borders and beyond the square.
TEST(Layout, FrGridPairsAreExactlyThePairsWithin2k) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    using Point = boost::square_topology<>::point_type;
    const std::size_t n = 600;
    const double side = 100.0, two_k = 2.0 * side / std::sqrt(static_cast<double>(n));
    Graph g(n);
    std::vector<Point> pos(n);
    coopmap::detail::Rng rng(5);
    for (std::size_t i = 0; i < n; ++i) {
        const double spread = i % 3 == 0 ? 2.2 * side : 0.2 * side;  // some beyond [-side, side]
        pos[i][0] = (rng.uniform() - 0.5) * spread;
        pos[i][1] = i % 7 == 0 ? two_k * static_cast<double>(i % 5) - side : (rng.uniform() - 0.5) * spread;
    }
    auto pmap = boost::make_iterator_property_map(pos.begin(), boost::get(boost::vertex_index, g));
    std::vector<std::pair<std::size_t, std::size_t>> got, want;
    coopmap::detail::GridForcePairs<decltype(pmap)>{pmap, side, two_k}(
        g, [&](std::size_t u, std::size_t v) { got.emplace_back(u, v); });
    for (std::size_t u = 0; u < n; ++u)
        for (std::size_t v = 0; v < n; ++v)
            if (u != v && std::hypot(pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]) < two_k) want.emplace_back(u, v);
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
    EXPECT_GT(want.size(), n);  // the clustered points do have close pairs
}

// A network and three isolates: the isolates (boxes of padding 1.5 x 1.5, centred) stand
// in a column right beside the network's box, from its top down. The network's drawing
// is centred in its box, which adds padding / 2 = 0.75 on each side: isolate k at x =
// (rightmost x + 0.75) + 0.75 and y = (topmost y + 0.75) - 1.5 (k + 1/2).
TEST(Layout, IsolatesStandBesideTheNetwork) {
    // a 30-cycle (median edge 1: about 9.5 across, so the column of three 1.5 boxes fits
    // beside it) and three isolates
    Network net;
    for (int i = 0; i < 33; ++i) net.add_structure(test::s_id(i));
    for (int i = 0; i < 30; ++i) net.add_link(test::s_id(i), test::s_id((i + 1) % 30));
    for (auto m : kMethods) {
        const auto l = layout(net, m, {.seed = 3});
        double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
        for (int i = 0; i < 30; ++i) {
            x0 = std::min(x0, l.x[i]), x1 = std::max(x1, l.x[i]);
            y0 = std::min(y0, l.y[i]), y1 = std::max(y1, l.y[i]);
        }
        const double right = x1 + 0.75, top = y1 + 0.75;
        ASSERT_GT(y1 - y0 + 1.5, 4.5) << m;
        for (int k = 0; k < 3; ++k) {
            EXPECT_NEAR(l.x[30 + k], right + 0.75, 1e-9) << m;
            EXPECT_NEAR(l.y[30 + k], top - 1.5 * (k + 0.5), 1e-9) << m;
        }
    }
}
