// Tests of coopmap/clusters.hpp. Expected values are derived by hand in the comments;
// the cross-checks against networkx, igraph, leidenalg and scikit-learn are in
// tests/python/test_clusters.py.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "coopmap/clusters.hpp"
#include "fixtures.hpp"

using namespace coopmap;

namespace {
using test::numbered;

/// Two triangles {a,b,c} and {d,e,f} joined by the edge c-d; optional isolate g.
Network two_triangles(bool isolate = false, bool directed = false) {
    Network net(directed);
    for (const char* id : {"a", "b", "c", "d", "e", "f"}) net.add_structure(id);
    if (isolate) net.add_structure("g");
    for (auto [s, t] : {std::pair{"a", "b"}, {"b", "c"}, {"a", "c"}, {"d", "e"}, {"e", "f"}, {"d", "f"}, {"c", "d"}})
        net.add_link(s, t);
    return net;
}

/// Barbell: two 6-cliques (0..5, 6..11) joined by the edge 5-6.
Network barbell() {
    Network net;
    for (int i = 0; i < 12; ++i) net.add_structure(numbered("n", i));
    for (int h = 0; h < 2; ++h)
        for (int i = 0; i < 6; ++i)
            for (int j = i + 1; j < 6; ++j)
                net.add_link(static_cast<index_t>(6 * h + i), static_cast<index_t>(6 * h + j));
    net.add_link(5u, 6u);
    return net;
}

const std::vector<std::uint32_t> kTriangles = {0, 0, 0, 1, 1, 1};

/// n structures in groups of `group` consecutive ones; 2n random links inside a group
/// (4 per structure on average) and n/2 between any two structures (1 per structure).
Network planted(int n, int group, std::uint64_t seed) {
    Network net;
    detail::Rng rng(seed);
    for (int i = 0; i < n; ++i) net.add_structure(numbered("s", i));
    for (int k = 0; k < 2 * n; ++k) {
        const auto a = static_cast<index_t>(rng.below(n));
        const auto b = static_cast<index_t>(a / group * group + rng.below(group));
        if (a != b) net.add_link(a, b);
    }
    for (int k = 0; k < n / 2; ++k) {
        const auto a = static_cast<index_t>(rng.below(n)), b = static_cast<index_t>(rng.below(n));
        if (a != b) net.add_link(a, b);
    }
    return net;
}

/// Whether every community of p induces a connected subgraph of g (a search inside each).
bool communities_connected(const SimpleGraph& g, const Partition& p) {
    for (const auto& comm : p.communities()) {
        std::set<index_t> seen{comm[0]};
        std::vector<index_t> stack{comm[0]};
        while (!stack.empty()) {
            const auto u = stack.back();
            stack.pop_back();
            for (auto v : g.neighbors(u))
                if (p.membership[v] == p.membership[u] && seen.insert(v).second) stack.push_back(v);
        }
        if (seen.size() != comm.size()) return false;
    }
    return true;
}
}  // namespace

TEST(Clusters, ModularityByHand) {
    const auto net = two_triangles();
    // m = 7; each triangle: L_c = 3, K_c = 2 + 2 + 3 = 7.
    // Q = 2 (3/7 - (7/14)^2) = 6/7 - 1/2
    EXPECT_NEAR(modularity(net, kTriangles), 6.0 / 7 - 0.5, 1e-15);
    // gamma = 2: 6/7 - 2 * 1/2
    EXPECT_NEAR(modularity(net, kTriangles, {2.0, true}), 6.0 / 7 - 1.0, 1e-15);
    // singletons: Q = -sum_i (k_i / 2m)^2 = -(4 * 2^2 + 2 * 3^2) / 14^2 = -34/196
    EXPECT_NEAR(modularity(net, std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5}), -34.0 / 196, 1e-15);
    // one cluster: L = m, K = 2m -> Q = 1 - 1 = 0
    EXPECT_NEAR(modularity(net, std::vector<std::uint32_t>(6, 7)), 0.0, 1e-15);
    // labels are arbitrary values
    EXPECT_NEAR(modularity(net, std::vector<std::uint32_t>{9, 9, 9, 4, 4, 4}), 6.0 / 7 - 0.5, 1e-15);
}

TEST(Clusters, ModularityWeightedAndDirected) {
    // weight 3 on c-d: m = 9; K_1 = 2 + 2 + 5 = 9 = K_2; Q = 2 (3/9 - (9/18)^2) = 2/3 - 1/2
    Network net;
    for (const char* id : {"a", "b", "c", "d", "e", "f"}) net.add_structure(id);
    for (auto [s, t] : {std::pair{"a", "b"}, {"b", "c"}, {"a", "c"}, {"d", "e"}, {"e", "f"}, {"d", "f"}})
        net.add_link(s, t);
    net.add_link("c", "d", {.weight = 3.0});
    EXPECT_NEAR(modularity(net, kTriangles), 2.0 / 3 - 0.5, 1e-15);
    EXPECT_NEAR(modularity(net, kTriangles, {1.0, false}), 6.0 / 7 - 0.5, 1e-15);  // binary view
    // directed: a->b and b->a sum into one edge of weight 2 on the undirected view;
    // same numbers as the weighted case with c-d doubled... here: c->d, d->c, m = 6 + 2 = 8,
    // K_1 = 2 + 2 + 4 = 8: Q = 2 (3/8 - 1/4) = 1/4
    auto d = two_triangles(false, true);
    d.add_link("d", "c");
    EXPECT_NEAR(modularity(d, kTriangles), 0.25, 1e-15);
}

TEST(Clusters, ModularityEdgeCases) {
    Network net;
    net.add_structure("a");
    net.add_structure("b");
    EXPECT_TRUE(std::isnan(modularity(net, std::vector<std::uint32_t>{0, 0})));  // m = 0
    EXPECT_THROW(modularity(net, std::vector<std::uint32_t>{0}), input_error);
    EXPECT_THROW(modularity(two_triangles(), kTriangles, {-1.0, true}), input_error);
}

TEST(Clusters, LouvainAndLeidenFindTheTwoTriangles) {
    const auto net = two_triangles(true);
    for (const auto& p : {louvain(net), leiden(net)}) {
        // clusters by decreasing size, ties by smallest index: {a,b,c}=0, {d,e,f}=1, {g}=2
        EXPECT_EQ(p.membership, (std::vector<std::uint32_t>{0, 0, 0, 1, 1, 1, 2}));
        EXPECT_EQ(p.count, 3u);
        EXPECT_NEAR(p.modularity, 6.0 / 7 - 0.5, 1e-15);  // the isolate adds nothing
        EXPECT_EQ(p.communities()[2], (std::vector<index_t>{6}));
        EXPECT_EQ(p.sizes(), (std::vector<std::size_t>{3, 3, 1}));
    }
}

TEST(Clusters, LeidenCpmByHand) {
    // gamma = 0.5: each triangle e = 3, n = 3: 3 - 0.5 * 3 = 1.5, total 3.
    // All in one: 7 - 0.5 * 15 = -0.5; singletons: 0; a triangle plus a neighbour:
    // 4 - 0.5 * 6 = 1 (+ 0 for the rest of the other triangle as pairs at most 1 - 0.5).
    LeidenOptions o;
    o.objective = Objective::cpm;
    o.resolution = 0.5;
    const auto p = leiden(two_triangles(), o);
    EXPECT_EQ(p.membership, kTriangles);
    EXPECT_NEAR(p.quality, 3.0, 1e-12);
    EXPECT_NEAR(p.modularity, 6.0 / 7 - 0.5, 1e-15);  // Q at gamma 1 for CPM
    // gamma = 0: merging never costs, one cluster per component
    o.resolution = 0.0;
    EXPECT_EQ(leiden(two_triangles(true), o).count, 2u);
}

TEST(Clusters, DeterministicForASeedAndConnectedLeidenCommunities) {
    Network net;
    detail::Rng rng(42);
    for (int i = 0; i < 200; ++i) net.add_structure(numbered("s", i));
    for (int k = 0; k < 800; ++k) {
        const auto a = static_cast<index_t>(rng.below(200)), b = static_cast<index_t>(rng.below(200));
        if (a != b) net.add_link(a, b);
    }
    LouvainOptions lo;
    lo.seed = 7;
    EXPECT_EQ(louvain(net, lo).membership, louvain(net, lo).membership);
    LeidenOptions le;
    le.seed = 7;
    const auto p = leiden(net, le);
    EXPECT_EQ(p.membership, leiden(net, le).membership);
    // every Leiden community is connected: a search inside each community reaches all of it
    EXPECT_TRUE(communities_connected(simple_view(net, {Aggregate::sum, true}), p));
    // restarts keep the best: never below the single run with the same seed
    lo.restarts = 1;
    const double single = louvain(net, lo).modularity;
    lo.restarts = 10;
    EXPECT_GE(louvain(net, lo).modularity, single);
}

TEST(Clusters, EmptyAndEdgeless) {
    Network empty;
    const auto p = louvain(empty);
    EXPECT_EQ(p.count, 0u);
    EXPECT_TRUE(std::isnan(p.modularity));
    Network two;
    two.add_structure("a");
    two.add_structure("b");
    const auto q = leiden(two);
    EXPECT_EQ(q.membership, (std::vector<std::uint32_t>{0, 1}));
    EXPECT_TRUE(std::isnan(q.modularity));
    EXPECT_THROW(louvain(two, {.resolution = -1.0}), input_error);
    LeidenOptions bad;
    bad.n_iterations = 0;
    EXPECT_THROW(leiden(two, bad), input_error);
    for (const double tol : {-1e-3, std::nan("")}) {
        EXPECT_THROW(leiden(two, {.tolerance = tol}), input_error);
        EXPECT_THROW(louvain(two, {.tolerance = tol}), input_error);
    }
}

TEST(Clusters, ToleranceStopsTheIterationsEarlier) {
    // 40 groups of 25 structures, 4 random links inside each structure's group and 1
    // outside on average: Leiden needs several iterations to settle.
    const Network net = planted(1000, 25, 5);
    // With the same seed a run draws the same random numbers whatever the tolerance, so a
    // smaller tolerance repeats the same iterations and goes on from where a larger one
    // stopped; the partition kept is never worse than the previous one.
    for (const bool refine : {false, true}) {
        std::vector<double> q;
        std::vector<std::size_t> iterations;
        for (const double tol : {0.5, 1e-3, 0.0}) {
            const auto p = refine ? leiden(net, {.seed = 4, .restarts = 1, .tolerance = tol})
                                  : louvain(net, {.seed = 4, .restarts = 1, .tolerance = tol});
            q.push_back(p.modularity);
            iterations.push_back(p.iterations);
        }
        EXPECT_LE(q[0], q[1]);
        EXPECT_LE(q[1], q[2]);
        EXPECT_LE(iterations[0], iterations[1]);
        EXPECT_LE(iterations[1], iterations[2]);
        // the first pass starts from singletons, Q = -sum_i (k_i / 2m)^2 ~ -0.001, and ends
        // near the planted Q ~ 0.8 - 1/40: far more than half of |Q|, so a second pass runs
        EXPECT_GE(iterations[0], 2u);
        EXPECT_GT(q[0], 0.5);
    }
}

TEST(ClustersParallel, SamePartitionOnAnyNumberOfThreads) {
    // 40,000 structures (at least CommunityOptimiser::batched_from = 32,768: the first
    // level moves in batches, refines and aggregates on the threads) in 400 groups of 100,
    // 4 links inside the group and 1 outside per structure on average.
    static_assert(detail::CommunityOptimiser::batched_from <= 40000);
    const Network net = planted(40000, 100, 11);
    const auto g = simple_view(net, {Aggregate::sum, true});
    std::vector<std::uint32_t> groups(40000);
    for (std::uint32_t i = 0; i < groups.size(); ++i) groups[i] = i / 100;
    // Hand estimate of the planted Q: about 4/5 of the links inside groups, minus
    // sum_c (K_c / 2m)^2 = 400 x (1/400)^2 = 0.0025, so Q ~ 0.80 - 0.0025; computed exactly:
    const double planted_q = modularity(g, groups);
    EXPECT_NEAR(planted_q, 0.7975, 0.01);
    for (const bool refine : {false, true}) {
        std::vector<Partition> runs;
        for (const unsigned threads : {1u, 2u, 3u})
            runs.push_back(refine ? leiden(g, {.seed = 3, .threads = threads})
                                  : louvain(g, {.seed = 3, .threads = threads}));
        for (const auto& p : runs) {
            EXPECT_EQ(p.membership, runs[0].membership) << (refine ? "leiden" : "louvain");
            EXPECT_EQ(p.modularity, runs[0].modularity);
        }
        // the batches lose nothing against the planted partition: Q at least the planted
        // one (groups of ~200 inner links, under sqrt(2m) ~ 450, may merge: the
        // resolution limit, so Q may exceed the planted Q while the groups differ)
        EXPECT_GE(runs[0].modularity, planted_q - 1e-3);
        if (refine) {
            EXPECT_TRUE(communities_connected(g, runs[0]));
        }
    }
}

TEST(Clusters, SplitMixStreams) {
    // SplitMix64 from state 0: the first outputs of the reference implementation
    // (Vigna, splitmix64.c, x = 0), as listed for instance in the xoshiro test vectors
    detail::SplitMix r(0);
    EXPECT_EQ(r.next(), 0xE220A8397B1DCDAFULL);
    EXPECT_EQ(r.next(), 0x6E789E6AA1B965F4ULL);
    EXPECT_EQ(r.next(), 0x06C45D188009454FULL);
    // neighbouring streams of a seed are not shifted copies of each other
    auto a = detail::SplitMix::stream(9, 0), b = detail::SplitMix::stream(9, 1);
    const auto a0 = a.next(), a1 = a.next(), b0 = b.next();
    EXPECT_NE(a0, b0);
    EXPECT_NE(a1, b0);
    // shuffle is a permutation
    std::vector<int> v{0, 1, 2, 3, 4, 5, 6, 7};
    detail::SplitMix::stream(1, 2).shuffle(v.begin(), v.end());
    EXPECT_EQ(std::set<int>(v.begin(), v.end()).size(), 8u);
}

TEST(Clusters, Components) {
    auto net = two_triangles(true);
    net.add_structure("h");
    net.add_link("g", "h");
    const auto c = components(net);
    // {a..f} (6), then {g,h} (2)
    EXPECT_EQ(c.membership, (std::vector<std::uint32_t>{0, 0, 0, 0, 0, 0, 1, 1}));
    // directed cycle a->b->c->a plus c->d: strong components {a,b,c}, {d}
    Network d(true);
    for (const char* id : {"d", "a", "b", "c"}) d.add_structure(id);
    d.add_link("a", "b");
    d.add_link("b", "c");
    d.add_link("c", "a");
    d.add_link("c", "d");
    const auto s = components(d, {true});
    EXPECT_EQ(s.membership, (std::vector<std::uint32_t>{1, 0, 0, 0}));
    EXPECT_EQ(components(d).count, 1u);  // weakly connected
}

TEST(Clusters, CoreNumbers) {
    // triangle a,b,c; pendant d on c; isolate e: cores 2,2,2,1,0
    Network net;
    for (const char* id : {"a", "b", "c", "d", "e"}) net.add_structure(id);
    net.add_link("a", "b");
    net.add_link("b", "c");
    net.add_link("c", "a");
    net.add_link("c", "d");
    net.add_link("d", "c", {.type = "other"});  // a parallel link changes nothing
    EXPECT_EQ(core_number(net), (std::vector<std::uint32_t>{2, 2, 2, 1, 0}));
}

TEST(Clusters, Cliques) {
    const auto net = two_triangles(true);
    // maximal cliques: {a,b,c}, {d,e,f}, {c,d}, {g}
    EXPECT_EQ(cliques(net), (std::vector<std::vector<index_t>>{{0, 1, 2}, {3, 4, 5}}));
    EXPECT_EQ(cliques(net, {2}), (std::vector<std::vector<index_t>>{{0, 1, 2}, {3, 4, 5}, {2, 3}}));
    EXPECT_EQ(cliques(net, {1}).size(), 4u);
    EXPECT_THROW(cliques(net, {0}), input_error);
}

TEST(Clusters, LabelPropagation) {
    const auto p = label_propagation(barbell());
    // every node of a 6-clique sees 5 partners of its clique and at most one outside
    EXPECT_EQ(p.count, 2u);
    for (int i = 0; i < 12; ++i) EXPECT_EQ(p.membership[static_cast<std::size_t>(i)], i < 6 ? 0u : 1u);
    EXPECT_EQ(label_propagation(barbell(), {3}).membership, label_propagation(barbell(), {3}).membership);
}

TEST(Clusters, ComparePartitionsByHand) {
    const std::vector<std::uint32_t> a{0, 0, 1, 1}, b{5, 5, 2, 2}, c{0, 1, 0, 1};
    auto r = compare_partitions(a, b);  // same partition, other labels
    EXPECT_DOUBLE_EQ(r.nmi, 1.0);
    EXPECT_DOUBLE_EQ(r.ari, 1.0);
    EXPECT_NEAR(r.vi, 0.0, 1e-15);
    r = compare_partitions(a, c);
    // independent: MI = 0 -> NMI = 0; VI = H(a) + H(c) = 2 ln 2.
    // ARI: all cells n_ij = 1 -> sum C(n_ij, 2) = 0; sum C(a_i, 2) = sum C(b_j, 2) = 2;
    // C(4, 2) = 6; expected 2 * 2 / 6 = 2/3; ARI = (0 - 2/3) / (2 - 2/3) = -1/2
    EXPECT_DOUBLE_EQ(r.nmi, 0.0);
    EXPECT_NEAR(r.ari, -0.5, 1e-15);
    EXPECT_NEAR(r.vi, 2 * std::log(2.0), 1e-15);
    // {0,0,0,1} vs {0,0,1,1}: H(a) = -(3/4 ln 3/4 + 1/4 ln 1/4), H(b) = ln 2,
    // MI = 1/2 ln 2 + 1/4 ln (1/4 * 4 * 4 / 3) + 1/4 ln 2 ... computed term by term:
    // cells (0,0): 2 -> 2/4 ln(2*4/(3*2)); (0,1): 1 -> 1/4 ln(1*4/(3*2)); (1,1): 1 -> 1/4 ln(1*4/(1*2))
    const double mi = 0.5 * std::log(8.0 / 6) + 0.25 * std::log(4.0 / 6) + 0.25 * std::log(2.0);
    const double ha = -(0.75 * std::log(0.75) + 0.25 * std::log(0.25)), hb = std::log(2.0);
    r = compare_partitions(std::vector<std::uint32_t>{0, 0, 0, 1}, a);
    EXPECT_NEAR(r.nmi, mi / ((ha + hb) / 2), 1e-14);
    EXPECT_THROW(compare_partitions(a, std::vector<std::uint32_t>{0}), input_error);
    // one cluster each: NMI = ARI = 1 by convention (scikit-learn)
    r = compare_partitions(std::vector<std::uint32_t>{3, 3}, std::vector<std::uint32_t>{1, 1});
    EXPECT_DOUBLE_EQ(r.nmi, 1.0);
    EXPECT_DOUBLE_EQ(r.ari, 1.0);
}

TEST(Clusters, PartitionBy) {
    auto net = two_triangles();
    for (const char* id : {"a", "b", "d"}) net.set_attribute(id, "tenancy", std::string("permanent"));
    for (const char* id : {"c", "e"}) net.set_attribute(id, "tenancy", std::string("occasional"));
    EXPECT_THROW(partition_by(net, "tenancy"), input_error);  // f has none
    PartitionByOptions o;
    o.missing = std::string("none");
    const auto p = partition_by(net, "tenancy", o);
    // permanent {a,b,d} (3) = 0, occasional {c,e} (2) = 1, none {f} = 2
    EXPECT_EQ(p.membership, (std::vector<std::uint32_t>{0, 0, 1, 0, 1, 2}));
    EXPECT_EQ(std::get<std::string>(p.labels[0]), "permanent");
    EXPECT_EQ(std::get<std::string>(p.labels[2]), "none");
    // L: permanent {a-b} = 1, occasional 0, none 0; K: permanent 2+2+3 = 7, occasional 3+2 = 5,
    // none 2; m = 7: Q = 1/7 - (7/14)^2 - (5/14)^2 - (2/14)^2 = 1/7 - 78/196
    EXPECT_NEAR(p.modularity, 1.0 / 7 - 78.0 / 196, 1e-15);
}
