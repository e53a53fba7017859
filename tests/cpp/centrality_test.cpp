// Tests of coopmap/centrality.hpp on hand-derived cases (networkx is the reference in
// tests/python/test_centrality.py).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "coopmap/centrality.hpp"
#include "fixtures.hpp"

using namespace coopmap;

namespace {
Network make(bool directed, int n, const test::Edges& edges, const std::vector<double>& w = {}) {
    return test::graph(directed, n, edges, w);
}
using test::random_graph;
}  // namespace

// Path 0 - 1 - 2: only the pair {0, 2} passes through 1: b = (0, 1, 0). Normalised
// (networkx): ordered sum 2 / ((n-1)(n-2) = 2) = 1.
TEST(Betweenness, PathByHand) {
    auto net = make(false, 3, {{0, 1}, {1, 2}});
    auto b = betweenness(net).values;
    EXPECT_EQ(b, (std::vector<double>{0.0, 1.0, 0.0}));
    BetweennessOptions o;
    o.normalized = true;
    EXPECT_NEAR(betweenness(net, o).values[1], 1.0, 1e-15);
    // endpoints: every vertex is an end of the 2 pairs it belongs to, centre also inside:
    // (2 + 1, 2, 2) pairs... networkx: b(v) = pairs through v including as an end
    o.normalized = false;
    o.endpoints = true;
    EXPECT_EQ(betweenness(net, o).values, (std::vector<double>{2.0, 3.0, 2.0}));
}

// Star K1,4: the centre lies on all C(4, 2) = 6 leaf pairs. Directed 0 -> 1 -> 2: 1.
TEST(Betweenness, StarAndDirectedPath) {
    auto star = make(false, 5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
    EXPECT_EQ(betweenness(star).values[0], 6.0);
    auto dp = make(true, 3, {{0, 1}, {1, 2}});
    EXPECT_EQ(betweenness(dp).values, (std::vector<double>{0.0, 1.0, 0.0}));
    // 4-cycle 0-1-2-3: the pair {0, 2} has two shortest paths, half through 1 and half
    // through 3; likewise {1, 3}: every vertex gets 0.5.
    auto c4 = make(false, 4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}});
    for (double x : betweenness(c4).values) EXPECT_DOUBLE_EQ(x, 0.5);
}

// Triangle with lengths 0-1: 1, 1-2: 1, 0-2: 3: the shortest 0-2 path goes through 1
// (2 < 3). With distance = 1/weight the direct link (1/3) is shortest: nobody brokers.
TEST(Betweenness, WeightedByHand) {
    auto net = make(false, 3, {{0, 1}, {1, 2}, {0, 2}}, {1.0, 1.0, 3.0});
    BetweennessOptions o;
    o.weight = PathWeight::distance;
    EXPECT_EQ(betweenness(net, o).values, (std::vector<double>{0.0, 1.0, 0.0}));
    o.weight = PathWeight::inverse;
    EXPECT_EQ(betweenness(net, o).values, (std::vector<double>{0.0, 0.0, 0.0}));
    EXPECT_EQ(betweenness(net).values, (std::vector<double>{0.0, 0.0, 0.0}));
}

TEST(Betweenness, ThreadsGiveTheSingleThreadedResult) {
    for (bool directed : {false, true}) {
        auto net = random_graph(120, 0.05, 7, directed);
        for (auto w : {PathWeight::none, PathWeight::distance}) {
            BetweennessOptions o;
            o.weight = w;
            o.threads = 1;
            auto one = betweenness(net, o).values;
            auto e1 = edge_betweenness(net, o).values;
            o.threads = 3;
            auto three = betweenness(net, o).values;
            auto e3 = edge_betweenness(net, o).values;
            for (std::size_t v = 0; v < one.size(); ++v) EXPECT_NEAR(one[v], three[v], 1e-9);
            for (std::size_t e = 0; e < e1.size(); ++e) EXPECT_NEAR(e1[e], e3[e], 1e-9);
        }
    }
}

// Sampling with k = n is exact; k < n uses k distinct pivots, same for a seed.
TEST(Betweenness, SampledPivots) {
    auto net = random_graph(60, 0.1, 3, false);
    BetweennessOptions o;
    auto exact = betweenness(net, o).values;
    o.k = 60;
    EXPECT_EQ(betweenness(net, o).values, exact);
    o.k = 20;
    o.seed = 5;
    auto a = betweenness(net, o), b = betweenness(net, o);
    EXPECT_EQ(a.values, b.values);
    EXPECT_EQ(a.pivots.size(), 20u);
    o.seed = 6;
    EXPECT_NE(betweenness(net, o).pivots, a.pivots);
}

// Path 0 - 1 - 2: edge {0, 1} carries the pairs {0, 1} and {0, 2}: 2; normalised by
// n(n-1) = 6 after doubling for ordered pairs: 4/6.
TEST(EdgeBetweenness, PathByHand) {
    auto net = make(false, 3, {{0, 1}, {1, 2}});
    auto r = edge_betweenness(net);
    ASSERT_EQ(r.values.size(), 2u);
    EXPECT_EQ(r.sources, (std::vector<index_t>{0, 1}));
    EXPECT_EQ(r.targets, (std::vector<index_t>{1, 2}));
    EXPECT_EQ(r.values, (std::vector<double>{2.0, 2.0}));
    BetweennessOptions o;
    o.normalized = true;
    EXPECT_NEAR(edge_betweenness(net, o).values[0], 4.0 / 6.0, 1e-15);
}

// Path 0 - 1 - 2 plus isolate 3: closeness of 1 = 2/2 · (2/3) (Wasserman–Faust r-1 / n-1),
// of 0 = 2/3 · 2/3; the isolate 0. Harmonic: 1 → 2, 0 → 1 + 1/2.
TEST(Closeness, PathWithIsolateByHand) {
    auto net = make(false, 4, {{0, 1}, {1, 2}});
    auto c = closeness(net);
    EXPECT_NEAR(c[1], 2.0 / 3.0, 1e-15);
    EXPECT_NEAR(c[0], 4.0 / 9.0, 1e-15);
    EXPECT_EQ(c[3], 0.0);
    ClosenessOptions o;
    o.wf_improved = false;
    EXPECT_NEAR(closeness(net, o)[1], 1.0, 1e-15);
    auto h = harmonic_centrality(net);
    EXPECT_NEAR(h[1], 2.0, 1e-15);
    EXPECT_NEAR(h[0], 1.5, 1e-15);
    EXPECT_EQ(h[3], 0.0);
    // directed 0 -> 1 -> 2: distances *to* 2 are 1 and 2: harmonic 1.5; to 0: none
    auto d = make(true, 3, {{0, 1}, {1, 2}});
    EXPECT_NEAR(harmonic_centrality(d)[2], 1.5, 1e-15);
    EXPECT_EQ(closeness(d)[0], 0.0);
}

TEST(DegreeStrength, ByHand) {
    auto net = make(true, 3, {{0, 1}, {1, 0}, {1, 2}}, {1.0, 2.0, 4.0});
    net.add_link("s1", "s2", {.type = "other", .weight = 0.5});  // multiplex
    EXPECT_EQ(degree(net), (std::vector<double>{2.0, 3.0, 1.0}));
    EXPECT_EQ(degree(net, DegreeMode::out), (std::vector<double>{1.0, 2.0, 0.0}));
    EXPECT_EQ(strength(net), (std::vector<double>{3.0, 7.5, 4.5}));
    EXPECT_EQ(strength(net, false, DegreeMode::in), (std::vector<double>{1.0, 1.0, 2.0}));
}

// A 4-cycle is regular: PageRank 1/4 each and eigenvector 1/2 each (unit norm).
// Directed 0 -> 1 with 1 dangling: x0 = (1-α)/2 + α x1/2, x1 = (1-α)/2 + α (x0 + x1/2);
// with α = 0.85 the fixed point is x0 = 0.35087719..., x1 = 0.64912280... (x0 = (1-α/2)... :
// solve x0 + x1 = 1, x0 = 0.075 + 0.425 x1 → x0 = 0.5/1.425).
TEST(PageRankEigenvector, ByHand) {
    auto c4 = make(false, 4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}});
    for (double x : pagerank(c4).values) EXPECT_NEAR(x, 0.25, 1e-12);
    for (double x : eigenvector_centrality(c4).values) EXPECT_NEAR(x, 0.5, 1e-12);
    auto d = make(true, 2, {{0, 1}});
    PageRankOptions o;
    o.tol = 1e-14;
    o.max_iter = 1000;
    auto pr = pagerank(d, o).values;
    EXPECT_NEAR(pr[0], 0.5 / 1.425, 1e-10);
    EXPECT_NEAR(pr[1], 1.0 - 0.5 / 1.425, 1e-10);
    Network empty;
    EXPECT_TRUE(pagerank(empty).values.empty());
    EXPECT_THROW(eigenvector_centrality(empty), input_error);
}

// Star K1,3 is the most centralised graph: 1 for degree, betweenness and closeness.
// Path P4 degree: max 2, Σ(2 - d) = 1 + 0 + 0 + 1 = 2, over (n-1)(n-2) = 6: 1/3.
TEST(Centralization, StarAndPath) {
    auto star = make(false, 4, {{0, 1}, {0, 2}, {0, 3}});
    EXPECT_NEAR(centralization(star, "degree").value, 1.0, 1e-15);
    EXPECT_NEAR(centralization(star, "betweenness").value, 1.0, 1e-15);
    EXPECT_NEAR(centralization(star, "closeness").value, 1.0, 1e-15);
    auto p4 = make(false, 4, {{0, 1}, {1, 2}, {2, 3}});
    EXPECT_NEAR(centralization(p4, "degree").value, 1.0 / 3.0, 1e-15);
    EXPECT_THROW(centralization(p4, "nope"), input_error);
    EXPECT_TRUE(std::isnan(centralization(make(false, 2, {{0, 1}}), "degree").value));
}

// The mixed fixture (fixtures.hpp): a-b, b-c two-way; a->c, c->a, c->d arcs. Hand
// derivations in the comments.
TEST(Mixed, DegreeCountsATwoWayCooperationOnce) {
    const auto net = test::mixed_fixture();
    // all: distinct partners, + 1 for a pair joined by arcs both ways and no two-way link
    // (a and c: a->c and c->a): a {b, c} + 1, b {a, c}, c {a, b, d} + 1, d {c}
    EXPECT_EQ(degree(net), (std::vector<double>{3, 2, 4, 1}));
    // out = successors (two-way partners included): a {b, c}, b {a, c}, c {a, b, d}, d {}
    EXPECT_EQ(degree(net, DegreeMode::out), (std::vector<double>{2, 2, 3, 0}));
    // in = predecessors: a {b, c}, b {a, c}, c {a, b}, d {c}
    EXPECT_EQ(degree(net, DegreeMode::in), (std::vector<double>{2, 2, 2, 1}));
    // strength in, counting links: a: a-b, c->a; b: a-b, b-c; c: b-c, a->c; d: c->d
    EXPECT_EQ(strength(net, false, DegreeMode::in), (std::vector<double>{2, 2, 2, 1}));
    // strength all: every link at both ends: a 3, b 2, c 4, d 1
    EXPECT_EQ(strength(net, false), (std::vector<double>{3, 2, 4, 1}));
}

TEST(Mixed, BetweennessTraversesTwoWayLinksBothWays) {
    const auto net = test::mixed_fixture();
    // Shortest paths on the arcs a<->b, b<->c, a<->c, c->d: a->d only via c (a->c->d), b->d
    // only via c (b->c->d); every other pair is adjacent or unreachable (d has no out-arc).
    // Raw c = 2; normalised like networkx on a digraph: 2 / ((n-1)(n-2)) = 2/6.
    const auto b = betweenness(net, {.normalized = false, .threads = 1});
    EXPECT_EQ(b.values, (std::vector<double>{0, 0, 2, 0}));
    EXPECT_DOUBLE_EQ(betweenness(net, {.normalized = true, .threads = 1}).values[2], 1.0 / 3.0);
}
