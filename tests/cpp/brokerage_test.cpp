// Tests of coopmap/brokerage.hpp on hand-derived cases (R sna itself is the oracle in
// tests/python/test_brokerage.py).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "coopmap/brokerage.hpp"
#include "fixtures.hpp"

using namespace coopmap;

namespace {
constexpr std::size_t CO = 0, IT = 1, RE = 2, GA = 3, LI = 4, TO = 5;

Network make(bool directed, int n, const test::Edges& edges, const std::vector<std::string>& groups) {
    return test::graph(directed, n, edges, {}, test::s_id, groups);
}
}  // namespace

// Directed 0 -> 1 -> 2, groups A A B. The only brokered two-path is 0 -> 1 -> 2 (no arc
// 0 -> 2); a and v share group A, b is in B: structure 1 is a representative once.
// N = 3, m = 2, d = 2/6 = 1/3, p = d²(1-d) = 2/27, q = 1 - p = 25/27.
// Group A (n = 2): E[rep] = p (N - n)(n - 1) = 2/27; Var = E q + 2((n-1)C(1,2) + 1·C(1,2)) c3
//   = (2/27)(25/27) = 50/729, so z_1 = (1 - 2/27) / (sqrt(50)/27) = 25/sqrt(50) = sqrt(50)/2.
// E[total] = p (N-1)(N-2) = 4/27; Var = (4/27)(25/27) + 2·2·1·0·c3 = 100/729, sd = 10/27:
//   z_1 = (1 - 4/27)/(10/27) = 2.3, z_0 = -0.4.
// Group B (n = 1): E[coordinator] = p·0·(-1) = 0, Var = 0 → z = 0/0 = NaN (as sna).
// Itinerant for B: Σ_{j≠B} n_j(n_j-1) = 2 → E = 4/27.
TEST(Brokerage, DirectedRepresentativeByHand) {
    auto net = make(true, 3, {{0, 1}, {1, 2}}, {"A", "A", "B"});
    auto r = brokerage(net, "g");
    EXPECT_EQ(r.counts[1][RE], 1.0);
    EXPECT_EQ(r.counts[1][TO], 1.0);
    for (std::size_t k = 0; k < 6; ++k) {
        EXPECT_EQ(r.counts[0][k], 0.0);
        EXPECT_EQ(r.counts[2][k], 0.0);
    }
    EXPECT_NEAR(r.density, 1.0 / 3.0, 1e-15);
    EXPECT_NEAR(r.expected[1][RE], 2.0 / 27.0, 1e-15);
    EXPECT_NEAR(r.sd[1][RE], std::sqrt(50.0) / 27.0, 1e-15);
    EXPECT_NEAR(r.z[1][RE], std::sqrt(50.0) / 2.0, 1e-12);
    EXPECT_NEAR(r.z[1][TO], 2.3, 1e-12);
    EXPECT_NEAR(r.z[0][TO], -0.4, 1e-12);
    EXPECT_TRUE(std::isnan(r.z[2][CO]));
    EXPECT_NEAR(r.expected[2][IT], 4.0 / 27.0, 1e-15);
    EXPECT_EQ(r.expected[0][LI], 0.0);  // (Σ_{j≠A} n_j)² - Σ n_j² = 1 - 1
    EXPECT_EQ(r.network_counts[RE], 1.0);
    EXPECT_EQ(r.network_counts[TO], 1.0);
    // network E[total] = p N(N-1)(N-2) = (2/27)·6
    EXPECT_NEAR(r.network_expected[TO], 12.0 / 27.0, 1e-15);
    EXPECT_EQ(r.group_sizes, (std::vector<double>{2.0, 1.0}));
}

// Undirected path 0 - 1 - 2, one group: each tie is two arcs, so 1 brokers (0, 2) and
// (2, 0): two coordinator roles. d = 4/6 = 2/3.
TEST(Brokerage, UndirectedTieCountsTwice) {
    auto net = make(false, 3, {{0, 1}, {1, 2}}, {"A", "A", "A"});
    auto r = brokerage(net, "g");
    EXPECT_EQ(r.counts[1][CO], 2.0);
    EXPECT_EQ(r.counts[1][TO], 2.0);
    EXPECT_NEAR(r.density, 2.0 / 3.0, 1e-15);
    // E[coordinator] = p (n-1)(n-2) = (4/9)(1/3)·2 = 8/27
    EXPECT_NEAR(r.expected[1][CO], 8.0 / 27.0, 1e-15);
}

// Undirected star: centre 0 and leaves 1..3, every structure its own group: the centre
// brokers the 3·2 = 6 ordered leaf pairs as a liaison. A tie between leaves 1 and 2
// removes the pairs (1, 2) and (2, 1).
TEST(Brokerage, StarOfSingletonsIsLiaison) {
    auto net = make(false, 4, {{0, 1}, {0, 2}, {0, 3}}, {"a", "b", "c", "d"});
    auto r = brokerage(net, "g");
    EXPECT_EQ(r.counts[0][LI], 6.0);
    EXPECT_EQ(r.counts[0][TO], 6.0);
    EXPECT_EQ(r.counts[1][TO], 0.0);
    net.add_link("s1", "s2");
    r = brokerage(net, "g");
    EXPECT_EQ(r.counts[0][LI], 4.0);
    // now 1 brokers 0?no: 0 -> 1 -> 2 has the tie 0 - 2, so leaves broker nothing... except 3:
    // 3 -> 0 -> 1 is brokered by 0 (counted), 2 -> 1 -> 0: tie 2 - 0 exists. Nothing for 1, 2.
    EXPECT_EQ(r.counts[1][TO], 0.0);
    EXPECT_EQ(r.counts[2][TO], 0.0);
}

// Gatekeeper and itinerant: directed 0 -> 1 -> 2 with groups A B B (gatekeeper: v in b's
// group) and A B A (itinerant: a and b in one group, v outside).
TEST(Brokerage, GatekeeperAndItinerant) {
    auto r = brokerage(make(true, 3, {{0, 1}, {1, 2}}, {"A", "B", "B"}), "g");
    EXPECT_EQ(r.counts[1][GA], 1.0);
    r = brokerage(make(true, 3, {{0, 1}, {1, 2}}, {"A", "B", "A"}), "g");
    EXPECT_EQ(r.counts[1][IT], 1.0);
    // a closing arc 0 -> 2 removes the brokerage; the reverse arc 2 -> 0 does not
    r = brokerage(make(true, 3, {{0, 1}, {1, 2}, {2, 0}}, {"A", "B", "A"}), "g");
    EXPECT_EQ(r.counts[1][IT], 1.0);
    r = brokerage(make(true, 3, {{0, 1}, {1, 2}, {0, 2}}, {"A", "B", "A"}), "g");
    EXPECT_EQ(r.counts[1][IT], 0.0);
}

TEST(Brokerage, EdgeCases) {
    // one structure: d = 0/0 = NaN, everything expected is NaN (R gives the same)
    auto r = brokerage(make(false, 1, {}, {"A"}), "g");
    EXPECT_EQ(r.counts[0][TO], 0.0);
    EXPECT_TRUE(std::isnan(r.expected[0][TO]));
    EXPECT_TRUE(std::isnan(r.network_z[TO]));
    // empty network
    Network empty;
    auto e = brokerage(empty, std::span<const std::uint32_t>());
    EXPECT_TRUE(e.counts.empty());
    // wrong number of labels, missing attribute
    auto net = make(false, 2, {{0, 1}}, {"A", "B"});
    std::vector<std::uint32_t> one{0};
    EXPECT_THROW(brokerage(net, std::span<const std::uint32_t>(one)), input_error);
    EXPECT_THROW(brokerage(net, "nope"), input_error);
    // multiplex links count once
    net.add_link("s0", "s1", {.type = "other"});
    auto m = brokerage(net, "g");
    EXPECT_NEAR(m.density, 1.0, 1e-15);
}
