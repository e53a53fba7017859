// Tests of coopmap/layout.hpp: determinism, quality properties that can fail, packing,
// geographic projection.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <map>
#include <numbers>
#include <numeric>
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

namespace {
// Planted partition: `groups` groups of `size` structures, every pair inside a group
// linked with probability p_in, pairs across with p_out (seeded; a cycle through each
// group keeps it connected), so the blocks are known.
SimpleGraph planted(int groups, int size, double p_in, double p_out, std::uint64_t seed) {
    const int n = groups * size;
    detail::Rng rng(seed);
    std::vector<std::vector<index_t>> adj(static_cast<std::size_t>(n));
    auto link = [&](int u, int v) {
        adj[static_cast<std::size_t>(u)].push_back(static_cast<index_t>(v));
        adj[static_cast<std::size_t>(v)].push_back(static_cast<index_t>(u));
    };
    for (int u = 0; u < n; ++u)
        for (int v = u + 1; v < n; ++v) {
            const bool same = u / size == v / size;
            if ((same && v == u + 1) || rng.uniform() < (same ? p_in : p_out)) link(u, v);
        }
    SimpleGraph g;
    g.n = static_cast<std::size_t>(n);
    g.offsets.assign(g.n + 1, 0);
    for (std::size_t u = 0; u < g.n; ++u) {
        std::sort(adj[u].begin(), adj[u].end());
        adj[u].erase(std::unique(adj[u].begin(), adj[u].end()), adj[u].end());
        g.targets.insert(g.targets.end(), adj[u].begin(), adj[u].end());
        g.offsets[u + 1] = g.targets.size();
    }
    g.weights.assign(g.targets.size(), 1.0);
    return g;
}
// Mean distance of pairs in the same group / in different groups (every pair).
double block_ratio(const Layout& l, int size) {
    double in = 0, out = 0;
    std::size_t ni = 0, no = 0;
    for (std::size_t i = 0; i < l.size(); i += 3)
        for (std::size_t j = i + 1; j < l.size(); j += 7) {
            const double d = dist(l, i, j);
            if (i / static_cast<std::size_t>(size) == j / static_cast<std::size_t>(size)) in += d, ++ni;
            else out += d, ++no;
        }
    return (in / static_cast<double>(ni)) / (out / static_cast<double>(no));
}
}  // namespace

TEST(Layout, QuadTreeSumsEqualTheBruteForceSums) {
    // theta = 0 opens every cell: the tree's sum is then the exact sum over all other
    // bodies; with Gephi's theta = 1.2 its error, measured against the sum of the
    // magnitudes m_j / d_j (the net force can cancel to almost nothing), stays small.
    detail::Rng rng(4);
    const std::size_t n = 3000;
    std::vector<double> x(n), y(n), m(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = rng.uniform() * 100 + (i % 3 == 0 ? 500 : 0);  // two clumps
        y[i] = rng.uniform() * 100;
        m[i] = 1 + static_cast<double>(i % 5);
    }
    x[7] = x[8];  // two coinciding bodies (same leaf)
    y[7] = y[8];
    detail::QuadTree tree;
    tree.build(x, y, m);
    ASSERT_EQ(tree.order.size(), n);
    ASSERT_NEAR(tree.cells[0].mass, std::accumulate(m.begin(), m.end(), 0.0), 1e-9);
    double worst = 0;
    for (std::uint32_t i = 0; i < n; i += 13) {
        double bx = 0, by = 0, total = 0;
        for (std::size_t j = 0; j < n; ++j) {
            const double dx = x[i] - x[j], dy = y[i] - y[j], d2 = dx * dx + dy * dy;
            if (j == i || d2 <= 0) continue;
            bx += m[j] * dx / d2;
            by += m[j] * dy / d2;
            total += m[j] / std::sqrt(d2);
        }
        double ex = 0, ey = 0, ax = 0, ay = 0;
        tree.accumulate(i, x[i], y[i], 0.0, x, y, m, ex, ey);
        EXPECT_NEAR(ex, bx, 1e-9 * (1 + std::fabs(bx)));
        EXPECT_NEAR(ey, by, 1e-9 * (1 + std::fabs(by)));
        tree.accumulate(i, x[i], y[i], 1.2 * 1.2, x, y, m, ax, ay);
        worst = std::max(worst, std::hypot(ax - bx, ay - by) / total);
    }
    EXPECT_LT(worst, 0.05);
    EXPECT_GT(worst, 0.0);  // cells were taken whole
}

TEST(Layout, CoarseningGroupsLinkedStructuresAndKeepsWeights) {
    const auto g = planted(10, 50, 0.2, 0.005, 3);
    std::vector<index_t> local(g.n);
    std::vector<index_t> all(g.n);
    for (index_t i = 0; i < g.n; ++i) all[i] = i;
    const auto lg = detail::local_graph(g, all, local);
    std::vector<double> mass(g.n);
    for (std::size_t i = 0; i < g.n; ++i) mass[i] = 1.0 + static_cast<double>(i % 4);
    detail::Rng rng(1);
    const auto c = detail::coarsen(lg, mass, rng);
    ASSERT_EQ(c.parent.size(), g.n);
    // every structure with a partner shares its group (the graph is connected: all do)
    std::vector<int> size(c.g.n, 0);
    for (auto p : c.parent) ++size[p];
    for (auto s : size) EXPECT_GE(s, 2);
    EXPECT_LE(c.g.n, g.n / 2);
    // masses and the weights of links between groups add up (brute force over the links)
    EXPECT_NEAR(std::accumulate(c.mass.begin(), c.mass.end(), 0.0), std::accumulate(mass.begin(), mass.end(), 0.0),
                1e-9);
    std::map<std::pair<index_t, index_t>, double> across;
    for (auto [u, v] : lg.edges)
        if (c.parent[u] != c.parent[v])
            across[{std::min(c.parent[u], c.parent[v]), std::max(c.parent[u], c.parent[v])}] += 1.0;
    ASSERT_EQ(c.g.edges.size(), across.size());
    for (std::size_t e = 0; e < c.g.edges.size(); ++e) EXPECT_EQ(c.g.edge_weights[e], across.at(c.g.edges[e]));
}

TEST(LayoutParallel, MultilevelSameOnAnyNumberOfThreads) {
    // 5,000 structures: above the 4,096 from which the force passes take threads.
    const auto g = planted(50, 100, 0.06, 0.0004, 9);
    for (auto m : {"fruchterman_reingold", "forceatlas2"}) {
        const auto one = force_layout(g, m, {.seed = 2, .threads = 1});
        for (unsigned t : {2u, 3u}) {
            const auto many = force_layout(g, m, {.seed = 2, .threads = t});
            EXPECT_EQ(one.x, many.x) << m << " threads=" << t;
            EXPECT_EQ(one.y, many.y) << m << " threads=" << t;
        }
    }
}

TEST(Layout, MultilevelKeepsPlantedGroupsApart) {
    // 20 groups of 100 (mean degree ~6 inside, ~0.5 across). Drawn at random in a square
    // the ratio of mean intra- to inter-group distance would be 1; the flat layouts of the
    // same graph reach 0.2-0.4, and the multilevel ones must separate the groups as well.
    const auto g = planted(20, 100, 0.06, 0.00025, 5);
    for (auto m : {"fruchterman_reingold", "forceatlas2"}) {
        const auto multi = force_layout(g, m, {.seed = 1, .multilevel = 1});
        const auto flat = force_layout(g, m, {.seed = 1, .multilevel = 0});
        const double rm = block_ratio(multi, 100), rf = block_ratio(flat, 100);
        EXPECT_LT(rm, 0.5) << m;
        EXPECT_LT(rm, rf + 0.05) << m << " flat " << rf;
    }
}

TEST(Layout, MultilevelSpreadsAStarGatheredIntoOneGroup) {
    // A hub and 1,500 leaves: the first coarsening puts all of them in one group (a leaf
    // matched with the hub, every other leaf joining that group), so the coarsest level
    // has no edge; the leaves must still come apart, not stay on the hub's point.
    Network net;
    net.add_structure("hub");
    for (int i = 0; i < 1500; ++i) {
        net.add_structure(test::numbered("leaf", i));
        net.add_link("hub", test::numbered("leaf", i));
    }
    for (auto m : {"fruchterman_reingold", "forceatlas2"}) {
        const auto l = layout(net, m, {.seed = 1});
        std::vector<std::pair<double, double>> p;
        for (std::size_t i = 0; i < l.size(); ++i) {
            ASSERT_TRUE(std::isfinite(l.x[i]) && std::isfinite(l.y[i])) << m;
            p.emplace_back(l.x[i], l.y[i]);
        }
        std::sort(p.begin(), p.end());
        EXPECT_EQ(std::adjacent_find(p.begin(), p.end()), p.end()) << m << ": two structures on one point";
        // a leaf at median distance 1 from the hub (the normalisation), none on top of it
        double nearest = INFINITY;
        for (std::size_t i = 1; i < l.size(); ++i) nearest = std::min(nearest, dist(l, 0, i));
        EXPECT_GT(nearest, 0.05) << m;
    }
}
