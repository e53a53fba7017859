// A bounded hand-off of recycled buffers between two threads (the declarations importer).
#pragma once
/// A bounded hand-off between one producer thread and one consumer thread, recycling a
/// fixed set of buffers: the producer fills an empty buffer and passes it on, the consumer
/// drains it and gives it back. Used by the importers to parse and validate a file on
/// one core while SQLite writes the previous rows on the other.
///
/// Either side may abort (on an error): every waiting call then returns at once, and
/// take_empty/take_full return nothing from then on.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace coopmap::detail {

template <class T>
class Handoff {
public:
    /// capacity: how many buffers exist at most (created on demand, then recycled).
    explicit Handoff(std::size_t capacity) : capacity_(capacity) {}

    /// Producer: an empty buffer (a recycled one, or a new one while fewer than capacity
    /// exist); waits while the consumer holds them all. Nothing once aborted.
    std::optional<T> take_empty() {
        std::unique_lock lock(m_);
        if (empty_.empty() && created_ < capacity_ && !aborted_) {
            ++created_;
            return T{};
        }
        cv_empty_.wait(lock, [&] { return aborted_ || !empty_.empty(); });
        if (aborted_) return std::nullopt;
        T t = std::move(empty_.front());
        empty_.pop_front();
        return t;
    }
    /// Producer: passes a filled buffer to the consumer, in order.
    void put_full(T t) {
        {
            std::lock_guard lock(m_);
            full_.push_back(std::move(t));
        }
        cv_full_.notify_one();
    }
    /// Producer: no more buffers will come.
    void close() {
        {
            std::lock_guard lock(m_);
            closed_ = true;
        }
        cv_full_.notify_one();
    }

    /// Consumer: the next filled buffer; nothing when the producer closed and every
    /// buffer was taken, or on abort.
    std::optional<T> take_full() {
        std::unique_lock lock(m_);
        cv_full_.wait(lock, [&] { return aborted_ || closed_ || !full_.empty(); });
        if (aborted_ || full_.empty()) return std::nullopt;
        T t = std::move(full_.front());
        full_.pop_front();
        return t;
    }
    /// Consumer: gives a drained buffer back for reuse.
    void put_empty(T t) {
        {
            std::lock_guard lock(m_);
            empty_.push_back(std::move(t));
        }
        cv_empty_.notify_one();
    }

    /// Either side: stop; wakes the other side.
    void abort() {
        {
            std::lock_guard lock(m_);
            aborted_ = true;
        }
        cv_empty_.notify_all();
        cv_full_.notify_all();
    }

private:
    std::mutex m_;
    std::condition_variable cv_empty_, cv_full_;
    std::deque<T> empty_, full_;
    std::size_t capacity_, created_ = 0;
    bool closed_ = false, aborted_ = false;
};

}  // namespace coopmap::detail
