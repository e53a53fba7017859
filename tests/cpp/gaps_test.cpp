// Tests of coopmap/gaps.hpp. Every expected value is derived by hand in the comment next
// to it (networkx cross-checks run in tests/python/test_gaps.py).
#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "coopmap/gaps.hpp"
#include "fixtures.hpp"

using namespace coopmap;

namespace {
// Structures "a", "b", ... (n of them) and the given links (indices).
Network make(std::size_t n, const test::Edges& edges, bool directed = false) {
    return test::graph(directed, static_cast<int>(n), edges, {}, test::letter);
}
constexpr double tol = 1e-12;
}  // namespace

TEST(Burt, Triangle) {
    // Each ego: p = 1/2 to both partners; indirect p_iq p_qj = 1/2 * 1/2 = 1/4;
    // c_ij = (1/2 + 1/4)^2 = 9/16; constraint = 2 * 9/16 = 1.125 (networkx doc value).
    // Effective size n - 2t/n = 2 - 2*1/2 = 1; efficiency 1/2; equal c_ij -> hierarchy 0.
    auto r = structural_holes(make(3, {{0, 1}, {1, 2}, {0, 2}}));
    for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(r.constraint[i], 1.125, tol);
        EXPECT_NEAR(r.effective_size[i], 1.0, tol);
        EXPECT_NEAR(r.efficiency[i], 0.5, tol);
        EXPECT_NEAR(r.hierarchy[i], 0.0, tol);
        EXPECT_EQ(r.degree[i], 2u);
    }
}

TEST(Burt, PathAndCompleteGraph) {
    // P4 a-b-c-d (igraph unit test): ends have one partner, p = 1 -> c = 1; middle ones
    // have two unlinked partners, c = 2 * (1/2)^2 = 0.5. Ends: effective size 1,
    // efficiency 1, hierarchy 0 (N = 1 convention); middles: effective size 2.
    auto p = structural_holes(make(4, {{0, 1}, {1, 2}, {2, 3}}));
    EXPECT_NEAR(p.constraint[0], 1.0, tol);
    EXPECT_NEAR(p.constraint[1], 0.5, tol);
    EXPECT_NEAR(p.constraint[2], 0.5, tol);
    EXPECT_NEAR(p.constraint[3], 1.0, tol);
    EXPECT_NEAR(p.effective_size[1], 2.0, tol);
    EXPECT_NEAR(p.efficiency[0], 1.0, tol);
    EXPECT_EQ(p.hierarchy[0], 0.0);
    EXPECT_NEAR(p.hierarchy[1], 0.0, tol);
    // K4: p = 1/3, indirect = 2 * (1/3 * 1/3) = 2/9, c_ij = (5/9)^2, c = 3 * 25/81 = 25/27.
    // Effective size 3 - 2*3/3 = 1.
    auto k = structural_holes(make(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}));
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(k.constraint[i], 25.0 / 27.0, tol);
        EXPECT_NEAR(k.effective_size[i], 1.0, tol);
    }
}

TEST(Burt, HierarchyHandDerived) {
    // Ego a with partners b, c, d and one tie b-c. p = 1/3 for each partner.
    // c_ab = (1/3 + p_ac p_cb)^2 = (1/3 + 1/3 * 1/2)^2 = 1/4, c_ac = 1/4, c_ad = (1/3)^2 = 1/9.
    // C = 1/2 + 1/9 = 11/18, mean C/N = 11/54, ratios r = 27/22, 27/22, 6/11.
    // h = (2 (27/22) ln(27/22) + (6/11) ln(6/11)) / (3 ln 3).
    // Effective size: 3 - 2*1/3 = 7/3; efficiency 7/9.
    auto r = structural_holes(make(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}}));
    EXPECT_NEAR(r.constraint[0], 11.0 / 18.0, tol);
    EXPECT_NEAR(r.effective_size[0], 7.0 / 3.0, tol);
    EXPECT_NEAR(r.efficiency[0], 7.0 / 9.0, tol);
    const double h = (2 * (27.0 / 22) * std::log(27.0 / 22) + (6.0 / 11) * std::log(6.0 / 11)) / (3 * std::log(3.0));
    EXPECT_NEAR(r.hierarchy[0], h, tol);
    EXPECT_GT(r.hierarchy[0], 0.0);
}

TEST(Burt, IsolatesAreNaNAndMultiplexIsSummed) {
    // d is an isolate -> NaN everywhere, degree 0.
    auto net = make(4, {{0, 1}, {1, 2}});
    auto r = structural_holes(net);
    EXPECT_TRUE(std::isnan(r.constraint[3]));
    EXPECT_TRUE(std::isnan(r.effective_size[3]));
    EXPECT_TRUE(std::isnan(r.efficiency[3]));
    EXPECT_TRUE(std::isnan(r.hierarchy[3]));
    EXPECT_EQ(r.degree[3], 0u);
    // Weighted: b has partners a (links of weight 1 and 2, two types -> summed to 3) and c
    // (weight 1): p_ba = 3/4, p_bc = 1/4 -> constraint (3/4)^2 + (1/4)^2 = 5/8.
    // Unweighted: both 1/2 -> 1/2.
    net.add_link("a", "b", LinkSpec{"funding", 2.0});
    EXPECT_NEAR(structural_holes(net).constraint[1], 5.0 / 8.0, tol);
    EXPECT_NEAR(structural_holes(net, BurtOptions{false}).constraint[1], 0.5, tol);
}

TEST(Burt, DirectedUsesMutualWeights) {
    // a->b, b->a, a->c unweighted: w_ab = 1 + 1 = 2, w_ac = 1. p_ab = 2/3, p_ac = 1/3;
    // b and c not tied -> constraint of a = 4/9 + 1/9 = 5/9. c has only an in-tie: p_ca = 1
    // -> constraint 1 (not NaN: in-ties count).
    auto r = structural_holes(make(3, {{0, 1}, {1, 0}, {0, 2}}, true));
    EXPECT_NEAR(r.constraint[0], 5.0 / 9.0, tol);
    EXPECT_NEAR(r.constraint[2], 1.0, tol);
    EXPECT_EQ(r.degree[0], 2u);
}

TEST(Burt, EmptyNetwork) {
    auto r = structural_holes(Network());
    EXPECT_TRUE(r.constraint.empty());
}

TEST(Biconnected, TwoTrianglesAndAPendant) {
    // a-b-c-a and c-d-e-c share c; e-f hangs off e. Cut points c and e; the only bridge
    // e-f; components {a,b,c}, {c,d,e}, {e,f}. g is an isolate (in no component).
    auto net = make(7, {{0, 1}, {1, 2}, {0, 2}, {2, 3}, {3, 4}, {2, 4}, {4, 5}});
    auto b = biconnected(net);
    EXPECT_EQ(b.articulation_points, (std::vector<index_t>{2, 4}));
    ASSERT_EQ(b.bridges.size(), 1u);
    EXPECT_EQ(b.bridges[0], (std::pair<index_t, index_t>{4, 5}));
    ASSERT_EQ(b.components.size(), 3u);
    EXPECT_EQ(b.components[0], (std::vector<index_t>{0, 1, 2}));
    EXPECT_EQ(b.components[1], (std::vector<index_t>{2, 3, 4}));
    EXPECT_EQ(b.components[2], (std::vector<index_t>{4, 5}));
}

TEST(Biconnected, LocalBridges) {
    // Square a-b-c-d-a: no tie has a common partner; removing one leaves a path of 3.
    // d-e is a bridge: span infinite. Triangle e-f-g: no local bridge there.
    auto net = make(7, {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {3, 4}, {4, 5}, {5, 6}, {4, 6}});
    auto lb = local_bridges(net);
    ASSERT_EQ(lb.size(), 5u);
    int inf = 0;
    for (const auto& x : lb) {
        if (std::isinf(x.span)) {
            ++inf;
            EXPECT_EQ(x.u, 3u);
            EXPECT_EQ(x.v, 4u);
        } else {
            EXPECT_EQ(x.span, 3.0);
        }
    }
    EXPECT_EQ(inf, 1);
}

TEST(Predict, PathScores) {
    // a-b-c-d: degrees 1, 2, 2, 1. Candidates at distance 2: (a,c) via b and (b,d) via c,
    // both partners of degree 2: Adamic-Adar 1/ln 2, resource allocation 1/2; the tie
    // is broken by source id: (a,c) first. Jaccard (a,c) = |{b}| / |{b,d}| = 1/2, (b,d)
    // = |{c}| / |{a,c}| = 1/2. Preferential attachment on non-adjacent pairs:
    // (a,c) = 1*2 = 2, (b,d) = 2, (a,d) = 1.
    auto net = make(4, {{0, 1}, {1, 2}, {2, 3}});
    PredictOptions o;
    auto s = predict_links(net, o);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].source, "a");
    EXPECT_EQ(s[0].target, "c");
    EXPECT_NEAR(s[0].score, 1 / std::log(2.0), tol);
    EXPECT_EQ(s[0].shared, (std::vector<std::string>{"b"}));
    EXPECT_EQ(s[1].source, "b");
    o.method = LinkPredictor::resource_allocation;
    EXPECT_NEAR(predict_links(net, o)[1].score, 0.5, tol);
    o.method = LinkPredictor::jaccard;
    EXPECT_NEAR(predict_links(net, o)[1].score, 0.5, tol);
    o.method = LinkPredictor::preferential_attachment;
    auto pa = predict_links(net, o);
    ASSERT_EQ(pa.size(), 3u);
    EXPECT_EQ(pa[0].source + pa[0].target, "ac");
    EXPECT_EQ(pa[1].source + pa[1].target, "bd");
    EXPECT_EQ(pa[2].source + pa[2].target, "ad");
    EXPECT_EQ(pa[2].score, 1.0);
    EXPECT_TRUE(pa[2].shared.empty());
    o.top = 1;
    EXPECT_EQ(predict_links(net, o).size(), 1u);
    // across: a, b in group 0 and c, d in group 1 -> (a,c) and (b,d) cross, (a,d) too.
    o.top = std::nullopt;
    o.across_membership = {0, 0, 1, 1};
    o.method = LinkPredictor::common_neighbors;
    EXPECT_EQ(predict_links(net, o).size(), 2u);
    o.across_membership = {0, 1, 0, 1};  // a,c together and b,d together: nothing crosses
    EXPECT_TRUE(predict_links(net, o).empty());
    EXPECT_THROW(parse_link_predictor("katz"), input_error);
}

TEST(Mixing, HandCounted) {
    // Groups X = {a, b}, Y = {c, d}, Z = {e}; ties a-b, b-c, a-c, c-d (e isolated).
    // XX = 1, XY = 2, YY = 1, X-Z and Y-Z empty -> two gaps.
    Network net;
    for (auto [id, grp] : std::initializer_list<std::pair<const char*, const char*>>{
             {"a", "X"}, {"b", "X"}, {"c", "Y"}, {"d", "Y"}, {"e", "Z"}})
        net.add_structure(id, "", {{"grp", std::string(grp)}});
    for (auto [u, v] :
         std::initializer_list<std::pair<const char*, const char*>>{{"a", "b"}, {"b", "c"}, {"a", "c"}, {"c", "d"}})
        net.add_link(u, v);
    auto mm = mixing_matrix(net, "grp");
    ASSERT_EQ(mm.k, 3u);
    EXPECT_EQ(mm.at(0, 0), 1.0);
    EXPECT_EQ(mm.at(0, 1), 2.0);
    EXPECT_EQ(mm.at(1, 0), 2.0);
    EXPECT_EQ(mm.at(1, 1), 1.0);
    ASSERT_EQ(mm.gaps.size(), 2u);
    EXPECT_EQ(mm.gaps[0], (std::pair<std::uint32_t, std::uint32_t>{0, 2}));
    // Assortativity: e (both orientations) = [[2,2],[2,2]] over 8 (Z has no tie-end):
    // trace 4/8 = 1/2, a = (1/2, 1/2), sum a^2 = 1/2 -> r = (1/2 - 1/2) / (1 - 1/2) = 0.
    EXPECT_NEAR(assortativity(net, "grp"), 0.0, tol);
    // E-I: EL = 2 (b-c, a-c), IL = 2 -> 0. Group X: EL 2, IL 1 -> 1/3. Group Z: NaN.
    // Structure c: partners a, b (other group), d (own) -> (2 - 1)/3 = 1/3; e: NaN.
    // Sizes 2, 2, 1: max internal 1 + 1 + 0 = 2, max external 10 - 2 = 8, expected
    // (8 - 2)/10 = 0.6. L = 4: maximum (2*4 - 4)/4 = 1, minimum (4 - 2*2)/4 = 0,
    // rescaled = -1 + 2 (0 - 0)/(1 - 0) = -1.
    auto ei = ei_index(net, "grp", EIOptions{200, 1});
    EXPECT_NEAR(ei.network, 0.0, tol);
    EXPECT_NEAR(ei.groups[0], 1.0 / 3.0, tol);
    EXPECT_TRUE(std::isnan(ei.groups[2]));
    EXPECT_NEAR(ei.structures[2], 1.0 / 3.0, tol);
    EXPECT_TRUE(std::isnan(ei.structures[4]));
    EXPECT_NEAR(ei.expected, 0.6, tol);
    EXPECT_NEAR(ei.rescaled, -1.0, tol);
    EXPECT_GE(ei.p_value, 0.0);
    EXPECT_LE(ei.p_value, 1.0);
    // Same seed, same p-value; permutations = 0 -> NaN.
    EXPECT_EQ(ei_index(net, "grp", EIOptions{200, 1}).p_value, ei.p_value);
    EXPECT_TRUE(std::isnan(ei_index(net, "grp", EIOptions{0, 1}).p_value));
    // Cluster gaps with the same grouping: density X-Y = 2 / (2*2) = 1/2, within X = 1/1,
    // within Z undefined (one structure).
    auto cg = cluster_gaps(net, {0, 0, 1, 1, 2});
    EXPECT_NEAR(cg.density[0 * 3 + 1], 0.5, tol);
    EXPECT_NEAR(cg.density[0], 1.0, tol);
    EXPECT_TRUE(std::isnan(cg.density[2 * 3 + 2]));
    EXPECT_EQ(cg.gaps.size(), 2u);
    EXPECT_THROW(cluster_gaps(net, {0, 1}), input_error);
    EXPECT_THROW(mixing_matrix(net, "nope"), input_error);
}

TEST(Reciprocity, DirectedAndUndirected) {
    // a->b, b->a, a->c: 3 arcs, 2 reciprocated -> 2/3; 1 mutual pair, 1 asymmetric -> 1/2.
    // Per structure a: pred {b}, succ {b, c} -> 2*1/3; d isolate -> NaN.
    auto r = reciprocity(make(4, {{0, 1}, {1, 0}, {0, 2}}, true));
    EXPECT_NEAR(r.edgewise, 2.0 / 3.0, tol);
    EXPECT_NEAR(r.ratio, 0.5, tol);
    ASSERT_EQ(r.unreciprocated.size(), 1u);
    EXPECT_EQ(r.unreciprocated[0], (std::pair<index_t, index_t>{0, 2}));
    EXPECT_NEAR(r.structures[0], 2.0 / 3.0, tol);
    EXPECT_TRUE(std::isnan(r.structures[3]));
    EXPECT_TRUE(std::isnan(reciprocity(make(2, {}, true)).edgewise));
    EXPECT_EQ(reciprocity(make(2, {{0, 1}})).edgewise, 1.0);
    EXPECT_EQ(isolates(make(4, {{0, 1}, {1, 0}, {0, 2}}, true)), (std::vector<index_t>{3}));
}

TEST(Burt, ThreadsGiveIdenticalResults) {
    // A seeded random graph large enough (> 100,000 ties) for the multi-threaded path.
    Network net;
    const std::size_t n = 20000;
    for (std::size_t i = 0; i < n; ++i) {
        std::string id = std::to_string(i);
        id.insert(id.begin(), 's');
        net.add_structure(id);
    }
    detail::Rng rng(7);
    for (int k = 0; k < 120000; ++k) {
        const auto u = static_cast<index_t>(rng.below(n)), v = static_cast<index_t>(rng.below(n));
        if (u != v) net.add_link(u, v, LinkSpec{"t", 1.0 + static_cast<double>(rng.below(3))});
    }
    const auto one = structural_holes(net, BurtOptions{true, 1});
    const auto two = structural_holes(net, BurtOptions{true, 3});
    auto eq = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    for (std::size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(eq(one.constraint[i], two.constraint[i])) << i;
        ASSERT_TRUE(eq(one.effective_size[i], two.effective_size[i])) << i;
        ASSERT_TRUE(eq(one.hierarchy[i], two.hierarchy[i])) << i;
    }
}

// The mixed fixture (fixtures.hpp): a-b, b-c two-way; a->c, c->a, c->d arcs.
TEST(Mixed, ReciprocityOfTheArcsAlone) {
    const auto r = reciprocity(test::mixed_fixture());
    // arcs: a->c, c->a (mutual), c->d (not): edgewise 2/3, ratio 1 mutual / (1 + 1)
    EXPECT_EQ(r.arcs, 3u);
    EXPECT_DOUBLE_EQ(r.edgewise, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(r.ratio, 0.5);
    ASSERT_EQ(r.unreciprocated.size(), 1u);
    EXPECT_EQ(r.unreciprocated[0], (std::pair<index_t, index_t>{2, 3}));
    EXPECT_TRUE(std::isnan(r.structures[1]));  // b has no arc
}
