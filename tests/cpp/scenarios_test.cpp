// Tests of coopmap/scenarios.hpp on hand-derived cases (brute force over every k-set and
// networkx are the references in tests/python/test_scenarios.py).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "coopmap/scenarios.hpp"
#include "fixtures.hpp"

using namespace coopmap;

namespace {
Network make(int n, const test::Edges& edges) { return test::graph(false, n, edges, {}, test::letter); }
constexpr double tol = 1e-12;
}  // namespace

// Path a - b - c: one component, F = 0. Distances 1, 1, 2: Σ_{i≠j} 1/d = 2 (1 + 1 + 1/2)
// = 5 over n (n - 1) = 6 ordered pairs: DF = 1/6. Without b: a and c apart, n = 2:
// F = 1 - 0/2 = 1 and DF = 1.
TEST(Fragmentation, PathByHand) {
    const auto net = make(3, {{0, 1}, {1, 2}});
    auto r = fragmentation(net);
    EXPECT_NEAR(r.fragmentation, 0.0, tol);
    EXPECT_NEAR(r.distance_fragmentation, 1.0 / 6.0, tol);
    EXPECT_EQ(r.structures, 3u);
    EXPECT_EQ(r.components, 1u);
    r = fragmentation(net, {.removed = {1}});
    EXPECT_NEAR(r.fragmentation, 1.0, tol);
    EXPECT_NEAR(r.distance_fragmentation, 1.0, tol);
    EXPECT_EQ(r.structures, 2u);
    EXPECT_EQ(r.components, 2u);
    // one structure left: undefined
    r = fragmentation(net, {.removed = {0, 1}});
    EXPECT_TRUE(std::isnan(r.fragmentation));
    EXPECT_TRUE(std::isnan(r.distance_fragmentation));
    EXPECT_THROW(fragmentation(net, {.removed = {7}}), input_error);
}

// Direction and weights do not matter: a -> b -> c (directed, weight 5) is the path above.
TEST(Fragmentation, DirectedReadAsUndirected) {
    auto net = test::graph(true, 3, {{0, 1}, {1, 2}}, {5.0, 5.0});
    EXPECT_NEAR(fragmentation(net).distance_fragmentation, 1.0 / 6.0, tol);
}

// Two triangles a b c and d e f joined by c - d. Without c: components {a, b} and
// {d, e, f}, n = 5: F = 1 - (2·1 + 3·2) / (5·4) = 0.6; the same without d; 0 without any
// other. KPP-Neg with k = 1 picks c (the lower index of the two best). Baseline: F of the
// whole network, 0.
TEST(KeyPlayers, BridgeEndsFragmentMost) {
    const auto net = make(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}});
    auto r = key_players(net, {.k = 1});
    ASSERT_EQ(r.players.size(), 1u);
    EXPECT_EQ(r.players[0], 2u);
    EXPECT_NEAR(r.score, 0.6, tol);
    EXPECT_NEAR(r.baseline, 0.0, tol);
    // k = 2: {c, d} leaves {a, b} and {e, f}: F = 1 - (2 + 2) / (4·3) = 2/3; any pair
    // with one end of the bridge and a member of the other triangle, e.g. {c, e}, leaves
    // {a, b}, {d, f}: also 2/3; the search returns one of the optima.
    r = key_players(net, {.k = 2});
    EXPECT_NEAR(r.score, 2.0 / 3.0, tol);
    EXPECT_EQ(r.players.size(), 2u);
}

// Star: centre a, leaves b c d e, and f alone. KPP-Pos, k = 1, m = 1: the centre reaches
// 4 of the 5 others: 0.8; the baseline (the highest degree) is the centre too.
// F after each departure from one depth-first search of G - D (detail::
// pairs_after_departure) against a component search of G - D - v for every v, on sparse
// random graphs (many cut points) with random removed sets D.
TEST(KeyPlayers, EveryDepartureFromOneSearchEqualsComponentSearches) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const auto net = test::random_graph(60, 0.035, seed, false);
        const auto g = detail::scenario_view(net);
        detail::Rng rng(seed * 7919);
        std::vector<char> alive(g.n, 1);
        for (index_t v = 0; v < g.n; ++v) alive[v] = rng.below(5) != 0;
        const auto dfs = detail::depth_first_separation(g, &alive);
        const auto pairs = detail::pairs_after_departure(dfs);
        detail::ScenarioBfs bfs(g.n);
        const auto whole = detail::alive_components(g, alive, bfs);
        double same = 0;
        for (std::size_t s : whole.sizes) same += static_cast<double>(s) * static_cast<double>(s - 1);
        EXPECT_EQ(pairs.whole, same) << "seed " << seed;
        for (index_t v = 0; v < g.n; ++v) {
            if (!alive[v]) {
                EXPECT_TRUE(std::isnan(pairs.after[v]));
                continue;
            }
            alive[v] = 0;
            const auto comps = detail::alive_components(g, alive, bfs);
            alive[v] = 1;
            double expected = 0;
            for (std::size_t s : comps.sizes) expected += static_cast<double>(s) * static_cast<double>(s - 1);
            EXPECT_EQ(pairs.after[v], expected) << "seed " << seed << ", structure " << v;
        }
    }
}

// Above the DF tie limit (n^2 (n + m) > 10^8: 500 structures) F's ties go to the links
// the set removes. k = 1: the greedy step scores every structure, so the result is the
// brute-force optimum of F over single removals, ties to the highest degree, then the
// lowest index; k = 3: the reported score is F of the reported set.
TEST(KeyPlayers, LargeNetworkBreaksTiesByLinksRemoved) {
    const auto net = test::random_graph(500, 0.0045, 3, false);
    const auto g = detail::scenario_view(net);
    ASSERT_GT(500.0 * 500.0 * (500.0 + static_cast<double>(g.targets.size())), detail::key_player_distance_tie_limit);
    detail::ScenarioBfs bfs(g.n);
    auto F = [&](const std::vector<index_t>& removed) {  // a component search of G - removed
        const auto alive = detail::alive_without(g.n, removed);
        return detail::fragmentation_of(detail::alive_components(g, alive, bfs).sizes, g.n - removed.size());
    };
    index_t best = 0;
    double best_f = -1;
    for (index_t v = 0; v < g.n; ++v) {
        const double f = F({v});
        if (f > best_f + 1e-12 || (std::fabs(f - best_f) <= 1e-12 && g.degree(v) > g.degree(best))) {
            best = v;
            best_f = f;
        }
    }
    auto r = key_players(net, {.k = 1, .restarts = 2});
    EXPECT_EQ(r.players, std::vector<index_t>{best});
    EXPECT_NEAR(r.score, best_f, tol);
    r = key_players(net, {.k = 3, .seed = 4, .restarts = 3});
    ASSERT_EQ(r.players.size(), 3u);
    EXPECT_NEAR(r.score, F(r.players), tol);
    EXPECT_GT(r.score, r.baseline);
}

TEST(KeyPlayers, ReachOfAStar) {
    const auto net = make(6, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
    auto r = key_players(net, {.k = 1, .objective = KeyPlayerObjective::reach, .m = 1});
    ASSERT_EQ(r.players.size(), 1u);
    EXPECT_EQ(r.players[0], 0u);
    EXPECT_NEAR(r.score, 0.8, tol);
    EXPECT_NEAR(r.baseline, 0.8, tol);
    // target: only e and f count; the centre reaches e, not f: 1/2
    std::vector<char> target = {0, 0, 0, 0, 1, 1};
    r = key_players(net, {.k = 1, .objective = KeyPlayerObjective::reach, .m = 1, .target = target});
    EXPECT_NEAR(r.score, 0.5, tol);
}

// Path a - b - c - d, distance-weighted reach, k = 1: from b, 1 + 1 + 1/2 over 3 others
// = 5/6; from a, (1 + 1/2 + 1/3) / 3 = 11/18. b wins (c ties, higher index).
TEST(KeyPlayers, DistanceReachOnAPath) {
    const auto net = make(4, {{0, 1}, {1, 2}, {2, 3}});
    auto r = key_players(net, {.k = 1, .objective = KeyPlayerObjective::distance_reach});
    ASSERT_EQ(r.players.size(), 1u);
    EXPECT_EQ(r.players[0], 1u);
    EXPECT_NEAR(r.score, 5.0 / 6.0, tol);
}

TEST(KeyPlayers, Errors) {
    const auto net = make(3, {{0, 1}, {1, 2}});
    EXPECT_THROW(key_players(net, {.k = 0}), input_error);
    EXPECT_THROW(key_players(net, {.k = 3}), input_error);
    EXPECT_THROW(key_players(net, {.k = 1, .m = 0}), input_error);
    EXPECT_THROW(key_players(net, {.k = 1, .target = {1}}), input_error);
    EXPECT_THROW(key_players(net, {.k = 1, .restarts = 0}), input_error);
}

// Same seed, same set; the result does not depend on the thread count.
TEST(KeyPlayers, SeededAndThreadIndependent) {
    const auto net = test::random_graph(60, 0.06, 3, false);
    KeyPlayerOptions o{.k = 3, .objective = KeyPlayerObjective::distance_fragmentation, .seed = 5, .restarts = 3};
    o.threads = 1;
    const auto a = key_players(net, o);
    o.threads = 2;
    const auto b = key_players(net, o);
    EXPECT_EQ(a.players, b.players);
    EXPECT_EQ(a.score, b.score);
}

// Path a - b - c. Without b: F = 1 (increase 1), a and c apart; the largest component
// {a, b, c} keeps the part holding a, so c is cut off. Without a (or c): b - c stay
// together, F = 0, nobody cut off. DF: whole 1/6; without a: n = 2, tied, DF = 0.
TEST(Vulnerability, PathByHand) {
    const auto net = make(3, {{0, 1}, {1, 2}});
    const auto r = vulnerability(net);
    EXPECT_NEAR(r.fragmentation, 0.0, tol);
    EXPECT_NEAR(r.distance_fragmentation, 1.0 / 6.0, tol);
    ASSERT_EQ(r.structures.size(), 3u);
    EXPECT_NEAR(r.structures[1].fragmentation, 1.0, tol);
    EXPECT_NEAR(r.structures[1].increase, 1.0, tol);
    EXPECT_EQ(r.structures[1].cut_off, std::vector<index_t>{2});
    EXPECT_NEAR(r.structures[0].fragmentation, 0.0, tol);
    EXPECT_NEAR(r.structures[0].distance_fragmentation, 0.0, tol);
    EXPECT_NEAR(r.structures[0].distance_increase, -1.0 / 6.0, tol);
    EXPECT_TRUE(r.structures[0].cut_off.empty());
    EXPECT_TRUE(std::isnan(r.structures[0].cross_group_brokerage));
}

// Cross-group brokerage: a -> b -> c with groups A A B (directed): b is a representative
// once (brokerage_test.cpp), a cross-group role: 1; a and c broker nothing.
TEST(Vulnerability, CrossGroupBrokerage) {
    const auto net = test::graph(true, 3, {{0, 1}, {1, 2}}, {}, test::s_id, {"A", "A", "B"});
    const auto r = vulnerability(net, {.distance = false, .group = "g"});
    EXPECT_NEAR(r.structures[1].cross_group_brokerage, 1.0, tol);
    EXPECT_NEAR(r.structures[0].cross_group_brokerage, 0.0, tol);
    EXPECT_TRUE(std::isnan(r.structures[1].distance_fragmentation));
}

// Path a - b - c - d: Σ over pairs of 1/d = 1 + 1/2 + 1/3 + 1 + 1/2 + 1 = 13/3, DF = 1 -
// 2 (13/3) / 12 = 5/18. Adding a - c (or b - d, or a - d) makes the sum 5: a gain of 2/3
// per pair, DF down by 2 (2/3) / 12 = 1/9. Three-way tie: the Adamic–Adar score breaks
// it, a - c and b - d share one partner of degree 2 (1 / ln 2), a - d none; a - c comes
// first in structure order.
TEST(Weave, CohesionOnAPathByHand) {
    const auto net = make(4, {{0, 1}, {1, 2}, {2, 3}});
    const auto r = weave(net, {.k = 1});
    EXPECT_NEAR(r.before, 5.0 / 18.0, tol);
    ASSERT_EQ(r.links.size(), 1u);
    EXPECT_EQ(r.links[0].source, 0u);
    EXPECT_EQ(r.links[0].target, 2u);
    EXPECT_NEAR(r.links[0].gain, 1.0 / 9.0, tol);
    EXPECT_EQ(r.links[0].distance, 2);
    EXPECT_EQ(r.links[0].shared, std::vector<index_t>{1});
    EXPECT_NEAR(r.links[0].adamic_adar, 1.0 / std::log(2.0), tol);
    EXPECT_NEAR(r.after, 5.0 / 18.0 - 1.0 / 9.0, tol);
}

// a - b and c - d apart: a link across gives new distances 1, 2, 2, 3: Σ 1/d up by 7/3,
// DF down by 2 (7/3) / 12 = 7/18. All four cross pairs tie (no shared partner): a - c.
// On a complete graph nothing is absent: no suggestion.
TEST(Weave, JoiningTwoPartsAndNothingToAdd) {
    auto r = weave(make(4, {{0, 1}, {2, 3}}), {.k = 1});
    ASSERT_EQ(r.links.size(), 1u);
    EXPECT_EQ(r.links[0].source, 0u);
    EXPECT_EQ(r.links[0].target, 2u);
    EXPECT_EQ(r.links[0].distance, -1);
    EXPECT_NEAR(r.links[0].gain, 7.0 / 18.0, tol);
    r = weave(make(3, {{0, 1}, {1, 2}, {0, 2}}), {.k = 2});
    EXPECT_TRUE(r.links.empty());
}

// Path a - b - c - d, groups X X Y Y. Cross pairs within two steps: b-c, a-c, b-d (3);
// a-d is 3 steps apart. Adding a - c brings a-d within two (a - c - d): gain 1; so do
// a - d and b - d. Tie broken by Adamic–Adar (a - c and b - d share a partner of degree
// 2): a - c. After: 4. Without a group: an error.
TEST(Weave, CrossGroupByHand) {
    const auto net = test::graph(false, 4, {{0, 1}, {1, 2}, {2, 3}}, {}, test::s_id, {"X", "X", "Y", "Y"});
    const auto r = weave(net, {.k = 1, .objective = WeaveObjective::cross_group, .group = "g"});
    EXPECT_NEAR(r.before, 3.0, tol);
    ASSERT_EQ(r.links.size(), 1u);
    EXPECT_EQ(r.links[0].source, 0u);
    EXPECT_EQ(r.links[0].target, 2u);
    EXPECT_NEAR(r.links[0].gain, 1.0, tol);
    EXPECT_TRUE(r.links[0].cross_group);
    EXPECT_NEAR(r.after, 4.0, tol);
    EXPECT_THROW(weave(net, {.objective = WeaveObjective::cross_group}), input_error);
}

// Path a - b - c. Before: 1 component holding all, F = 0, DF = 1/6 (above), density 2/3
// (2 ties of 3 pairs), mean distance (1 + 1 + 2) / 3 = 4/3. Without b: a and c apart:
// 2 components, largest share 1/2, F = DF = 1, density 0, mean distance NaN (the
// largest component has one structure). With a - c added instead: a triangle, DF 0,
// density 1, mean distance 1.
TEST(WhatIf, PathByHand) {
    const auto net = make(3, {{0, 1}, {1, 2}});
    auto r = what_if(net, {.remove = {1}});
    auto get = [&](const char* name) {
        for (const auto& i : r.indicators)
            if (i.name == name) return i;
        ADD_FAILURE() << name;
        return WhatIfIndicator{};
    };
    EXPECT_NEAR(get("components").before, 1, tol);
    EXPECT_NEAR(get("components").after, 2, tol);
    EXPECT_NEAR(get("largest_component_share").after, 0.5, tol);
    EXPECT_NEAR(get("fragmentation").change, 1.0, tol);
    EXPECT_NEAR(get("distance_fragmentation").before, 1.0 / 6.0, tol);
    EXPECT_NEAR(get("distance_fragmentation").after, 1.0, tol);
    EXPECT_NEAR(get("density").before, 2.0 / 3.0, tol);
    EXPECT_NEAR(get("density").after, 0.0, tol);
    EXPECT_NEAR(get("mean_distance").before, 4.0 / 3.0, tol);
    EXPECT_TRUE(std::isnan(get("mean_distance").after));
    EXPECT_TRUE(std::isnan(get("ei_index").before));
    EXPECT_EQ(r.after.number_of_structures(), 2u);
    EXPECT_EQ(net.number_of_structures(), 3u);  // the network itself is unchanged
    r = what_if(net, {.add = {{{0, 2}, LinkSpec{}}}});
    EXPECT_NEAR(get("distance_fragmentation").after, 0.0, tol);
    EXPECT_NEAR(get("density").after, 1.0, tol);
    EXPECT_NEAR(get("mean_distance").after, 1.0, tol);
    EXPECT_THROW(what_if(net, {.remove = {5}}), input_error);
}
