#pragma once
/// \file detail/interrupt.hpp
/// Cooperative interruption of long computations (Ctrl-C in Python).
///
/// A host (the Python binding) installs a hook with set_interrupt_hook(); long loops
/// call check_interrupt(), which asks the hook at most every 50 ms per thread and throws
/// coopmap::interrupted when it says so. Without a hook (plain C++) the check costs one
/// atomic load. Worker threads of run_threads() stop at their next check once the
/// calling thread was interrupted (InterruptScope).
#include <atomic>
#include <chrono>

#include "coopmap/error.hpp"

namespace coopmap::detail {

/// Returns true when the computation must stop. Called from the computing threads; it
/// must be thread-safe (the Python hook answers false outside the main thread).
using InterruptHook = bool (*)();

inline std::atomic<InterruptHook>& interrupt_hook() {
    static std::atomic<InterruptHook> hook{nullptr};
    return hook;
}

inline void set_interrupt_hook(InterruptHook hook) { interrupt_hook().store(hook); }

/// The stop flag shared by the threads of one run_threads() call (nullptr elsewhere).
inline std::atomic<bool>*& thread_stop_flag() {
    thread_local std::atomic<bool>* flag = nullptr;
    return flag;
}

/// Throws interrupted when the host asked to stop (checked at most every 50 ms per
/// thread) or when another thread of the same parallel section was interrupted.
inline void check_interrupt() {
    if (auto* stop = thread_stop_flag(); stop && stop->load(std::memory_order_relaxed)) throw interrupted();
    const InterruptHook hook = interrupt_hook().load(std::memory_order_relaxed);
    if (!hook) return;
    using clock = std::chrono::steady_clock;
    thread_local clock::time_point next{};
    const auto now = clock::now();
    if (now < next) return;
    next = now + std::chrono::milliseconds(50);
    if (hook()) throw interrupted();
}

/// Installs `flag` as this thread's stop flag for the lifetime of the scope.
class InterruptScope {
public:
    explicit InterruptScope(std::atomic<bool>* flag) : saved_(thread_stop_flag()) { thread_stop_flag() = flag; }
    ~InterruptScope() { thread_stop_flag() = saved_; }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    std::atomic<bool>* saved_;
};

}  // namespace coopmap::detail
