#pragma once
/// \file detail/threads.hpp
/// Worker threads: run_threads() for one parallel job (the centrality measures, the
/// what-if scenarios) and Team for many short parallel phases in a row (the community
/// detection's local moving, refinement and aggregation).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

#include "coopmap/detail/interrupt.hpp"

namespace coopmap::detail {

/// Number of worker threads: `requested` (0 = all hardware threads), at most `jobs`, at least 1.
inline unsigned worker_count(unsigned requested, std::size_t jobs) {
    unsigned t = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    if (jobs < t) t = static_cast<unsigned>(std::max<std::size_t>(1, jobs));
    return t;
}

/// Runs body(t) for t = 0..T-1 on T threads (the calling thread runs t = 0) and rethrows
/// the first exception. Once a thread throws (or is interrupted), the others throw
/// `interrupted` at their next check_interrupt() and the first error is rethrown.
inline void run_threads(unsigned T, const std::function<void(unsigned)>& body) {
    if (T <= 1) {
        body(0);
        return;
    }
    std::vector<std::exception_ptr> errors(T);
    std::vector<std::thread> pool;
    pool.reserve(T - 1);
    std::atomic<bool> stop{false};  // one thread failed or was interrupted: the others stop
    std::atomic<int> first{-1};     // the thread whose error came first (the others' follow from it)
    auto fail = [&](unsigned t) {
        errors[t] = std::current_exception();
        int none = -1;
        first.compare_exchange_strong(none, static_cast<int>(t));
        stop = true;
    };
    for (unsigned t = 1; t < T; ++t)
        pool.emplace_back([&, t] {
            InterruptScope scope(&stop);
            try {
                body(t);
            } catch (...) {
                fail(t);
            }
        });
    try {
        InterruptScope scope(&stop);
        body(0);
    } catch (...) {
        fail(0);
    }
    for (auto& th : pool) th.join();
    if (first >= 0) std::rethrow_exception(errors[static_cast<std::size_t>(first.load())]);
}

/// T threads (the caller and T - 1 workers started once) that run one job after the
/// other: run(job) calls job(t) on every thread t = 0..T-1 (the caller runs t = 0) and
/// returns when all are done; the end of run() orders every write of the job before
/// what follows. Made for phases far shorter than a thread start (a batch of 2,048
/// nodes of the local moving). An exception thrown by job(t) (std::bad_alloc while a
/// thread fills its part of a level graph) is caught on its thread; once every thread
/// is done, run() rethrows the one of the smallest t. With T = 1 no thread is started
/// and run(job) is job(0).
///
/// Hand-over: the caller posts a job by raising an epoch counter, each worker raises a
/// done counter when its part is finished. A waiting thread spins for up to spin_for
/// (about 0.5 ms) before it sleeps (std::atomic::wait): the local moving posts a batch
/// every ~0.2 ms, and a sleeping worker took ~55 us to wake and report on this machine
/// (std::barrier, two per batch), a tenth of a Louvain run at 10^6 links. Timing never
/// changes a result: the jobs split their work by t alone.
class Team {
public:
    explicit Team(unsigned T) : T_(std::max(1u, T)), errors_(T_) {
        workers_.reserve(T_ - 1);
        for (unsigned t = 1; t < T_; ++t)
            workers_.emplace_back([this, t] {
                std::uint64_t seen = 0;
                while (true) {
                    seen = await_change(epoch_, seen);  // a job (or the stop) is posted
                    if (stop_) return;
                    try {
                        (*job_)(t);
                    } catch (...) {
                        errors_[t] = std::current_exception();
                    }
                    done_.fetch_add(1, std::memory_order_acq_rel);  // this thread's part is done
                    done_.notify_one();
                }
            });
    }
    Team(const Team&) = delete;
    Team& operator=(const Team&) = delete;
    ~Team() {
        if (T_ == 1) return;
        stop_ = true;
        post();
        for (auto& w : workers_) w.join();
    }

    unsigned size() const noexcept { return T_; }

    template <class Job>
    void run(Job&& job) {
        if (T_ == 1) {
            job(0u);
            return;
        }
        const std::function<void(unsigned)> f = std::ref(job);
        job_ = &f;
        done_.store(0, std::memory_order_relaxed);  // ordered before the workers' reads by post()
        post();
        try {
            job(0u);
        } catch (...) {
            errors_[0] = std::current_exception();
        }
        for (std::uint64_t d = 0; d < T_ - 1;) d = await_change(done_, d);
        job_ = nullptr;
        std::exception_ptr first;
        for (auto& e : errors_)
            if (e && !first) first = std::exchange(e, nullptr);
            else e = nullptr;
        if (first) std::rethrow_exception(first);
    }

    /// The part [begin, end) of 0..n that thread t of T takes: contiguous, sizes differing
    /// by at most one.
    static std::pair<std::size_t, std::size_t> share(std::size_t n, unsigned t, unsigned T) noexcept {
        return {n * t / T, n * (t + 1) / T};
    }

private:
    static constexpr std::chrono::microseconds spin_for{500};

    void post() {
        epoch_.fetch_add(1, std::memory_order_release);
        epoch_.notify_all();
    }

    /// Waits until a differs from old (spinning, then sleeping) and returns its new value;
    /// the load acquires what the writer released.
    static std::uint64_t await_change(const std::atomic<std::uint64_t>& a, std::uint64_t old) {
        std::uint64_t now = a.load(std::memory_order_acquire);
        if (now != old) return now;
        const auto until = std::chrono::steady_clock::now() + spin_for;
        for (unsigned i = 1;; ++i) {
            now = a.load(std::memory_order_acquire);
            if (now != old) return now;
            if (i % 256 == 0 && std::chrono::steady_clock::now() > until) break;
            relax();
        }
        while ((now = a.load(std::memory_order_acquire)) == old) a.wait(old, std::memory_order_acquire);
        return now;
    }

    static void relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        asm volatile("yield");
#endif
    }

    unsigned T_;
    std::atomic<std::uint64_t> epoch_{0}, done_{0};
    std::vector<std::thread> workers_;
    std::vector<std::exception_ptr> errors_;              ///< per thread, the exception of the current job
    const std::function<void(unsigned)>* job_ = nullptr;  ///< written before post(), read after
    bool stop_ = false;                                   ///< written before post(), read after
};

}  // namespace coopmap::detail
