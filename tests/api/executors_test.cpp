// Apps on the engine's shared workers: many apps on few threads, callbacks that send into apps
// (their own included) without deadlock, and a slow callback that holds up only its own app.
#include <gtest/gtest.h>

#include <dirent.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;
using namespace std::chrono_literals;

size_t threadsOfThisProcess() {
  size_t n = 0;
  if (DIR* dir = opendir("/proc/self/task")) {
    while (dirent* entry = readdir(dir))
      if (entry->d_name[0] != '.') ++n;
    closedir(dir);
  }
  return n;
}

TEST(Executors, AThousandWallClockAppsRunOnTwoWorkers) {
  auto time = std::make_shared<ManualClock>(1'000'000);
  EngineOptions options;
  options.workers = 2;
  options.time = time;
  Engine engine(options);
  const size_t threadsBefore = threadsOfThisProcess();
  constexpr int kApps = 1000;
  std::vector<std::unique_ptr<App>> apps;
  std::vector<std::vector<int64_t>> counts(kApps);
  std::mutex mutex;
  for (int i = 0; i < kApps; ++i) {
    apps.push_back(engine.deploy(
        "define stream S (v long);\n"
        "from S#window.time(1 sec) select count() as n insert all events into Out;"));
    apps.back()->subscribe("Out", [&, i](int64_t, std::span<const Value> row) {
      std::lock_guard lock(mutex);
      counts[i].push_back(row[0].asLong());
    });
    apps.back()->start();
  }
  // No thread per app: the engine's two workers run them all (the manual clock needs no timer
  // thread).
  EXPECT_LE(threadsOfThisProcess(), threadsBefore + 1);
  for (int i = 0; i < kApps; ++i) {
    Value v = Value::ofLong(i);
    apps[i]->input("S").post(time->now(), {&v, 1});
  }
  for (auto& app : apps) app->drain();
  time->advance(999);
  for (auto& app : apps) app->drain();
  {
    std::lock_guard lock(mutex);
    for (int i = 0; i < kApps; ++i) ASSERT_EQ(counts[i], (std::vector<int64_t>{1})) << "app " << i;
  }
  time->advance(1);  // every window's row leaves now
  for (auto& app : apps) app->drain();
  std::lock_guard lock(mutex);
  for (int i = 0; i < kApps; ++i) EXPECT_EQ(counts[i], (std::vector<int64_t>{1, 0})) << "app " << i;
}

TEST(Executors, ACallbackMaySendIntoItsOwnApp) {
  AppHarness h(
      "define stream S (v int);\n"
      "define stream Back (v int);\n"
      "from S select v insert into Out;\n"
      "from Back select v * 10 as v insert into Echo;");
  InputHandler s = h.app().input("S");
  InputHandler back = h.app().input("Back");
  h.app().subscribe("Out", [&](int64_t ts, std::span<const Value> row) {
    back.send(ts, {row[0]});
    if (row[0].asInt() < 3) s.send(ts, {Value::ofInt(row[0].asInt() + 1)});
  });
  h.send("S", 1, {I(0)});
  // Processed before the outer send returned, each after the event that caused it.
  EXPECT_EQ(h.rows("Out"), (Rows{"[0]", "[1]", "[2]", "[3]"}));
  EXPECT_EQ(h.rows("Echo"), (Rows{"[0]", "[10]", "[20]", "[30]"}));
}

TEST(Executors, TwoAppsMaySendIntoEachOtherFromTheirCallbacks) {
  Engine engine(EngineOptions{2, nullptr});
  auto ping = engine.deploy("define stream Src (n int); from Src select n insert into Out;");
  auto pong = engine.deploy("define stream Src (n int); from Src select n insert into Out;");
  std::atomic<int> last{0};
  InputHandler pingIn = ping->input("Src"), pongIn = pong->input("Src");
  ping->subscribe("Out", [&](int64_t ts, std::span<const Value> row) {
    if (row[0].asInt() < 1000) pongIn.send(ts, {Value::ofInt(row[0].asInt() + 1)});
  });
  pong->subscribe("Out", [&](int64_t ts, std::span<const Value> row) {
    last = row[0].asInt();
    pingIn.send(ts, {Value::ofInt(row[0].asInt() + 1)});
  });
  pingIn.send(0, {Value::ofInt(0)});
  for (int i = 0; i < 10'000 && last < 999; ++i) {
    ping->drain();
    pong->drain();
  }
  EXPECT_EQ(last.load(), 999);
}

TEST(Executors, ASlowCallbackDoesNotHoldUpAnotherApp) {
  Engine engine(EngineOptions{2, nullptr});
  auto slow = engine.deploy("define stream Src (n int); from Src select n insert into Out;");
  auto fast = engine.deploy("define stream Src (n int); from Src select n insert into Out;");
  std::mutex mutex;
  std::condition_variable changed;
  bool fastDelivered = false;
  bool slowSawFast = false;
  slow->subscribe("Out", [&](int64_t, std::span<const Value>) {
    // Blocks its worker until the other app has delivered (bounded, so a failure cannot hang).
    std::unique_lock lock(mutex);
    slowSawFast = changed.wait_for(lock, 10s, [&] { return fastDelivered; });
  });
  fast->subscribe("Out", [&](int64_t, std::span<const Value>) {
    std::lock_guard lock(mutex);
    fastDelivered = true;
    changed.notify_all();
  });
  Value n = Value::ofInt(1);
  slow->input("Src").post(0, {&n, 1});
  fast->input("Src").post(0, {&n, 1});
  slow->drain();
  fast->drain();
  EXPECT_TRUE(slowSawFast);
}

TEST(Executors, SendingToAShutDownAppIsAnError) {
  AppHarness h("define stream S (v int); from S select v insert into Out;");
  h.app().shutdown();
  EXPECT_THROW(h.send("S", 1, {I(1)}), std::logic_error);
  Value v = Value::ofInt(1);
  EXPECT_THROW(h.app().input("S").post(1, {&v, 1}), std::logic_error);
}

TEST(Executors, AnEngineThatGoesFirstShutsItsAppsDown) {
  std::unique_ptr<App> app;
  {
    auto time = std::make_shared<ManualClock>(0);
    Engine engine(EngineOptions{2, time});
    app = engine.deploy("define stream S (v long); from S#window.time(1 sec) select count() as n insert into Out;");
    app->start();
    Value v = Value::ofLong(1);
    app->input("S").post(0, {&v, 1});
  }
  Value v = Value::ofLong(2);
  EXPECT_THROW(app->input("S").send(1, {v}), std::logic_error);
  EXPECT_THROW(app->snapshot(), std::logic_error);
  app.reset();  // and its destructor does nothing more
}

TEST(Executors, PostedEventsAreCheckedWhenPosted) {
  AppHarness h("define stream S (v int); from S select v insert into Out;");
  Value wrong = Value::ofString("x");
  EXPECT_THROW(h.app().input("S").post(1, {&wrong, 1}), InvalidEvent);
  std::vector<Value> tooMany = {Value::ofInt(1), Value::ofInt(2)};
  EXPECT_THROW(h.app().input("S").post(1, tooMany), InvalidEvent);
}

}  // namespace
}  // namespace cepheus::testing
