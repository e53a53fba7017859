// Concurrency of the read-only and value-returning parts of coopmap: several threads,
// each with its own networks, read CSV files, build simple views, filter and write
// CSV at once; every result must equal the single-threaded one. The names contain
// "Threads", so these tests carry the ctest label `threads` and also run under
// ThreadSanitizer (build/tsan, `ctest -L threads`).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "coopmap/centrality.hpp"
#include "coopmap/detail/interrupt.hpp"
#include "coopmap/detail/threads.hpp"
#include "coopmap/io.hpp"
#include "coopmap/network.hpp"

using namespace coopmap;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(COOPMAP_SOURCE_DIR) / "datasets";
const char* const kSets[] = {"karate", "florentine", "ptce-sicoval-2013"};

/// Everything a thread computes from one dataset, as comparable values.
struct Outcome {
    std::size_t structures = 0, links = 0;
    std::vector<std::vector<std::size_t>> offsets;  // per aggregate
    std::vector<std::vector<index_t>> targets;
    std::vector<std::vector<double>> weights;
    std::size_t filtered_links = 0;
    std::string written;  // the structures and links files written back, concatenated
    bool operator==(const Outcome&) const = default;
};

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

Outcome work(const std::string& set, bool directed, const fs::path& out_dir) {
    Outcome o;
    const auto dir = kData / set;
    Network net = read_csv((dir / "structures.csv").string(), (dir / "links.csv").string(), CsvReadOptions{directed});
    o.structures = net.number_of_structures();
    o.links = net.number_of_links();
    for (auto a : {Aggregate::sum, Aggregate::max, Aggregate::min, Aggregate::count, Aggregate::binary}) {
        const SimpleGraph g = simple_view(net, SimpleViewOptions{a, false});
        o.offsets.push_back(g.offsets);
        o.targets.push_back(g.targets);
        o.weights.push_back(g.weights);
    }
    LinkFilter f;
    f.types = net.link_types();
    if (!f.types.empty()) f.types.resize(1);
    o.filtered_links = filter_links(net, f).number_of_links();
    fs::create_directories(out_dir);
    write_csv(net, (out_dir / "s.csv").string(), (out_dir / "l.csv").string());
    o.written = slurp(out_dir / "s.csv") + "\n--\n" + slurp(out_dir / "l.csv");
    return o;
}

}  // namespace

TEST(IoThreads, ConcurrentReadViewFilterWriteMatchSequential) {
    // Per process: several builds (test, asan, tsan) or checkouts may run this at once.
    const fs::path tmp = fs::temp_directory_path() / ("coopmap_threads_test_" + std::to_string(::getpid()));
    fs::remove_all(tmp);
    // Reference: every (dataset, directed) pair computed on this thread alone.
    std::vector<Outcome> expected;
    for (const char* set : kSets)
        for (bool directed : {false, true}) expected.push_back(work(set, directed, tmp / "sequential"));

    constexpr int kThreads = 6, kRounds = 3;
    std::vector<std::vector<Outcome>> got(kThreads);
    std::vector<std::string> errors(kThreads);
    std::vector<std::thread> pool;
    for (int t = 0; t < kThreads; ++t)
        pool.emplace_back([&, t] {
            try {
                // Each thread walks the 6 cases starting at a different one, so that
                // different datasets are read at the same time.
                for (int r = 0; r < kRounds; ++r)
                    for (std::size_t c = 0; c < expected.size(); ++c) {
                        const std::size_t k = (c + static_cast<std::size_t>(t)) % expected.size();
                        std::string dir = "t";  // (no "t" + ...: g++ 12 -O2 warns -Wrestrict wrongly)
                        dir += std::to_string(t);
                        dir += '_';
                        dir += std::to_string(k);
                        got[t].push_back(work(kSets[k / 2], k % 2 == 1, tmp / dir));
                    }
            } catch (const std::exception& e) {
                errors[t] = e.what();
            }
        });
    for (auto& th : pool) th.join();
    for (int t = 0; t < kThreads; ++t) {
        ASSERT_EQ(errors[t], "") << "thread " << t;
        ASSERT_EQ(got[t].size(), kRounds * expected.size());
        for (std::size_t i = 0; i < got[t].size(); ++i) {
            const std::size_t k = (i % expected.size() + static_cast<std::size_t>(t)) % expected.size();
            EXPECT_TRUE(got[t][i] == expected[k]) << "thread " << t << ", case " << k;
        }
    }
    // The cases really differ (the comparison above could not pass by accident).
    EXPECT_NE(expected[0].links, expected[2].links);
    EXPECT_NE(expected[0].offsets, expected[1].offsets);  // karate undirected vs directed rows
    fs::remove_all(tmp);
}

TEST(IoThreads, SharedNetworkReadOnlyViews) {
    // One const network shared by several threads: building views only reads it.
    const auto dir = kData / "ptce-sicoval-2013";
    const Network net = read_csv((dir / "structures.csv").string(), (dir / "links.csv").string());
    const SimpleGraph ref = simple_view(net);
    std::vector<SimpleGraph> got(4);
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < got.size(); ++t)
        pool.emplace_back([&, t] {
            for (int r = 0; r < 5; ++r) got[t] = simple_view(net);
        });
    for (auto& th : pool) th.join();
    for (const auto& g : got) {
        EXPECT_EQ(g.offsets, ref.offsets);
        EXPECT_EQ(g.targets, ref.targets);
        EXPECT_EQ(g.weights, ref.weights);
    }
}

namespace {
std::atomic<bool> g_stop_requested{false};
bool stop_requested() { return g_stop_requested.load(); }
}  // namespace

// Ctrl-C in Python: the host's hook says "stop" while betweenness runs on 2 threads;
// the calling thread throws coopmap::interrupted and the worker stops at its next
// check (the shared stop flag of run_threads), so the call returns promptly, without a
// data race (this test runs under ThreadSanitizer: label threads).
TEST(InterruptThreads, HookStopsEveryWorkerOfAParallelComputation) {
    // a ring of 20,000 structures with chords: each source's BFS visits everything, so
    // the exact betweenness runs for seconds unless stopped
    Network net;
    const std::size_t n = 20000;
    auto id = [](std::size_t i) {  // (not "s" + to_string: a GCC 12 -O3 -Wrestrict false positive)
        std::string s = std::to_string(i);
        s.insert(s.begin(), 's');
        return s;
    };
    for (std::size_t i = 0; i < n; ++i) net.add_structure(id(i));
    for (std::size_t i = 0; i < n; ++i) {
        net.add_link(id(i), id((i + 1) % n));
        if (i % 50 == 0) net.add_link(id(i), id((i * 37 + 11) % n));
    }
    detail::set_interrupt_hook(&stop_requested);
    g_stop_requested = false;
    std::thread asker([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        g_stop_requested = true;
    });
    const auto t0 = std::chrono::steady_clock::now();
    BetweennessOptions o;
    o.threads = 2;
    EXPECT_THROW(betweenness(net, o), interrupted);
    const auto waited = std::chrono::steady_clock::now() - t0;
    asker.join();
    detail::set_interrupt_hook(nullptr);
    g_stop_requested = false;
    EXPECT_LT(waited, std::chrono::seconds(5));
    // without a hook nothing is interrupted
    Network small;
    small.add_structure("a");
    small.add_structure("b");
    small.add_link("a", "b");
    EXPECT_NO_THROW(betweenness(small, o));
}

// detail::Team: every job runs on every thread once, the jobs one after the other (the
// second job reads what every thread wrote in the first), for many short jobs in a row.
TEST(TeamThreads, EveryThreadRunsEveryJobAndJobsFollowEachOther) {
    for (const unsigned T : {1u, 2u, 3u}) {
        detail::Team team(T);
        ASSERT_EQ(team.size(), T);
        std::vector<long> slots(T, 0);
        long total = 0;
        for (long job = 1; job <= 2000; ++job) {
            team.run([&](unsigned t) { slots[t] += job; });
            // after run(): every thread's write of this job is visible here
            long sum = 0;
            for (const long x : slots) sum += x;
            total += job;
            ASSERT_EQ(sum, static_cast<long>(T) * total) << "job " << job << ", " << T << " threads";
        }
        // an exception on any thread comes out of run() once all are done (the one of the
        // smallest thread), and the team goes on with the next job
        EXPECT_THROW(team.run([&](unsigned t) {
            if (t == T - 1) throw std::runtime_error("thread " + std::to_string(t));
        }),
                     std::runtime_error);
        std::vector<int> after(T, 0);
        EXPECT_NO_THROW(team.run([&](unsigned t) { after[t] = 1; }));
        EXPECT_EQ(std::count(after.begin(), after.end(), 1), static_cast<long>(T));
        // share(): contiguous parts of 0..n covering it exactly, sizes differing by at most 1
        for (const std::size_t n : {0u, 1u, 5u, 2048u}) {
            std::size_t next = 0;
            for (unsigned t = 0; t < T; ++t) {
                const auto [lo, hi] = detail::Team::share(n, t, T);
                EXPECT_EQ(lo, next);
                EXPECT_LE(hi - lo, n / T + 1);
                next = hi;
            }
            EXPECT_EQ(next, n);
        }
    }
}
