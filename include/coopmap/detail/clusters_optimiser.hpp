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
#include "coopmap/detail/threads.hpp"
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
    /// Nodes whose moves are decided together in one batch of the local moving, on levels
    /// of at least batched_from nodes (smaller levels move one node at a time).
    static constexpr std::size_t batch = 2048;
    static constexpr std::size_t batched_from = 16 * batch;
    /// Consecutive nodes that stay together in the random order of a batched level.
    static constexpr std::size_t run = 64;
    /// A later round of fewer than n / sort_below nodes is sorted, a larger one gathered by
    /// a scan of all n (see next_round).
    static constexpr std::size_t sort_below = 64;

    /// team: the threads the phases are split over (nullptr: the caller's thread only).
    /// The result does not depend on the team's size (see local_move and refine).
    CommunityOptimiser(double g, Rng& rng, double beta, Team* team = nullptr)
        : g_(g), beta_(beta), rng_(rng), team_(team), scratch_(team ? team->size() : 1) {}

    /// Leiden's fast local moving (Traag et al. 2019, Alg. A.2): all nodes in a random
    /// queue; a node moves to the community of largest gain (staying wins ties, an
    /// empty community has gain 0); when it moves, its neighbours outside the new
    /// community re-enter the queue. Ends when the queue is empty, i.e. no single move
    /// improves H. comm holds labels < n. Returns whether any node moved.
    ///
    /// On levels of at least batched_from nodes the queue starts as a random order of runs
    /// of `run` consecutive nodes (a run's rows and labels are read together: 1.3-1.5x
    /// faster at 10^6 links than single nodes in random order, whatever the numbering of
    /// the graph). It is taken in rounds: the first round is that order; the nodes queued
    /// again during a round form the next round, put back in the first round's order (runs
    /// in their random order, nodes ascending inside a run: ~2.5x cheaper per decision at
    /// 10^6 links than the order they were queued in). A round is taken in batches of at
    /// most `batch` nodes: the moves of a batch are
    /// decided in parallel against the state at the start of the batch, then applied in
    /// queue order on one thread, where a node with a neighbour that moved earlier in the
    /// same batch decides again against the current state. The batches depend only on the
    /// queue, each decision on one node's row read in order: the same partition for a seed
    /// on 1, 2 or any number of threads. What a decision may miss is the change of the
    /// totals A_D by moves of non-neighbours in the same batch (a node is revisited only
    /// when a neighbour moves, as in the sequential order). Batch numbers (stamps) wrap
    /// after 2^32 batches: a stale stamp then only makes a node decide again.
    bool local_move(const LevelGraph& G, std::vector<index_t>& comm) {
        const std::size_t n = G.n;
        ensure(n, 1);
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
        inq_.assign(n, 1);
        head_ = 0;
        size_ = n;
        left_ = n;
        if (n >= batched_from) {
            const std::size_t runs = (n + run - 1) / run;
            order_.resize(runs);
            for (std::size_t k = 0; k < runs; ++k) order_[k] = static_cast<index_t>(k);
            rng_.shuffle(order_);
            rank_.resize(runs);
            for (std::size_t r = 0; r < runs; ++r) rank_[order_[r]] = r;
            gather_in_run_order(n);
        } else {
            for (std::size_t v = 0; v < n; ++v) queue_[v] = static_cast<index_t>(v);
            rng_.shuffle(queue_);
        }
        const std::size_t B = n >= batched_from ? batch : 1;
        const unsigned T = B > 1 && team_ ? team_->size() : 1;
        if (B > 1) {
            ensure(n, T);
            stamp_.assign(n, 0);
            moves_.resize(B);
            batch_.resize(B);
        }
        bool moved = false;
        // safety net against cycles of moves whose gains are rounding noise: every real
        // move raises H, so honest runs stay far below this bound
        std::size_t budget = 1000 * n + 1000;
        std::uint32_t mark = 0;  // batch number, the stamp of nodes whose neighbour moved in it
        while (size_ > 0 && budget > 0) {
            if (B == 1) {
                --budget;
                const index_t v = pop();
                moved |= apply(G, comm, v, evaluate(G, comm, v, scratch_[0]), 0);
                continue;
            }
            if (left_ == 0) next_round(n);
            const std::size_t b = std::min({B, left_, budget});
            left_ -= b;
            budget -= b;
            for (std::size_t i = 0; i < b; ++i) batch_[i] = pop();
            ++mark;
            auto decide = [&](unsigned t) {
                const auto [lo, hi] = Team::share(b, t, T);
                for (std::size_t i = lo; i < hi; ++i) moves_[i] = evaluate(G, comm, batch_[i], scratch_[t]);
            };
            on_threads(T, decide);
            for (std::size_t i = 0; i < b; ++i) {
                const index_t v = batch_[i];
                const Move m = stamp_[v] == mark ? evaluate(G, comm, v, scratch_[0]) : moves_[i];
                moved |= apply(G, comm, v, m, mark);
            }
        }
        return moved;
    }

    /// Leiden refinement (Traag et al. 2019, Alg. A.3, MergeNodesSubset): inside each
    /// community of comm, start from singletons; visit nodes in random order; a node
    /// still alone and well connected to its community (w(v, C - v) >= g a_v (A_C - a_v))
    /// joins a well-connected refined community T of C with gain >= 0, chosen at random
    /// with probability proportional to exp(gain / beta) (staying alone included).
    /// Communities are refined independently of each other, each with its own random
    /// stream (SplitMix::stream of one draw of the run's generator and the community's
    /// label), split over the team's threads: the same result on any number of threads.
    /// Returns refined labels numbered 0.. by first appearance; sets count.
    std::vector<index_t> refine(const LevelGraph& G, const std::vector<index_t>& comm, std::size_t n_comm,
                                std::size_t& count) {
        const std::size_t n = G.n;
        const unsigned T = team_ && n >= batched_from ? team_->size() : 1;
        ensure(n, T);
        std::vector<index_t> ref(n);
        std::vector<double> Aref(G.node_weight.begin(), G.node_weight.begin() + static_cast<std::ptrdiff_t>(n));
        std::vector<double> ext(n, 0.0);
        std::vector<std::uint32_t> cref(n, 1);
        A_.assign(n_comm, 0.0);
        for (std::size_t v = 0; v < n; ++v) {
            ref[v] = static_cast<index_t>(v);
            A_[comm[v]] += G.node_weight[v];
        }
        auto inner_weights = [&](unsigned t) {  // w(v, C - v), each node on its own
            const auto [lo, hi] = Team::share(n, t, T);
            for (std::size_t v = lo; v < hi; ++v) {
                double x = 0.0;
                const index_t cv = comm[v];
                for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e)
                    x += comm[G.targets[e]] == cv ? G.weights[e] : 0.0;
                ext[v] = x;
            }
        };
        on_threads(T, inner_weights);
        // the nodes grouped by community (index order inside; each community shuffles its own)
        std::vector<std::size_t> start;
        group_by(comm, n_comm, start, order_);
        const std::uint64_t seed = rng_.next();
        auto refine_range = [&](unsigned t) {
            const auto [c0, c1] = groups_of(start, n, t, T);
            Scratch& s = scratch_[t];
            for (std::size_t c = c0; c < c1; ++c) {
                SplitMix random = SplitMix::stream(seed, c);
                const auto first = order_.begin() + static_cast<std::ptrdiff_t>(start[c]);
                const auto last = order_.begin() + static_cast<std::ptrdiff_t>(start[c + 1]);
                random.shuffle(first, last);
                for (auto it = first; it != last; ++it) refine_node(G, comm, *it, ref, Aref, ext, cref, s, random);
            }
        };
        on_threads(T, refine_range);
        count = renumber(ref);
        return ref;
    }

    /// The graph of the groups of labels (0..R-1): one node per group with the summed node
    /// weight, edge weights summed, edges inside a group dropped (they do not change any
    /// gain). O(n + m).
    LevelGraph aggregate(const LevelGraph& G, const std::vector<index_t>& labels, std::size_t R) {
        const unsigned T = team_ && G.n >= batched_from ? team_->size() : 1;
        ensure(std::max(G.n, R), T);
        LevelGraph H;
        H.n = R;
        H.node_weight.assign(R, 0.0);
        for (std::size_t v = 0; v < G.n; ++v) H.node_weight[labels[v]] += G.node_weight[v];
        std::vector<std::size_t> start;
        std::vector<index_t> members;
        group_by(labels, R, start, members);
        H.offsets.assign(R + 1, 0);
        // thread t writes the rows of the groups that start in its share of the G.n nodes
        // into its own arrays (row lengths into H.offsets), copied one after the other below
        std::vector<std::vector<index_t>> targets(T);
        std::vector<std::vector<double>> weights(T);
        auto rows = [&](unsigned t) {
            const auto [r0, r1] = groups_of(start, G.n, t, T);
            auto& tg = t == 0 ? H.targets : targets[t];
            auto& wt = t == 0 ? H.weights : weights[t];
            double* acc = scratch_[t].acc.data();
            index_t* touched = scratch_[t].touched.data();
            for (std::size_t r = r0; r < r1; ++r) {
                std::size_t nt = 0;  // the edges inside r are summed too, then dropped
                for (std::size_t k = start[r]; k < start[r + 1]; ++k) {
                    const index_t v = members[k];
                    for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e) {
                        const index_t c = labels[G.targets[e]];
                        touched[nt] = c;
                        nt += acc[c] == 0.0;
                        acc[c] += G.weights[e];
                    }
                }
                const std::size_t before = tg.size();
                for (std::size_t k = 0; k < nt; ++k) {
                    const index_t c = touched[k];
                    if (c != r) {
                        tg.push_back(c);
                        wt.push_back(acc[c]);
                    }
                    acc[c] = 0.0;
                }
                H.offsets[r + 1] = tg.size() - before;
            }
        };
        if (T > 1) {
            team_->run(rows);
        } else {
            H.targets.reserve(G.targets.size());
            H.weights.reserve(G.targets.size());
            rows(0);
        }
        for (std::size_t r = 0; r < R; ++r) H.offsets[r + 1] += H.offsets[r];
        for (unsigned t = 1; t < T; ++t) {
            H.targets.insert(H.targets.end(), targets[t].begin(), targets[t].end());
            H.weights.insert(H.weights.end(), weights[t].begin(), weights[t].end());
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
    /// A decided move: the community of largest gain, or (alone) an empty community.
    struct Move {
        index_t to;
        bool alone;
    };
    /// One thread's work arrays.
    struct Scratch {
        std::vector<double> acc;       ///< dense accumulator, all zero between uses
        std::vector<index_t> touched;  ///< n + 1 slots: the labels an accumulation touched, in order
        std::vector<index_t> cand;
        std::vector<double> gains;
    };

    /// Runs job(t) for t = 0..T-1 on the team (T > 1) or job(0) on this thread.
    template <class Job>
    void on_threads(unsigned T, Job&& job) {
        if (T > 1) team_->run(job);
        else job(0u);
    }

    /// The nodes grouped by label (labels < R), in index order inside a group: group r is
    /// members[start[r] .. start[r + 1]). A counting sort, O(n + R).
    static void group_by(const std::vector<index_t>& labels, std::size_t R, std::vector<std::size_t>& start,
                         std::vector<index_t>& members) {
        const std::size_t n = labels.size();
        start.assign(R + 1, 0);
        for (std::size_t v = 0; v < n; ++v) ++start[labels[v] + 1];
        for (std::size_t r = 0; r < R; ++r) start[r + 1] += start[r];
        members.resize(n);
        std::vector<std::size_t> pos(start.begin(), start.end() - 1);
        for (std::size_t v = 0; v < n; ++v) members[pos[labels[v]]++] = static_cast<index_t>(v);
    }

    /// The groups [first, last) of group_by's start that begin in thread t's share of the
    /// n nodes: every group goes to exactly one thread, with about n / T nodes each.
    static std::pair<std::size_t, std::size_t> groups_of(const std::vector<std::size_t>& start, std::size_t n,
                                                         unsigned t, unsigned T) {
        const auto [lo, hi] = Team::share(n, t, T);
        auto at = [&](std::size_t x) {
            return static_cast<std::size_t>(std::lower_bound(start.begin(), start.end() - 1, x) - start.begin());
        };
        return {at(lo), at(hi)};
    }

    /// Threads 0..T-1 get work arrays for labels < n.
    void ensure(std::size_t n, unsigned T) {
        for (unsigned t = 0; t < T; ++t) {
            Scratch& s = scratch_[t];
            if (s.acc.size() < n) s.acc.assign(n, 0.0);
            if (s.touched.size() < n + 1) s.touched.resize(n + 1);
        }
    }

    void push(index_t v) {
        inq_[v] = 1;
        std::size_t tail = head_ + size_;
        if (tail >= queue_.size()) tail -= queue_.size();
        queue_[tail] = v;
        ++size_;
    }

    /// Starts the next round of a batched local_move: the nodes queued during the last
    /// round (all of the queue) put in the order of the first round, runs in their random
    /// order and nodes ascending inside a run, so that the rows of a run are read together
    /// again (nodes queued one by one come in no order at all: in the FIFO order they cost
    /// ~2.5x as much per decision at 10^6 links). A round of fewer than n / sort_below
    /// nodes is sorted by that order, a larger one gathered by a scan of the runs; both
    /// give the same order.
    void next_round(std::size_t n) {
        if (size_ * sort_below < n) {
            auto key = [&](index_t v) { return rank_[v / run] * run + v % run; };
            round_.clear();
            for (std::size_t i = 0, j = head_; i < size_; ++i, j = j + 1 == queue_.size() ? 0 : j + 1)
                round_.push_back(queue_[j]);
            std::sort(round_.begin(), round_.end(), [&](index_t a, index_t b) { return key(a) < key(b); });
            std::copy(round_.begin(), round_.end(), queue_.begin());
        } else {
            gather_in_run_order(n);
        }
        head_ = 0;
        left_ = size_;
    }

    /// Writes the queued nodes (inq_) to the front of queue_ in the first round's order:
    /// runs as in order_, nodes ascending inside a run.
    void gather_in_run_order(std::size_t n) {
        std::size_t i = 0;
        for (const index_t k : order_)
            for (std::size_t v = k * run; v < std::min(n, (k + 1) * run); ++v)
                if (inq_[v]) queue_[i++] = static_cast<index_t>(v);
    }

    index_t pop() {
        const index_t v = queue_[head_];
        head_ = head_ + 1 == queue_.size() ? 0 : head_ + 1;
        --size_;
        inq_[v] = 0;
        return v;
    }

    /// The best move of v taken out of its community against the current comm, A_ and
    /// cnt_ (read only): the community D of largest gain w(v, D) - g a_v A_D (its own
    /// first, then in the order its row meets them; ties keep the first), alone when that
    /// gain is negative and v shares its community.
    Move evaluate(const LevelGraph& G, const std::vector<index_t>& comm, index_t v, Scratch& s) const {
        const index_t cv = comm[v];
        const double av = G.node_weight[v];
        double* acc = s.acc.data();
        index_t* touched = s.touched.data();
        // first touch of a community recorded without a branch (touched holds n + 1)
        std::size_t nt = 0;
        for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e) {
            const index_t c = comm[G.targets[e]];
            touched[nt] = c;
            nt += acc[c] == 0.0;
            acc[c] += G.weights[e];
        }
        index_t best = cv;
        double best_gain = acc[cv] - g_ * av * (A_[cv] - av);
        // cv's own term below uses A_cv with v (a smaller gain), so it never beats best_gain
        for (std::size_t k = 0; k < nt; ++k) {
            const index_t c = touched[k];
            const double gain = acc[c] - g_ * av * A_[c];
            if (gain > best_gain) {
                best_gain = gain;
                best = c;
            }
            acc[c] = 0.0;
        }
        return {best, best_gain < 0.0 && cnt_[cv] > 1};
    }

    /// Moves v as decided (alone: to an empty community, unless v is alone already); when
    /// v changes community, its neighbours outside the new one re-enter the queue and, for
    /// a batch (mark > 0), get the stamp mark. Returns whether v changed community.
    bool apply(const LevelGraph& G, std::vector<index_t>& comm, index_t v, Move m, std::uint32_t mark) {
        const index_t cv = comm[v];
        const double av = G.node_weight[v];
        A_[cv] -= av;
        --cnt_[cv];
        index_t best = m.to;
        if (m.alone && cnt_[cv] > 0) {
            while (cnt_[empty_.back()] > 0) empty_.pop_back();
            best = empty_.back();
        }
        A_[best] += av;
        if (cnt_[best]++ == 0 && !empty_.empty() && best == empty_.back()) empty_.pop_back();
        if (cnt_[cv] == 0) empty_.push_back(cv);
        if (best == cv) return false;
        comm[v] = best;
        for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e) {
            const index_t u = G.targets[e];
            if (mark) stamp_[u] = mark;
            if (!inq_[u] && comm[u] != best) push(u);
        }
        return true;
    }

    /// One node of refine(): see there.
    void refine_node(const LevelGraph& G, const std::vector<index_t>& comm, index_t v, std::vector<index_t>& ref,
                     std::vector<double>& Aref, std::vector<double>& ext, std::vector<std::uint32_t>& cref, Scratch& s,
                     SplitMix& random) const {
        if (cref[ref[v]] != 1) return;
        const index_t c = comm[v];
        const double av = G.node_weight[v];
        if (ext[v] < g_ * av * (A_[c] - av)) return;
        double* acc = s.acc.data();
        index_t* touched = s.touched.data();
        // only neighbours in c count; without a branch: a neighbour outside c adds 0 to
        // v's own refined community (ref of a node outside c is never read: another
        // thread may be refining its community)
        std::size_t nt = 0;
        for (std::size_t e = G.offsets[v]; e < G.offsets[v + 1]; ++e) {
            const index_t u = G.targets[e];
            const bool inside = comm[u] == c;
            const index_t t = ref[inside ? u : v];
            touched[nt] = t;
            nt += inside && acc[t] == 0.0;
            acc[t] += inside ? G.weights[e] : 0.0;
        }
        s.cand.clear();
        s.gains.clear();
        double best = 0.0;
        for (std::size_t k = 0; k < nt; ++k) {
            const index_t t = touched[k];
            if (ext[t] < g_ * Aref[t] * (A_[c] - Aref[t])) continue;
            const double gain = acc[t] - g_ * av * Aref[t];
            if (gain < 0.0) continue;
            s.cand.push_back(t);
            s.gains.push_back(gain);
            best = std::max(best, gain);
        }
        index_t chosen = ref[v];
        if (!s.cand.empty()) {
            if (beta_ > 0.0) {
                // exp((gain - best) / beta); terms below e^-50 (relative) are dropped, and the
                // best is exp(0) = 1 without a call (most nodes have one candidate)
                auto weight = [&](double gain) {
                    const double z = (gain - best) / beta_;
                    return z < -50.0 ? 0.0 : z == 0.0 ? 1.0 : std::exp(z);
                };
                const double stay = weight(0.0);  // staying alone: gain 0
                double total = stay;
                for (auto& x : s.gains) total += (x = weight(x));
                double r = random.uniform() * total - stay;
                if (r >= 0.0) {
                    chosen = s.cand.back();
                    for (std::size_t k = 0; k < s.cand.size(); ++k) {
                        r -= s.gains[k];
                        if (r < 0.0) {
                            chosen = s.cand[k];
                            break;
                        }
                    }
                }
            } else {
                double bg = 0.0;
                for (std::size_t k = 0; k < s.cand.size(); ++k)
                    if (s.gains[k] > bg) {
                        bg = s.gains[k];
                        chosen = s.cand[k];
                    }
            }
        }
        if (chosen != ref[v]) {
            const index_t t = chosen;
            ext[t] = ext[t] + ext[v] - 2.0 * acc[t];
            Aref[t] += av;
            ++cref[t];
            cref[ref[v]] = 0;
            ref[v] = t;
        }
        for (std::size_t k = 0; k < nt; ++k) acc[touched[k]] = 0.0;
    }

    double g_, beta_;
    Rng& rng_;
    Team* team_;
    std::vector<Scratch> scratch_;  ///< one per thread of the team; [0] the caller's
    std::vector<double> A_;
    std::vector<std::uint32_t> cnt_, stamp_;
    std::vector<index_t> empty_, queue_, order_, map_, batch_;
    std::vector<Move> moves_;
    std::vector<char> inq_;
    std::vector<std::size_t> rank_;  ///< batched levels: the position of each run in order_
    std::vector<index_t> round_;
    std::size_t head_ = 0, size_ = 0, left_ = 0;  ///< left_: nodes of the current round still queued
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
