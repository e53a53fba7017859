#pragma once
/// \file detail/clusters_optimiser.hpp
/// The engine behind louvain() and leiden(): queue-based local moving, the Leiden
/// refinement and graph aggregation on flat CSR arrays. Not part of the public API.
///
/// One quality function covers both objectives:
///     H = sum_c [ E_c - g * A_c^2 / 2 ]
/// with E_c the weight of the edges inside community c (each edge once), A_c the sum of
/// the node weights a_v of its members, and
///   * modularity: a_v = strength k_v, g = gamma / 2m   (H = m * Q)
///   * CPM:        a_v = node size (1 per structure), g = gamma
///                 (H = sum_c [E_c - gamma n_c (n_c - 1) / 2] + gamma n / 2).
/// Moving a node v (taken out of its community) into community D changes H by
///     w(v, D) - g a_v A_D,
/// which is all the local moving and the refinement need: no per-edge allocation, one
/// dense accumulator indexed by community plus the list of the entries it touched.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "coopmap/detail/random.hpp"
#include "coopmap/network.hpp"

namespace coopmap::detail {

/// A level of the multilevel scheme: CSR adjacency without self-loops plus node weights.
struct LevelGraph {
    std::size_t n = 0;
    std::vector<std::size_t> offsets;
    std::vector<index_t> targets;
    std::vector<double> weights;
    std::vector<double> node_weight;  ///< a_v
};

class CommunityOptimiser {
public:
    CommunityOptimiser(double g, Rng& rng, double beta) : g_(g), beta_(beta), rng_(rng) {}

    /// Leiden's fast local moving (Traag et al. 2019, Alg. A.2): all nodes in a random
    /// queue; a node moves to the community of largest gain (staying wins ties, an
    /// empty community has gain 0); when it moves, its neighbours outside the new
    /// community re-enter the queue. Ends when the queue is empty, i.e. no single move
    /// improves H. comm holds labels < n. Returns whether any node moved.
    bool local_move(const LevelGraph& G, std::vector<index_t>& comm) {
        const std::size_t n = G.n;
        ensure(n);
        A_.assign(n, 0.0);
        cnt_.assign(n, 0);
        for (std::size_t v = 0; v < n; ++v) {
            A_[comm[v]] += G.node_weight[v];
            ++cnt_[comm[v]];
        }
        empty_.clear();
        for (std::size_t c = n; c-- > 0;)
            if (cnt_[c] == 0) empty_.push_back(static_cast<index_t>(c));
        queue_.resize(n);
        for (std::size_t v = 0; v < n; ++v) queue_[v] = static_cast<index_t>(v);
        rng_.shuffle(queue_);
        inq_.assign(n, 1);
        std::size_t head = 0, size = n;
        bool moved = false;
        // safety net against cycles of moves whose gains are rounding noise: every real
        // move raises H, so honest runs stay far below this bound
        std::size_t budget = 1000 * n + 1000;
        while (size > 0 && budget-- > 0) {
            const index_t v = queue_[head];
            head = head + 1 == n ? 0 : head + 1;
            --size;
            inq_[v] = 0;
            const index_t cv = comm[v];
            const double av = G.node_weight[v];
            A_[cv] -= av;
            --cnt_[cv];
            // first touch of a community recorded without a branch (touched_ holds n + 1)
            std::size_t nt = 0;
            for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e) {
                const index_t c = comm[G.targets[e]];
                touched_[nt] = c;
                nt += acc_[c] == 0.0;
                acc_[c] += G.weights[e];
            }
            index_t best = cv;
            double best_gain = acc_[cv] - g_ * av * A_[cv];
            for (std::size_t k = 0; k < nt; ++k) {
                const index_t c = touched_[k];
                const double gain = acc_[c] - g_ * av * A_[c];
                if (gain > best_gain) {
                    best_gain = gain;
                    best = c;
                }
                acc_[c] = 0.0;
            }
            if (best_gain < 0.0 && cnt_[cv] > 0) {  // alone is better: an empty community
                while (cnt_[empty_.back()] > 0) empty_.pop_back();
                best = empty_.back();
            }
            A_[best] += av;
            if (cnt_[best]++ == 0 && !empty_.empty() && best == empty_.back()) empty_.pop_back();
            if (cnt_[cv] == 0) empty_.push_back(cv);
            if (best != cv) {
                comm[v] = best;
                moved = true;
                for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e) {
                    const index_t u = G.targets[e];
                    if (!inq_[u] && comm[u] != best) {
                        inq_[u] = 1;
                        std::size_t tail = head + size;
                        if (tail >= n) tail -= n;
                        queue_[tail] = u;
                        ++size;
                    }
                }
            }
        }
        return moved;
    }

    /// Leiden refinement (Traag et al. 2019, Alg. A.3, MergeNodesSubset): inside each
    /// community of comm, start from singletons; visit nodes in random order; a node
    /// still alone and well connected to its community (w(v, C - v) >= g a_v (A_C - a_v))
    /// joins a well-connected refined community T of C with gain >= 0, chosen at random
    /// with probability proportional to exp(gain / beta) (staying alone included).
    /// Returns refined labels numbered 0.. by first appearance; sets count.
    std::vector<index_t> refine(const LevelGraph& G, const std::vector<index_t>& comm, std::size_t n_comm,
                                std::size_t& count) {
        const std::size_t n = G.n;
        ensure(n);
        std::vector<index_t> ref(n);
        std::vector<double> Aref(G.node_weight.begin(), G.node_weight.begin() + static_cast<std::ptrdiff_t>(n));
        std::vector<double> ext(n, 0.0);
        std::vector<std::uint32_t> cref(n, 1);
        A_.assign(n_comm, 0.0);
        for (std::size_t v = 0; v < n; ++v) {
            ref[v] = static_cast<index_t>(v);
            A_[comm[v]] += G.node_weight[v];
            double x = 0.0;
            const index_t cv = comm[v];
            for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e)
                x += comm[G.targets[e]] == cv ? G.weights[e] : 0.0;
            ext[v] = x;
        }
        // visit the communities one after the other (memory locality), the nodes of each
        // in a random order: a shuffled permutation, stably grouped by community
        queue_.resize(n);
        for (std::size_t v = 0; v < n; ++v) queue_[v] = static_cast<index_t>(v);
        rng_.shuffle(queue_);
        {
            std::vector<std::size_t> start(n_comm + 1, 0);
            for (std::size_t v = 0; v < n; ++v) ++start[comm[v] + 1];
            for (std::size_t c = 0; c < n_comm; ++c) start[c + 1] += start[c];
            order_.resize(n);
            for (const index_t v : queue_) order_[start[comm[v]]++] = v;
        }
        for (const index_t v : order_) {
            if (cref[ref[v]] != 1) continue;
            const index_t c = comm[v];
            const double av = G.node_weight[v];
            if (ext[v] < g_ * av * (A_[c] - av)) continue;
            // only neighbours in c count; without a branch: a refined community outside c
            // is never touched, as refined communities lie inside one community
            std::size_t nt = 0;
            for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e) {
                const index_t u = G.targets[e];
                const bool inside = comm[u] == c;
                const index_t t = ref[u];
                touched_[nt] = t;
                nt += inside && acc_[t] == 0.0;
                acc_[t] += inside ? G.weights[e] : 0.0;
            }
            cand_.clear();
            gains_.clear();
            double best = 0.0;
            for (std::size_t k = 0; k < nt; ++k) {
                const index_t t = touched_[k];
                if (ext[t] < g_ * Aref[t] * (A_[c] - Aref[t])) continue;
                const double gain = acc_[t] - g_ * av * Aref[t];
                if (gain < 0.0) continue;
                cand_.push_back(t);
                gains_.push_back(gain);
                best = std::max(best, gain);
            }
            index_t chosen = ref[v];
            if (!cand_.empty()) {
                if (beta_ > 0.0) {
                    // exp((gain - best) / beta); terms below e^-50 (relative) are dropped, and the
                    // best is exp(0) = 1 without a call (most nodes have one candidate)
                    auto weight = [&](double gain) {
                        const double z = (gain - best) / beta_;
                        return z < -50.0 ? 0.0 : z == 0.0 ? 1.0 : std::exp(z);
                    };
                    const double stay = weight(0.0);  // staying alone: gain 0
                    double total = stay;
                    for (auto& x : gains_) total += (x = weight(x));
                    double r = rng_.uniform() * total - stay;
                    if (r >= 0.0) {
                        chosen = cand_.back();
                        for (std::size_t k = 0; k < cand_.size(); ++k) {
                            r -= gains_[k];
                            if (r < 0.0) {
                                chosen = cand_[k];
                                break;
                            }
                        }
                    }
                } else {
                    double bg = 0.0;
                    for (std::size_t k = 0; k < cand_.size(); ++k)
                        if (gains_[k] > bg) {
                            bg = gains_[k];
                            chosen = cand_[k];
                        }
                }
            }
            if (chosen != ref[v]) {
                const index_t t = chosen;
                ext[t] = ext[t] + ext[v] - 2.0 * acc_[t];
                Aref[t] += av;
                ++cref[t];
                cref[ref[v]] = 0;
                ref[v] = t;
            }
            for (std::size_t k = 0; k < nt; ++k) acc_[touched_[k]] = 0.0;
        }
        count = renumber(ref);
        return ref;
    }

    /// The graph of the groups of labels (0..R-1): one node per group with the summed node
    /// weight, edge weights summed, edges inside a group dropped (they do not change any
    /// gain). O(n + m).
    LevelGraph aggregate(const LevelGraph& G, const std::vector<index_t>& labels, std::size_t R) {
        ensure(std::max(G.n, R));
        LevelGraph H;
        H.n = R;
        H.node_weight.assign(R, 0.0);
        std::vector<std::size_t> start(R + 1, 0);
        for (std::size_t v = 0; v < G.n; ++v) {
            ++start[labels[v] + 1];
            H.node_weight[labels[v]] += G.node_weight[v];
        }
        for (std::size_t r = 0; r < R; ++r) start[r + 1] += start[r];
        std::vector<index_t> members(G.n);
        {
            std::vector<std::size_t> pos(start.begin(), start.end() - 1);
            for (std::size_t v = 0; v < G.n; ++v) members[pos[labels[v]]++] = static_cast<index_t>(v);
        }
        H.offsets.assign(R + 1, 0);
        H.targets.reserve(G.targets.size());
        H.weights.reserve(G.targets.size());
        for (std::size_t r = 0; r < R; ++r) {
            std::size_t nt = 0;  // the edges inside r are summed too, then dropped
            for (std::size_t k = start[r]; k < start[r + 1]; ++k) {
                const index_t v = members[k];
                for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e) {
                    const index_t c = labels[G.targets[e]];
                    touched_[nt] = c;
                    nt += acc_[c] == 0.0;
                    acc_[c] += G.weights[e];
                }
            }
            for (std::size_t k = 0; k < nt; ++k) {
                const index_t c = touched_[k];
                if (c != r) {
                    H.targets.push_back(c);
                    H.weights.push_back(acc_[c]);
                }
                acc_[c] = 0.0;
            }
            H.offsets[r + 1] = H.targets.size();
        }
        return H;
    }

    /// H = sum_c [E_c - g A_c^2 / 2] of the communities comm (labels < G.n) of a level,
    /// from the total arc weight of the base graph (each edge counted in both directions):
    /// every edge of the base graph between two communities joins two different nodes of
    /// any level aggregated from groups inside the communities, so sum_c 2 E_c = total
    /// arc weight - the arc weight of G between communities. O(n + m) of the level only.
    double objective(const LevelGraph& G, const std::vector<index_t>& comm, double total_arc_weight) {
        const std::size_t n = G.n;
        A_.assign(n, 0.0);
        double between = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            A_[comm[v]] += G.node_weight[v];
            for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e)
                if (comm[G.targets[e]] != comm[v]) between += G.weights[e];
        }
        double squares = 0.0;
        for (const double a : A_) squares += a * a;
        return (total_arc_weight - between) / 2.0 - g_ * squares / 2.0;
    }

    /// Renumbers labels 0.. by first appearance; returns how many there are.
    std::size_t renumber(std::vector<index_t>& labels) {
        const std::size_t n = labels.size();
        map_.assign(n, UINT32_MAX);
        index_t next = 0;
        for (auto& x : labels) {
            if (map_[x] == UINT32_MAX) map_[x] = next++;
            x = map_[x];
        }
        return next;
    }

private:
    void ensure(std::size_t n) {
        if (acc_.size() < n) acc_.assign(n, 0.0);
        if (touched_.size() < n + 1) touched_.resize(n + 1);
    }

    double g_, beta_;
    Rng& rng_;
    std::vector<double> acc_;       ///< dense accumulator, all zero between uses
    std::vector<index_t> touched_;  ///< n + 1 slots: the labels an accumulation touched, in order
    std::vector<double> A_;
    std::vector<std::uint32_t> cnt_;
    std::vector<index_t> empty_, queue_, order_, cand_, map_;
    std::vector<char> inq_;
    std::vector<double> gains_;
};

/// What one run of optimise_once gives besides the membership.
struct PassResult {
    std::size_t levels = 0;
    double objective = 0.0;  ///< H of the result (CommunityOptimiser::objective)
};

/// One run of Louvain (refine = false) or Leiden (refine = true) from the labels in
/// membership (< n; singletons to start from scratch) on the base graph, whose arc weights
/// sum to total_arc_weight. membership receives the result (labels numbered by first
/// appearance).
inline PassResult optimise_once(const LevelGraph& base, std::vector<index_t>& membership, CommunityOptimiser& opt,
                                bool refine, double total_arc_weight) {
    const std::size_t n0 = base.n;
    std::vector<index_t> node_of(n0);
    for (std::size_t v = 0; v < n0; ++v) node_of[v] = static_cast<index_t>(v);
    std::vector<index_t> comm = membership;
    opt.renumber(comm);
    LevelGraph owned;
    const LevelGraph* G = &base;
    std::size_t levels = 0;
    while (true) {
        ++levels;
        opt.local_move(*G, comm);
        const std::size_t R = opt.renumber(comm);
        if (R == G->n) break;  // every community is one node: nothing left to merge
        std::vector<index_t> labels;
        std::size_t count = R;
        if (refine) {
            labels = opt.refine(*G, comm, R, count);
            if (count == G->n) break;  // the refinement merged nothing
        } else {
            labels = comm;
        }
        std::vector<index_t> next_comm(count);
        for (std::size_t v = 0; v < G->n; ++v) next_comm[labels[v]] = comm[v];
        for (auto& x : node_of) x = labels[x];
        LevelGraph H = opt.aggregate(*G, labels, count);
        owned = std::move(H);
        G = &owned;
        comm = std::move(next_comm);
    }
    const double h = opt.objective(*G, comm, total_arc_weight);
    for (std::size_t v = 0; v < n0; ++v) membership[v] = comm[node_of[v]];
    opt.renumber(membership);
    return {levels, h};
}

}  // namespace coopmap::detail
