#include "runtime/exec/executor.h"

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
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(executor);
  }
  ready_.notify_one();
}

void WorkerPool::work() {
  for (;;) {
    Executor* executor;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      executor = queue_.front();
      queue_.pop_front();
    }
    executor->runQueued(kBudget);
  }
}

bool Executor::post(Work work) {
  bool schedule = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    queue_.push_back(std::move(work));
    if (!owned_ && !scheduled_ && pool_) {
      scheduled_ = true;
      schedule = true;
    }
  }
  if (schedule) pool_->schedule(this);
  return true;
}

void Executor::acquire() {
  std::unique_lock lock(mutex_);
  if (owned_) {
    ++waiting_;
    idle_.wait(lock, [this] { return !owned_; });
    --waiting_;
  }
  owned_ = true;
  lock.unlock();
  outer_ = tCurrent;  // a snapshot taken from a plain thread has none; kept for symmetry
  tCurrent = this;
}

void Executor::release() {
  std::unique_lock lock(mutex_);
  runQueue(lock, SIZE_MAX);
  owned_ = false;
  tCurrent = outer_;
  const bool wake = waiting_ > 0;
  lock.unlock();
  if (wake) idle_.notify_all();
}

// Runs up to `budget` queued items, the lock released while each runs.
void Executor::runQueue(std::unique_lock<std::mutex>& lock, size_t budget) {
  for (size_t done = 0; done < budget && !queue_.empty(); ++done) {
    Work next = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    runItem(next);
    lock.lock();
  }
}

void Executor::runQueued(size_t budget) {
  std::unique_lock lock(mutex_);
  scheduled_ = false;
  // A thread in run() holds the executor: it runs the queue before letting go.
  if (owned_) return;
  owned_ = true;
  tCurrent = this;
  runQueue(lock, budget);
  owned_ = false;
  tCurrent = nullptr;
  bool more = !queue_.empty();
  if (more) scheduled_ = true;
  const bool wake = waiting_ > 0;
  lock.unlock();
  if (more) pool_->schedule(this);  // its turn is over; others go first
  if (wake) idle_.notify_all();
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
  ++waiting_;
  idle_.wait(lock, [this] { return queue_.empty() && !owned_ && !scheduled_; });
  --waiting_;
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
