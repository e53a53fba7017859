#pragma once
/// \file brokerage.hpp
/// Gould–Fernandez brokerage roles, exactly as R sna 2.7 `brokerage(g, cl)`: raw counts,
/// expected values, standard deviations and z-scores per structure and for the network.
///
/// Definitions (Gould & Fernandez 1989, "Structures of mediation: a formal approach to
/// brokerage in transaction networks", Sociological Methodology 19:89-126; sna's
/// `brokerage` help page): for every ordered two-path a -> v -> b with a != b, a != v,
/// b != v and no arc a -> b, the structure v brokers the ordered pair (a, b). Its role
/// depends on the groups g(.) of the three:
///
///   coordinator     (sna `w_I`)  g(a) == g(v) == g(b)
///   itinerant       (sna `w_O`)  g(a) == g(b) != g(v)
///   representative  (sna `b_IO`) g(a) == g(v) != g(b)
///   gatekeeper      (sna `b_OI`) g(v) == g(b) != g(a)
///   liaison         (sna `b_O`)  g(a), g(v), g(b) all different
///   total           (sna `t`)    sum of the five
///
/// An undirected tie counts as two arcs, weights are ignored and multiplex links count
/// once (binary simple view). Groups of any size are allowed, including singletons.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "coopmap/error.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

/// The six brokerage columns, in sna's order.
enum class BrokerageRole : std::size_t { coordinator = 0, itinerant, representative, gatekeeper, liaison, total };

/// Role names used as keys by the Python API, in sna's column order.
inline constexpr std::array<const char*, 6> brokerage_role_names = {"coordinator", "itinerant", "representative",
                                                                    "gatekeeper",  "liaison",   "total"};
/// sna's column names, same order.
inline constexpr std::array<const char*, 6> brokerage_sna_columns = {"w_I", "w_O", "b_IO", "b_OI", "b_O", "t"};

/// One value per role, indexed by BrokerageRole.
using RoleValues = std::array<double, 6>;

struct BrokerageResult {
    /// Per structure: raw counts (sna `raw.nli`), expected values (`exp.nli`),
    /// standard deviations (`sd.nli`) and z-scores (`z.nli`).
    std::vector<RoleValues> counts, expected, sd, z;
    /// Network level: sum of the counts (`raw.gli`), expected (`exp.gli`), sd (`sd.gli`), z (`z.gli`).
    RoleValues network_counts{}, network_expected{}, network_sd{}, network_z{};
    /// Group of each structure, numbered 0..k-1 by first appearance (sna's `clid` order).
    std::vector<std::uint32_t> membership;
    /// Size of each group (sna `n`).
    std::vector<double> group_sizes;
    /// Per group: expected value and sd of a member's counts (sna `exp.grp`, `sd.grp`).
    std::vector<RoleValues> group_expected, group_sd;
    /// Arc density m / (N (N - 1)) with undirected ties counted as two arcs; NaN when N < 2.
    double density = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {
inline double choose2(double x) { return x * (x - 1.0) / 2.0; }
}  // namespace detail

/// Gould–Fernandez brokerage on a simple graph (undirected graphs: each edge is two arcs;
/// weights ignored) with one group label per vertex (any integers; renumbered by first
/// appearance).
///
/// Expected values and variances (Gould & Fernandez 1989, as implemented by sna 2.7).
/// The null model is a Bernoulli digraph with the observed arc density d = m / (N(N-1))
/// and the observed group sizes n_1..n_k (N = Σ n_j). A given ordered triple (a, v, b)
/// of distinct vertices is a brokered two-path with probability p = d²(1-d) (arcs a->v
/// and v->b present, a->b absent). For a broker v in group i the number of ordered
/// pairs (a, b) that would put v in each role is
///   coordinator    (n_i-1)(n_i-2)
///   itinerant      Σ_{j≠i} n_j(n_j-1)
///   representative (n_i-1)(N-n_i)            (gatekeeper: the same)
///   liaison        (Σ_{j≠i} n_j)² - Σ_{j≠i} n_j²
///   total          (N-1)(N-2)
/// and E = p × count. Each triple is a Bernoulli(p) indicator (variance p(1-p)), so
/// Var = E(1 - d²(1-d)) + Σ covariances. Two triples of the same broker are dependent
/// only when they share the source a (both need a->v) or the target b (both need v->b);
/// then P(both) = d³(1-d)² and cov = d³(1-d)² - d⁴(1-d)² = d³(1-d)³. (Triples (a,v,b)
/// and (b,v,a) share no arc and are independent.) Counting the ordered pairs of
/// dependent triples gives the second terms:
///   coordinator    2 (n_i-1)(n_i-2)(n_i-3) d³(1-d)³                      [same a: (n_i-1)·(n_i-2)(n_i-3); same b: idem]
///   itinerant      2 Σ_{j≠i} n_j(n_j-1)(n_j-2) d³(1-d)³
///   representative 2 [(n_i-1) C(N-n_i, 2) + (N-n_i) C(n_i-1, 2)] d³(1-d)³   [sna's factor 2 once]
///   liaison        4 Σ_{j≠i} n_j C(N-n_j-n_i, 2) d³(1-d)³
///   total          2 (N-1)(N-2)(N-3) d³(1-d)³
/// Network level: E = p × (number of ordered triples of the type), summed over brokers:
///   coordinator Σ n_j(n_j-1)(n_j-2); itinerant and representative Σ n_j(N-n_j)(n_j-1);
///   liaison Σ_{j,l} n_j n_l (N-n_j-n_l) - Σ_j n_j² (N-2n_j); total N(N-1)(N-2).
/// Their variances add the covariances between triples of *different* brokers:
///   * sharing a required arc (e.g. (a,v,b) and (c,a,v) both need a->v): cov = d³(1-d)³;
///   * one requires the arc the other forbids ((a,v,b) forbids a->b, (a,b,c) needs it):
///     mutually exclusive, cov = -p² = -d⁴(1-d)²;
///   * two brokers v != w of the same ordered pair (a, b) share the forbidden arc a->b:
///     P(both) = d⁴(1-d), cov = d⁴(1-d) - d⁴(1-d)² = d⁵(1-d).
/// Counting these pairs per role gives sna 2.7's closed forms, which we transcribe term
/// by term (see the code; e.g. coordinator: Σ_j n_j(n_j-1)(n_j-2)[(4n_j-10)d³(1-d)³ -
/// 4(n_j-3)d⁴(1-d)² + (n_j-3)d⁵(1-d)]), keeping sna's choices (the liaison variance only
/// counts the pairs that sna counts), so that results agree with sna.
///
/// Degenerate cases follow sna's arithmetic (IEEE, as R): N < 2 gives d = NaN and every
/// expected value, sd and z NaN; an expected value of 0 with a count of 0 gives z = NaN
/// (0/0), with a count > 0 z = +Inf; a negative variance (possible in sna's closed forms
/// for tiny groups) gives sd = NaN (sqrt of a negative number) and z = NaN.
///
/// Complexity: counts O(Σ_v indeg(v)·outdeg(v)) time with an O(N) marker array;
/// expectations O(k²) per group and O(k³) for the network liaison variance (k groups).
/// Throws input_error when membership.size() != g.n.
inline BrokerageResult brokerage(const SimpleGraph& g, std::span<const std::uint32_t> membership) {
    const std::size_t N = g.n;
    if (membership.size() != N)
        throw input_error("brokerage: " + std::to_string(membership.size()) + " group labels for " + std::to_string(N) +
                          " structures");
    BrokerageResult r;
    // Renumber the groups by first appearance (sna: clid <- unique(cl)).
    r.membership.resize(N);
    {
        std::unordered_map<std::uint32_t, std::uint32_t> ids;
        for (std::size_t i = 0; i < N; ++i) {
            auto [it, fresh] = ids.emplace(membership[i], static_cast<std::uint32_t>(ids.size()));
            r.membership[i] = it->second;
            if (fresh) r.group_sizes.push_back(0.0);
            r.group_sizes[it->second] += 1.0;
        }
    }
    const auto& cl = r.membership;

    // ---- raw counts: for each a, mark out(a); every a -> v -> b with b unmarked, b != a ----
    r.counts.assign(N, RoleValues{});
    std::vector<std::size_t> mark(N, 0);
    for (std::size_t a = 0; a < N; ++a) {
        const std::size_t stamp = a + 1;
        for (auto v : g.neighbors(static_cast<index_t>(a))) mark[v] = stamp;
        for (auto v : g.neighbors(static_cast<index_t>(a))) {
            auto& c = r.counts[v];
            for (auto b : g.neighbors(v)) {
                if (b == a || mark[b] == stamp) continue;
                std::size_t role;
                if (cl[v] == cl[a]) role = cl[v] == cl[b] ? 0 : 2;  // coordinator : representative
                else if (cl[v] == cl[b]) role = 3;                  // gatekeeper
                else if (cl[a] == cl[b]) role = 1;                  // itinerant
                else role = 4;                                      // liaison
                c[role] += 1.0;
            }
        }
    }
    for (auto& c : r.counts) c[5] = c[0] + c[1] + c[2] + c[3] + c[4];
    for (const auto& c : r.counts)
        for (std::size_t k = 0; k < 6; ++k) r.network_counts[k] += c[k];

    // ---- expectations (sna 2.7, term by term) ----
    const double m = static_cast<double>(g.targets.size());  // arcs; undirected edges count twice
    const double Nd = static_cast<double>(N);
    const double d = m / (Nd * (Nd - 1.0));
    r.density = d;
    const auto& n = r.group_sizes;
    const std::size_t K = n.size();
    const double p = d * d * (1.0 - d);
    const double q = 1.0 - p;                                    // 1 - d²(1-d)
    const double c3 = d * d * d * std::pow(1.0 - d, 3.0);        // d³(1-d)³
    const double c4 = std::pow(d, 4.0) * (1.0 - d) * (1.0 - d);  // d⁴(1-d)²
    const double c5 = std::pow(d, 5.0) * (1.0 - d);              // d⁵(1-d)
    r.group_expected.assign(K, RoleValues{});
    r.group_sd.assign(K, RoleValues{});
    for (std::size_t i = 0; i < K; ++i) {
        const double ni = n[i];
        double s_it = 0, s_it3 = 0, s_sum = 0, s_sq = 0, s_li = 0;
        for (std::size_t j = 0; j < K; ++j) {
            if (j == i) continue;
            s_it += n[j] * (n[j] - 1.0);
            s_it3 += n[j] * (n[j] - 1.0) * (n[j] - 2.0);
            s_sum += n[j];
            s_sq += n[j] * n[j];
            s_li += n[j] * detail::choose2(Nd - n[j] - ni);
        }
        RoleValues e{}, v{};
        e[0] = p * (ni - 1.0) * (ni - 2.0);
        v[0] = e[0] * q + 2.0 * (ni - 1.0) * (ni - 2.0) * (ni - 3.0) * c3;
        e[1] = p * s_it;
        v[1] = e[1] * q + 2.0 * s_it3 * c3;
        e[2] = p * (Nd - ni) * (ni - 1.0);
        v[2] = e[2] * q + 2.0 * ((ni - 1.0) * detail::choose2(Nd - ni) + (Nd - ni) * detail::choose2(ni - 1.0)) * c3;
        e[3] = e[2];
        v[3] = v[2];
        e[4] = p * (s_sum * s_sum - s_sq);
        v[4] = e[4] * q + 4.0 * s_li * c3;
        e[5] = p * (Nd - 1.0) * (Nd - 2.0);
        v[5] = e[5] * q + 2.0 * (Nd - 1.0) * (Nd - 2.0) * (Nd - 3.0) * c3;
        r.group_expected[i] = e;
        for (std::size_t k = 0; k < 6; ++k) r.group_sd[i][k] = std::sqrt(v[k]);
    }
    r.expected.resize(N);
    r.sd.resize(N);
    r.z.resize(N);
    for (std::size_t s = 0; s < N; ++s) {
        r.expected[s] = r.group_expected[cl[s]];
        r.sd[s] = r.group_sd[cl[s]];
        for (std::size_t k = 0; k < 6; ++k) r.z[s][k] = (r.counts[s][k] - r.expected[s][k]) / r.sd[s][k];
    }

    // Network level.
    RoleValues eg{}, vg{};
    {
        double a0 = 0, a1 = 0, v0 = 0, v2 = 0;
        for (std::size_t i = 0; i < K; ++i) {
            const double x = n[i];
            a0 += x * (x - 1.0) * (x - 2.0);
            a1 += x * (Nd - x) * (x - 1.0);
            v0 += x * (x - 1.0) * (x - 2.0) * (((4.0 * x - 10.0) * c3) - (4.0 * (x - 3.0) * c4) + ((x - 3.0) * c5));
            v2 += x * (Nd - x) * (x - 1.0) * (((Nd - 3.0) * c3) + ((x - 2.0) * c5));
        }
        eg[0] = p * a0;
        vg[0] = eg[0] * q + v0;
        eg[1] = p * a1;
        double outer1 = 0, diag1 = 0, outer4 = 0, diag4 = 0;
        for (std::size_t i = 0; i < K; ++i) {
            for (std::size_t j = 0; j < K; ++j) {
                const double x = n[i], y = n[j];
                outer1 += x * y * (x - 1.0) * (((2.0 * x + 2.0 * y - 6.0) * c3) + ((Nd - x - 1.0) * c5));
                outer4 += x * y * (Nd - x - y);
            }
            const double x = n[i];
            diag1 += x * x * (x - 1.0) * (((4.0 * x - 6.0) * c3) + ((Nd - x - 1.0) * c5));
            diag4 += x * x * (Nd - 2.0 * x);
        }
        vg[1] = eg[1] * q + (outer1 - diag1);
        eg[2] = p * a1;
        vg[2] = eg[2] * q + v2;
        eg[3] = eg[2];
        vg[3] = vg[2];
        eg[4] = p * (outer4 - diag4);
        vg[4] = eg[4] * q;
        for (std::size_t i = 0; i < K; ++i)
            for (std::size_t j = 0; j < K; ++j)
                for (std::size_t k = 0; k < K; ++k)
                    if (i != j && j != k && i != k)
                        vg[4] +=
                            n[i] * n[j] * n[k] *
                            ((4.0 * (Nd - n[j]) - 2.0 * (n[i] + n[k] + 1.0)) * c3 -
                             (4.0 * (Nd - n[k]) - 2.0 * (n[i] + n[j] + 1.0)) * c4 + (Nd - (n[i] + n[k] + 1.0)) * c5);
        eg[5] = p * Nd * (Nd - 1.0) * (Nd - 2.0);
        vg[5] = eg[5] * q +
                Nd * (Nd - 1.0) * (Nd - 2.0) * (((4.0 * Nd - 10.0) * c3) - (4.0 * (Nd - 3.0) * c4) + ((Nd - 3.0) * c5));
    }
    r.network_expected = eg;
    for (std::size_t k = 0; k < 6; ++k) {
        r.network_sd[k] = std::sqrt(vg[k]);
        r.network_z[k] = (r.network_counts[k] - eg[k]) / r.network_sd[k];
    }
    return r;
}

/// Brokerage of a network with one group label per structure (binary simple view).
inline BrokerageResult brokerage(const Network& net, std::span<const std::uint32_t> membership) {
    return brokerage(simple_view(net, {.aggregate = Aggregate::binary}), membership);
}

/// Brokerage of a network grouped by a structure attribute (see group_by: structures
/// lacking it form the group `missing` when set, else input_error naming them).
inline BrokerageResult brokerage(const Network& net, std::string_view attribute,
                                 const std::optional<Value>& missing = {}) {
    const auto grouping = group_by(net, attribute, missing);
    return brokerage(net, std::span<const std::uint32_t>(grouping.membership));
}

}  // namespace coopmap
