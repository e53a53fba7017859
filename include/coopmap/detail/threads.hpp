#pragma once
/// \file detail/threads.hpp
/// Worker threads: run_threads() for one parallel job (the centrality measures, the
/// what-if scenarios) and Team for many short parallel phases in a row (the community
/// detection's local moving, refinement and aggregation).
#include <algorithm>
#include <atomic>
#include <barrier>
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
class Team {
public:
    explicit Team(unsigned T) : T_(std::max(1u, T)), sync_(static_cast<std::ptrdiff_t>(T_)), errors_(T_) {
        workers_.reserve(T_ - 1);
        for (unsigned t = 1; t < T_; ++t)
            workers_.emplace_back([this, t] {
                while (true) {
                    sync_.arrive_and_wait();  // a job (or the stop) is posted
                    if (stop_) return;
                    try {
                        (*job_)(t);
                    } catch (...) {
                        errors_[t] = std::current_exception();
                    }
                    sync_.arrive_and_wait();  // this thread's part is done
                }
            });
    }
    Team(const Team&) = delete;
    Team& operator=(const Team&) = delete;
    ~Team() {
        if (T_ == 1) return;
        stop_ = true;
        sync_.arrive_and_wait();
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
        sync_.arrive_and_wait();
        try {
            job(0u);
        } catch (...) {
            errors_[0] = std::current_exception();
        }
        sync_.arrive_and_wait();
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
    unsigned T_;
    std::barrier<> sync_;
    std::vector<std::thread> workers_;
    std::vector<std::exception_ptr> errors_;  ///< per thread, the exception of the current job
    const std::function<void(unsigned)>* job_ = nullptr;
    bool stop_ = false;
};

}  // namespace coopmap::detail
