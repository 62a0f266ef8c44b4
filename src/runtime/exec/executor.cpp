#include "runtime/exec/executor.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>

namespace cepheus::runtime {

namespace {

// Which executor the calling thread runs: a send from inside an app's callback must not wait
// for another executor (two apps' callbacks sending into each other would deadlock), so it
// posts instead.
thread_local Executor* tCurrent = nullptr;

// How many items a worker runs for one executor before letting others have a turn.
constexpr size_t kBudget = 64;

// How long an idle worker keeps looking for work before it sleeps.
constexpr auto kSpinFor = std::chrono::microseconds(50);

}  // namespace

Executor* Executor::current() { return tCurrent; }

WorkerPool::WorkerPool(size_t threads) {
  if (threads == 0) threads = 1;
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void WorkerPool::schedule(Executor* executor) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(executor);
    queued_.store(queue_.size());
    // A spinning worker takes one executor; a sleeper is woken for any more.
    wake = sleepers_ > 0 && (!spinning_.load() || queue_.size() > 1);
  }
  if (wake) ready_.notify_one();
}

void WorkerPool::work() {
  while (Executor* executor = next()) executor->runQueued(kBudget);
}

Executor* WorkerPool::next() {
  auto take = [this] {
    Executor* executor = queue_.front();
    queue_.pop_front();
    queued_.store(queue_.size());
    return executor;
  };
  bool expected = false;
  if (spinning_.compare_exchange_strong(expected, true)) {
    const auto until = std::chrono::steady_clock::now() + kSpinFor;
    for (unsigned i = 1;; ++i) {
      if (queued_.load(std::memory_order_relaxed) > 0) {
        std::unique_lock lock(mutex_);
        if (!queue_.empty()) {
          spinning_.store(false);
          Executor* executor = take();
          const bool more = !queue_.empty() && sleepers_ > 0;
          lock.unlock();
          if (more) ready_.notify_one();
          return executor;
        }
      }
      cpuRelax();
      if (i % 64 == 0 && std::chrono::steady_clock::now() > until) break;
    }
    // Before the lock: a schedule() from now on sees no spinner and wakes a sleeper, and one
    // from before left its executor in the queue, which the wait below finds.
    spinning_.store(false);
  }
  std::unique_lock lock(mutex_);
  ++sleepers_;
  ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  --sleepers_;
  if (queue_.empty()) return nullptr;  // stopping, nothing left
  return take();
}

bool Executor::post(Work work) {
  bool schedule = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    queue_.push_back(std::move(work));
    queued_.fetch_add(1);
    // Owned: whoever owns it runs the queue before letting go (see release()).
    if (!owned_.load() && !scheduled_ && pool_) {
      scheduled_ = true;
      schedule = true;
    }
  }
  if (schedule) pool_->schedule(this);
  return true;
}

// Uncontended, taking the executor is one compare-and-swap; a thread that finds it taken waits.
void Executor::acquire() {
  bool free = false;
  if (!owned_.compare_exchange_strong(free, true, std::memory_order_acquire)) {
    std::unique_lock lock(mutex_);
    waiting_.fetch_add(1);
    idle_.wait(lock, [this] {
      bool expected = false;
      return owned_.compare_exchange_strong(expected, true, std::memory_order_acquire);
    });
    waiting_.fetch_sub(1);
  }
  outer_ = tCurrent;  // a snapshot taken from a plain thread has none; kept for symmetry
  tCurrent = this;
}

// Runs what was posted while this thread held the executor, then gives it up. A post that came
// just as it let go saw it taken and did not schedule it: the queue is looked at once more, and
// the executor taken back to run it (or left to whoever took it meanwhile, who runs it in turn).
void Executor::release() {
  Executor* const outer = outer_;  // read while still owned: the next owner writes it
  for (;;) {
    if (queued_.load() > 0) {
      std::unique_lock lock(mutex_);
      runQueue(lock, SIZE_MAX);
      continue;
    }
    owned_.store(false);
    if (queued_.load() > 0) {
      bool free = false;
      if (owned_.compare_exchange_strong(free, true, std::memory_order_acquire)) continue;
    }
    break;
  }
  tCurrent = outer;
  wakeWaiters();
}

void Executor::wakeWaiters() {
  if (waiting_.load() == 0) return;
  // Under the lock: a waiter is either before its check (and will find the executor free) or
  // asleep (and is woken).
  std::lock_guard lock(mutex_);
  idle_.notify_all();
}

// Runs up to `budget` queued items, the lock released while each runs.
void Executor::runQueue(std::unique_lock<std::mutex>& lock, size_t budget) {
  for (size_t done = 0; done < budget && !queue_.empty(); ++done) {
    Work next = std::move(queue_.front());
    queue_.pop_front();
    queued_.fetch_sub(1);
    lock.unlock();
    runItem(next);
    lock.lock();
  }
}

void Executor::runQueued(size_t budget) {
  std::unique_lock lock(mutex_);
  scheduled_ = false;
  // A thread in run() holds the executor: it runs the queue before letting go.
  bool free = false;
  if (!owned_.compare_exchange_strong(free, true, std::memory_order_acquire)) return;
  tCurrent = this;
  runQueue(lock, budget);
  tCurrent = nullptr;
  owned_.store(false);
  const bool more = !queue_.empty();
  if (more) scheduled_ = true;
  // Waiters are woken before the lock goes: once it has, a drain() (a close(), the executor's
  // destructor) can find it idle and return, and the executor may be gone. Waking them after
  // unlocking read freed memory (ThreadSanitizer, a parallel partition's shard destroyed as its
  // worker finished). Scheduled again, it stays: drain() waits while it is.
  if (waiting_.load() > 0) idle_.notify_all();
  lock.unlock();
  if (more) pool_->schedule(this);  // its turn is over; others go first
}

void Executor::runItem(Work& work) {
  try {
    work();
  } catch (const std::exception& e) {
    // Posted work has no caller to report to.
    std::fprintf(stderr, "cepheus: posted work failed: %s\n", e.what());
  }
}

void Executor::drain() {
  if (!pool_) {
    run([] {});  // runs the queue on this thread
    return;
  }
  std::unique_lock lock(mutex_);
  waiting_.fetch_add(1);
  idle_.wait(lock, [this] { return queue_.empty() && !owned_.load() && !scheduled_; });
  waiting_.fetch_sub(1);
}

void Executor::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  if (tCurrent == this) return;  // closed from its own work: the rest is dropped by post()
  drain();
}

bool Executor::closed() const { return closed_; }

}  // namespace cepheus::runtime
