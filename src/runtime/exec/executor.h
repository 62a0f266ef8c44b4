// Executors instead of a lock and a thread per app. An engine has one WorkerPool (a fixed set of
// threads); each app has an Executor that runs its work one item at a time: events posted from
// any thread, timer ticks, snapshots. An executor is never run by two threads at once, so an
// app's operators and states are only ever touched by one thread at a time, without a lock on
// the per-event path.
//
// Work either runs on a pool worker (post) or on the caller's own thread (run: the embedded
// API's synchronous path, used by the CLI and benchmarks). Both go through the same executor, so
// a synchronous call waits only for the item running at that moment, and work posted meanwhile
// runs after it on the same thread before run() returns.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cepheus::runtime {

class Executor;

// In a spin-wait loop: lets the core's other work (and the cache line's writer) go ahead.
inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

class WorkerPool {
 public:
  explicit WorkerPool(size_t threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  size_t size() const { return threads_.size(); }
  // Hands an executor with queued work to a worker.
  void schedule(Executor* executor);

 private:
  void work();
  Executor* next();  // null: stopping

  std::mutex mutex_;  // over queue_, stopping_ and sleepers_
  std::condition_variable ready_;
  std::deque<Executor*> queue_;
  bool stopping_ = false;
  size_t sleepers_ = 0;
  // A worker that ran out of work looks for more for a short while before it sleeps: work that
  // comes back and forth between threads (a parallel partition's batches) then finds it awake,
  // and schedule() need not wake it. One worker at a time: more would take turns on the cores
  // from those with work.
  std::atomic<bool> spinning_{false};
  std::atomic<size_t> queued_{0};  // queue_.size(), read while spinning
  std::vector<std::thread> threads_;
};

class Executor {
 public:
  using Work = std::function<void()>;

  // `pool` null: posted work runs only when some thread calls run() or drain().
  explicit Executor(WorkerPool* pool) : pool_(pool) {}
  ~Executor() { close(); }
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Queues `work`; false (and nothing queued) once the executor is closed.
  bool post(Work work);

  // Runs `work` on the calling thread as soon as nothing else runs, then whatever was queued
  // meanwhile; returns when both are done. Exceptions from `work` reach the caller.
  template <class F>
  void run(F&& work) {
    acquire();
    Release release{this};
    work();
  }

  // Waits until nothing is queued or running (running the queue itself when there is no pool).
  void drain();
  // Some thread is running this executor's work at this moment.
  bool running() const { return owned_.load(std::memory_order_relaxed); }
  // Refuses new work and waits for what is queued and running to finish.
  void close();
  bool closed() const;

  // The executor whose work the calling thread is running, or null.
  static Executor* current();

 private:
  friend class WorkerPool;
  struct Release {
    Executor* executor;
    ~Release() { executor->release(); }
  };
  void acquire();
  // Runs what is queued, then gives the executor up (to a worker if work arrives meanwhile).
  void release();
  // A worker's turn: runs up to `budget` items.
  void runQueued(size_t budget);
  void runQueue(std::unique_lock<std::mutex>& lock, size_t budget);
  void wakeWaiters();
  void runItem(Work& work);

  WorkerPool* pool_;
  mutable std::mutex mutex_;  // over queue_ and scheduled_
  std::condition_variable idle_;
  std::deque<Work> queue_;
  bool scheduled_ = false;  // handed to the pool and not yet picked up
  // What a synchronous send reads and writes without the lock (sequentially consistent, which
  // release() relies on against post()).
  std::atomic<bool> owned_{false};  // some thread is running this executor's work
  std::atomic<size_t> queued_{0};   // queue_.size()
  std::atomic<int> waiting_{0};     // threads in acquire() or drain(): only then is idle_ notified
  std::atomic<bool> closed_{false};
  Executor* outer_ = nullptr;  // what the thread in run() was running before (restored after)
};

}  // namespace cepheus::runtime
