// Executors: an executor's work never runs on two threads at once; posted work runs on the pool
// in order; a synchronous run waits only for the item running at that moment and runs what was
// posted meanwhile before it returns.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "runtime/exec/executor.h"

namespace cepheus::runtime {
namespace {

TEST(Executor, PostedWorkRunsInOrderOnThePool) {
  WorkerPool pool(2);
  Executor executor(&pool);
  std::vector<int> order;
  for (int i = 0; i < 1000; ++i) executor.post([&order, i] { order.push_back(i); });
  executor.drain();
  ASSERT_EQ(order.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(order[i], i);
}

TEST(Executor, NeverRunsOnTwoThreadsAtOnce) {
  WorkerPool pool(2);
  Executor executor(&pool);
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  std::atomic<int> done{0};
  auto work = [&] {
    if (inside.fetch_add(1) != 0) overlapped = true;
    std::this_thread::yield();
    inside.fetch_sub(1);
    done.fetch_add(1);
  };
  std::thread sender([&] {
    for (int i = 0; i < 2000; ++i) executor.run(work);
  });
  for (int i = 0; i < 2000; ++i) executor.post(work);
  sender.join();
  executor.drain();
  EXPECT_FALSE(overlapped);
  EXPECT_EQ(done.load(), 4000);
}

TEST(Executor, SynchronousRunsPostsAndPostsFromInsideMixWithoutLosingWork) {
  WorkerPool pool(2);
  Executor executor(&pool);
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  int done = 0;  // only ever touched by the executor's work
  auto work = [&] {
    if (inside.fetch_add(1) != 0) overlapped = true;
    ++done;
    inside.fetch_sub(1);
  };
  std::vector<std::thread> senders;
  for (int t = 0; t < 3; ++t)
    senders.emplace_back([&] {
      for (int i = 0; i < 3000; ++i) {
        executor.run([&] {
          work();
          executor.post(work);  // from inside: done before this run returns
        });
        if (i % 7 == 0) executor.post(work);
      }
    });
  for (auto& sender : senders) sender.join();
  executor.drain();
  EXPECT_FALSE(overlapped);
  EXPECT_EQ(done, 3 * 3000 * 2 + 3 * 429);
}

TEST(Executor, WorkPostedFromARunIsDoneBeforeTheRunReturns) {
  WorkerPool pool(1);
  Executor executor(&pool);
  std::vector<int> order;
  executor.run([&] {
    EXPECT_EQ(Executor::current(), &executor);
    executor.post([&] { order.push_back(2); });
    order.push_back(1);
  });
  order.push_back(3);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(Executor::current(), nullptr);
}

TEST(Executor, OneSlowExecutorDoesNotHoldUpAnother) {
  WorkerPool pool(2);
  Executor slow(&pool), fast(&pool);
  std::atomic<bool> release{false};
  std::atomic<bool> fastDone{false};
  slow.post([&] {
    // Held until the other executor's work has run: that needs the second worker.
    for (int i = 0; i < 10'000 && !release; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  fast.post([&] {
    fastDone = true;
    release = true;
  });
  fast.drain();
  slow.drain();
  EXPECT_TRUE(fastDone);
}

// An idle worker first spins for a while, then sleeps; work for several executors at once must
// reach as many workers either way (one spinner takes one executor, the others are woken).
TEST(Executor, IdleWorkersSpinningOrAsleepAllTakeWorkWhenItComes) {
  WorkerPool pool(3);
  Executor a(&pool), b(&pool), c(&pool);
  for (auto pause : {std::chrono::microseconds(0), std::chrono::microseconds(20), std::chrono::microseconds(200),
                     std::chrono::microseconds(5000)}) {
    for (int round = 0; round < 5; ++round) {
      std::this_thread::sleep_for(pause);  // workers spinning, or asleep after the longer pauses
      std::atomic<int> arrived{0};
      std::atomic<int> met{0};
      // Each waits (bounded) until all three run at once: only three workers make that happen.
      auto meet = [&] {
        arrived.fetch_add(1);
        for (int i = 0; i < 10'000 && arrived.load() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (arrived.load() == 3) met.fetch_add(1);
      };
      a.post(meet);
      b.post(meet);
      c.post(meet);
      a.drain();
      b.drain();
      c.drain();
      EXPECT_EQ(met.load(), 3) << "after a pause of " << pause.count() << " us, round " << round;
    }
  }
}

TEST(Executor, AClosedExecutorRefusesWork) {
  WorkerPool pool(1);
  Executor executor(&pool);
  int ran = 0;
  executor.post([&] { ++ran; });
  executor.close();
  EXPECT_EQ(ran, 1);  // what was queued ran
  EXPECT_FALSE(executor.post([&] { ++ran; }));
  EXPECT_TRUE(executor.closed());
}

TEST(Executor, WithoutAPoolPostedWorkRunsOnDrain) {
  Executor executor(nullptr);
  int ran = 0;
  executor.post([&] { ++ran; });
  EXPECT_EQ(ran, 0);
  executor.drain();
  EXPECT_EQ(ran, 1);
}

}  // namespace
}  // namespace cepheus::runtime
