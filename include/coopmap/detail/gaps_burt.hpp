#pragma once
/// \file detail/gaps_burt.hpp
/// Internals of gaps.hpp: the mutual-weight graph of Burt's measures and the one-pass
/// kernel that computes constraint, effective size, efficiency and hierarchy per ego.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <thread>
#include <vector>

#include "coopmap/network.hpp"

namespace coopmap::detail {

/// The undirected "mutual weight" graph of Burt's measures: the weight of {i, j} is
/// a_ij + a_ji, with a_ij the aggregated weight of the links i -> j (sum of weights when
/// weighted, 1 when i -> j exists when not). For an undirected network a_ij = a_ji and
/// the weight is a_ij (the factor 2 of networkx cancels in every normalised quantity).
inline SimpleGraph mutual_graph(const Network& net, bool weighted) {
    const Aggregate agg = weighted ? Aggregate::sum : Aggregate::binary;
    if (!net.directed()) return simple_view(net, SimpleViewOptions{agg, false});
    const SimpleGraph d = simple_view(net, SimpleViewOptions{agg, false});
    SimpleGraph g;
    g.n = d.n;
    g.directed = false;
    // each arc u -> v of d in both rows, summed with its reverse: straight from d's rows
    build_rows_from(
        g.n,
        [&](auto&& f) {
            for (index_t u = 0; u < d.n; ++u)
                for (std::size_t k = d.offsets[u]; k < d.offsets[u + 1]; ++k) {
                    f(u, d.targets[k], d.weights[k]);
                    f(d.targets[k], u, d.weights[k]);
                }
        },
        Aggregate::sum, g.offsets, g.targets, g.weights);
    return g;
}

struct BurtColumns {
    std::vector<double> constraint, effective_size, efficiency, hierarchy;
};

/// Burt's four measures for egos [begin, end) of the mutual graph g. inv_sum[q] = 1 / S_q
/// (S_q = sum of q's mutual weights), inv_max[q] = 1 / M_q (largest mutual weight of q).
/// scratch: n zeros (left zeroed); cij: per-ego buffer.
inline void burt_range(const SimpleGraph& g, const std::vector<double>& inv_sum, const std::vector<double>& inv_max,
                       index_t begin, index_t end, BurtColumns& out) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> p(g.n, 0.0);  // p[q] = p_iq for the current ego i
    std::vector<double> cij;
    for (index_t i = begin; i < end; ++i) {
        const std::size_t b = g.offsets[i], e = g.offsets[i + 1];
        const std::size_t N = e - b;
        if (N == 0) {
            out.constraint[i] = out.effective_size[i] = out.efficiency[i] = out.hierarchy[i] = nan;
            continue;
        }
        for (std::size_t k = b; k < e; ++k) p[g.targets[k]] = g.weights[k] * inv_sum[i];
        cij.resize(N);
        double C = 0.0, eff = 0.0;
        for (std::size_t k = b; k < e; ++k) {
            const index_t j = g.targets[k];
            double indirect = 0.0, redundancy = 0.0;
            for (std::size_t l = g.offsets[j]; l < g.offsets[j + 1]; ++l) {
                const double piq = p[g.targets[l]];
                if (piq == 0.0) continue;  // q is not a partner of i (or q == i)
                const index_t q = g.targets[l];
                const double wjq = g.weights[l];
                indirect += piq * wjq * inv_sum[q];  // p_iq p_qj
                redundancy += piq * wjq;             // p_iq a_jq, divided by M_j below
            }
            const double direct = p[j] + indirect;
            const double c = direct * direct;
            cij[k - b] = c;
            C += c;
            eff += 1.0 - redundancy * inv_max[j];
        }
        out.constraint[i] = C;
        out.effective_size[i] = eff;
        out.efficiency[i] = eff / static_cast<double>(N);
        if (N == 1) {
            out.hierarchy[i] = 0.0;
        } else {
            const double Nd = static_cast<double>(N);
            const double mean = C / Nd;
            double h = 0.0;
            for (double c : cij) {
                const double r = c / mean;
                h += r * std::log(r);
            }
            out.hierarchy[i] = h / (Nd * std::log(Nd));
        }
        for (std::size_t k = b; k < e; ++k) p[g.targets[k]] = 0.0;
    }
}

/// All four measures for every vertex of the mutual graph, on `threads` threads
/// (0 = hardware concurrency, capped at 8; small graphs run on one).
inline BurtColumns burt_all(const SimpleGraph& g, unsigned threads) {
    BurtColumns out;
    out.constraint.assign(g.n, 0.0);
    out.effective_size.assign(g.n, 0.0);
    out.efficiency.assign(g.n, 0.0);
    out.hierarchy.assign(g.n, 0.0);
    std::vector<double> inv_sum(g.n, 0.0), inv_max(g.n, 0.0);
    for (index_t q = 0; q < g.n; ++q) {
        double s = 0.0, m = 0.0;
        for (std::size_t k = g.offsets[q]; k < g.offsets[q + 1]; ++k) {
            s += g.weights[k];
            m = std::max(m, g.weights[k]);
        }
        inv_sum[q] = s > 0 ? 1.0 / s : 0.0;
        inv_max[q] = m > 0 ? 1.0 / m : 0.0;
    }
    if (threads == 0) threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    if (g.targets.size() < 200000) threads = 1;
    if (threads <= 1) {
        burt_range(g, inv_sum, inv_max, 0, static_cast<index_t>(g.n), out);
        return out;
    }
    // Split the egos into chunks of about equal work (sum over partners of their degree).
    std::vector<std::thread> pool;
    std::vector<double> work(g.n + 1, 0.0);
    for (index_t i = 0; i < g.n; ++i) {
        double w = 1.0;
        for (std::size_t k = g.offsets[i]; k < g.offsets[i + 1]; ++k) w += static_cast<double>(g.degree(g.targets[k]));
        work[i + 1] = work[i] + w;
    }
    index_t start = 0;
    for (unsigned t = 0; t < threads; ++t) {
        const double goal = work[g.n] * (t + 1) / threads;
        index_t stop = t + 1 == threads
                           ? static_cast<index_t>(g.n)
                           : static_cast<index_t>(std::lower_bound(work.begin(), work.end(), goal) - work.begin());
        stop = std::clamp(stop, start, static_cast<index_t>(g.n));
        pool.emplace_back([&, start, stop] { burt_range(g, inv_sum, inv_max, start, stop, out); });
        start = stop;
    }
    for (auto& th : pool) th.join();
    return out;
}

}  // namespace coopmap::detail
