// Parallel partitions (@app:workers('N')): the keys spread over N shards give, per key, the rows
// the sequential app gives, in the same order; queries outside see the merged output; time,
// purge, fault streams, broadcasts and snapshots (in both directions between parallel and
// sequential apps) behave as in the sequential app.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <map>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

std::string parallel(const std::string& app, int workers = 4) {
  return "@app:workers('" + std::to_string(workers) + "') " + app;
}

// Rows per key (the first attribute), each key's in the order they came.
std::map<std::string, Rows> byKey(AppHarness& h, const std::string& stream) {
  std::map<std::string, Rows> out;
  for (const auto& r : h.recorded(stream)) {
    std::string text = "[";
    for (size_t i = 0; i < r.data.size(); ++i) text += (i ? ", " : "") + r.data[i].toString();
    out[r.data[0].toString()].push_back(std::to_string(r.timestamp) + " " + text + "]");
  }
  return out;
}

// A deterministic feed: events [from, to) of one sequence over `keys` keys, in batches of
// various sizes (so chunks carry runs of several keys), event i at time i.
void feed(AppHarness& h, int to, int keys, int from = 0) {
  std::vector<std::vector<Value>> rows;
  std::vector<int64_t> times;
  std::vector<EventView> batch;
  uint64_t x = 88172645463325252ULL;
  int made = 0;
  while (made < to) {
    const int size = 1 + static_cast<int>(x % 37);
    rows.clear();
    times.clear();
    batch.clear();
    for (int i = 0; i < size && made < to; ++i, ++made) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      if (made < from) continue;
      rows.push_back({Value::ofString("k" + std::to_string(x % keys)), D(static_cast<double>(x % 1000) / 10),
                      I(static_cast<int32_t>(x % 100))});
      times.push_back(made);
    }
    for (size_t i = 0; i < rows.size(); ++i) batch.push_back({times[i], rows[i].data()});
    if (!batch.empty()) h.app().input("S").send(std::span<const EventView>(batch));
  }
  h.app().drain();
}

const std::string kStream = "@app:playback define stream S (card string, amount double, n int);";

// With a thousand keys over four workers, and with three hot keys over two (a worker's shard
// with one of them is slower than the app's thread, which then waits for room in that shard's
// queue time and again).
TEST(ParallelPartitions, EachKeyGetsTheSequentialRowsOnAHundredThousandEvents) {
  const std::string app = kStream + "partition with (card of S) begin "
                                    "from S#window.length(10) select card, avg(amount) as a, sum(n) as s insert into Out; end;";
  for (auto [keys, workers] : {std::pair{1000, 4}, std::pair{3, 2}}) {
    SCOPED_TRACE(std::to_string(keys) + " keys");
    AppHarness sequential(app), sharded(parallel(app, workers));
    feed(sequential, 100000, keys);
    feed(sharded, 100000, keys);
    ASSERT_EQ(sharded.recorded("Out").size(), 100000u);
    auto expected = byKey(sequential, "Out");
    EXPECT_EQ(expected.size(), static_cast<size_t>(keys));
    EXPECT_EQ(byKey(sharded, "Out"), expected);
  }
}

// A key that is not a plain attribute as it is (an expression, a key turned into text because
// the partition's streams type it differently, a range's label) travels in the batch beside the
// rows; a plain attribute is read in the rows. Both give the sequential rows per key.
TEST(ParallelPartitions, KeysThatAreExpressionsOrRangesGiveEachKeyTheSequentialRows) {
  const std::string expression = kStream + "partition with (str:concat(card, '-x') of S) begin "
                                           "from S#window.length(5) select card, sum(n) as s insert into Out; end;";
  const std::string text = kStream + "define stream T (card int, amount double, n int);"
                                     "partition with (card of S, card of T) begin "
                                     "from S#window.length(5) select card, avg(amount) as a insert into Out; end;";
  const std::string ranges = kStream + "partition with (amount < 30.0 as 'low' or amount >= 30.0 and amount < 70.0 as 'mid' "
                                       "or amount >= 60.0 as 'high' of S) begin "
                                       "from S#window.length(7) select card, max(amount) as m, count() as c insert into Out; end;";
  for (const std::string& app : {expression, text, ranges}) {
    SCOPED_TRACE(app);
    AppHarness sequential(app), sharded(parallel(app, 3));
    feed(sequential, 20000, 300);
    feed(sharded, 20000, 300);
    ASSERT_EQ(sharded.recorded("Out").size(), sequential.recorded("Out").size());
    ASSERT_GT(sequential.recorded("Out").size(), 0u);
    if (app == ranges) {
      // A range's instance sees every card: its rows are compared whole, in order per range.
      auto sortedRows = [](AppHarness& h) {
        Rows rows = h.rows("Out");
        std::sort(rows.begin(), rows.end());
        return rows;
      };
      EXPECT_EQ(sortedRows(sharded), sortedRows(sequential));
    } else {
      EXPECT_EQ(byKey(sharded, "Out"), byKey(sequential, "Out"));
    }
  }
}

TEST(ParallelPartitions, TimeWindowsExpireOnTheAppsClockWhateverKeyMovedIt) {
  // A key's events expire when later events of other keys move the playback clock, as in the
  // sequential app: the expired rows come with the same timestamps.
  const std::string app = kStream + "partition with (card of S) begin "
                                    "from S#window.time(50) select card, sum(n) as s insert all events into Out; end;";
  AppHarness sequential(app), sharded(parallel(app, 3));
  feed(sequential, 5000, 40);
  feed(sharded, 5000, 40);
  ASSERT_EQ(sharded.recorded("Out").size(), sequential.recorded("Out").size());
  EXPECT_EQ(byKey(sharded, "Out"), byKey(sequential, "Out"));
}

TEST(ParallelPartitions, QueriesOutsideSeeTheMergedOutput) {
  const std::string app = kStream + "partition with (card of S) begin "
                                    "from S select card, count() as c insert into Counts; end;"
                                    "from Counts[c == 3] select card insert into Third;"
                                    "from Counts#window.lengthBatch(1000) select count() as total insert into Totals;";
  AppHarness sequential(app), sharded(parallel(app));
  feed(sequential, 20000, 500);
  feed(sharded, 20000, 500);
  EXPECT_EQ(byKey(sharded, "Third"), byKey(sequential, "Third"));
  EXPECT_EQ(sharded.rows("Totals"), sequential.rows("Totals"));  // 20 batches of 1000
  EXPECT_EQ(sharded.rows("Totals").size(), 20u);
}

// Output fed back into the partition's own stream: the app's shard publishes at once, while it
// runs inside the router, so the fed-back events must wait for the chunk (as they do in the
// sequential app) and the other shards' ones come when their output is handed back. Per key the
// same rows come out; their order across fed-back events is not kept (they are new events).
TEST(ParallelPartitions, OutputFedBackIntoThePartitionGivesEachKeyTheSequentialRows) {
  const std::string app = kStream + "partition with (card of S) begin "
                                    "from S select card, amount, n + 1 as n insert into Out; end;"
                                    "from Out[n % 100 < 3] select card, amount, n insert into S;";
  AppHarness sequential(app), sharded(parallel(app, 2));
  feed(sequential, 20000, 200);
  feed(sharded, 20000, 200);
  auto sortedByKey = [](AppHarness& h) {
    std::map<std::string, Rows> out;
    for (const auto& r : h.recorded("Out")) {
      std::string text;
      for (const Value& v : r.data) text += v.toString() + " ";
      out[r.data[0].toString()].push_back(text);
    }
    for (auto& [key, rows] : out) std::sort(rows.begin(), rows.end());
    return out;
  };
  EXPECT_GT(sequential.recorded("Out").size(), 20000u);
  EXPECT_EQ(sharded.recorded("Out").size(), sequential.recorded("Out").size());
  EXPECT_EQ(sortedByKey(sharded), sortedByKey(sequential));
}

TEST(ParallelPartitions, InnerStreamsStayInTheirKeysShard) {
  const std::string app = kStream + "partition with (card of S) begin "
                                    "from S select card, amount insert into #Paid; "
                                    "from #Paid#window.lengthBatch(3) select card, sum(amount) as total insert into Out; end;";
  AppHarness sequential(app), sharded(parallel(app));
  feed(sequential, 30000, 300);
  feed(sharded, 30000, 300);
  EXPECT_FALSE(sharded.recorded("Out").empty());
  EXPECT_EQ(byKey(sharded, "Out"), byKey(sequential, "Out"));
}

TEST(ParallelPartitions, AStreamReadButNotDividedReachesEveryKeyInEveryShard) {
  AppHarness h(parallel("@app:playback define stream S (card string, amount double, n int); define stream Tick (t int);"
                        "partition with (card of S) begin "
                        "from S select card insert into #Seen; "
                        "from Tick select t insert into Out; end;"));
  feed(h, 2000, 64);
  h.send("Tick", 100000, {I(1)});
  h.app().drain();
  EXPECT_EQ(h.rows("Out").size(), 64u);
}

TEST(ParallelPartitions, EvaluationErrorsReachTheFaultStream) {
  AppHarness h(parallel("@app:playback @OnError(action='STREAM') define stream S (card string, amount double, n int);"
                        "partition with (card of S) begin "
                        "from S select card, cast(card, 'int') as number insert into Out; end;"
                        "from !S select card, _error insert into Faults;"));
  feed(h, 500, 10);
  EXPECT_EQ(h.rows("Faults").size(), 500u);
  EXPECT_TRUE(h.rows("Out").empty());
}

TEST(ParallelPartitions, PurgeForgetsIdleKeysInEveryShard) {
  const std::string app = kStream + "@purge(enable='true', interval='1 sec', idle.period='1 sec') "
                                    "partition with (card of S) begin "
                                    "from S select card, count() as c insert into Out; end;";
  AppHarness h(parallel(app));
  feed(h, 400, 40);  // every key seen by time 400
  // Long after: the sweeps have dropped every key, so each starts counting again.
  h.send("S", 10000, {S("k1"), D(1), I(1)});
  h.send("S", 10001, {S("k1"), D(1), I(1)});
  h.app().drain();
  const auto& rows = h.rows("Out");
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[rows.size() - 2], "[k1, 1]");
  EXPECT_EQ(rows.back(), "[k1, 2]");
}

TEST(ParallelPartitions, SnapshotsMoveBetweenParallelAndSequentialApps) {
  const std::string app = kStream + "partition with (card of S) begin "
                                    "from S#window.length(5) select card, sum(n) as s insert into Out; end;";
  AppHarness straight(app);
  feed(straight, 6000, 200);
  const auto expected = byKey(straight, "Out");

  // Parallel, saved at 3000, restored into a sequential app, and the other way round.
  for (bool parallelFirst : {true, false}) {
    AppHarness first(parallelFirst ? parallel(app) : app);
    AppHarness second(parallelFirst ? app : parallel(app, 3));
    feed(first, 3000, 200);
    RestoreReport report = second.app().restore(first.app().snapshot());
    EXPECT_EQ(report.fresh.size(), 0u);
    feed(second, 6000, 200, 3000);
    std::map<std::string, Rows> joined = byKey(first, "Out");
    for (auto& [key, rows] : byKey(second, "Out"))
      for (auto& r : rows) joined[key].push_back(r);
    EXPECT_EQ(joined, expected) << (parallelFirst ? "parallel, then sequential" : "sequential, then parallel");
  }
}

TEST(ParallelPartitions, WallClockTimersFireInTheShards) {
  AppHarness h(parallel("define stream S (card string, amount double, n int);"
                        "partition with (card of S) begin "
                        "from S#window.time(1 sec) select card, count() as c insert all events into Out; end;"),
               AppHarness::manualClock(1000));
  for (int i = 0; i < 8; ++i) h.send("S", 1000, {Value::ofString("c" + std::to_string(i)), D(1), I(1)});
  h.app().drain();
  EXPECT_EQ(h.rows("Out").size(), 8u);
  h.advance(1500);  // every key's event expires, in its shard
  h.app().drain();
  const auto rows = h.rows("Out");
  ASSERT_EQ(rows.size(), 16u);
  std::map<std::string, Rows> perKey;
  for (const auto& r : byKey(h, "Out")) perKey[r.first] = r.second;
  for (const auto& [key, keyRows] : perKey) ASSERT_EQ(keyRows.size(), 2u) << key;
}

TEST(ParallelPartitions, APartitionCallingTheFunctionLibraryStaysOnOneWorkerAndSaysSo) {
  const std::string app = kStream + "partition with (card of S) begin "
                                    "from S select card, str:concat(card, '!') as c, count() as n insert into Out; end;";
  AppHarness sequential(app), sharded(parallel(app));
  feed(sequential, 3000, 50);
  feed(sharded, 3000, 50);
  EXPECT_EQ(sharded.rows("Out"), sequential.rows("Out"));  // the app's own order: one executor
  auto diagnostics = Engine::check(parallel(app));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].severity, Severity::Warning);
  EXPECT_NE(diagnostics[0].message.find("runs on one worker, because its queries call 'str:concat'"), std::string::npos);
}

// A worker's shard that falls behind holds the app's input back instead of letting the router
// queue its batches without end (a hot key on a worker's shard grew the queue to 441 MB in 16 M
// events). Here no worker can take the shard up at all: the engine's only worker is held by
// another app's callback, so the app's own thread runs the shard's queue once it is full. Each
// chunk sends one event of each of 64 keys; about half of them are the worker's shard's.
TEST(ParallelPartitions, AShardWithNoWorkerFreeHoldsTheInputBackInsteadOfQueuingWithoutEnd) {
  EngineOptions options;
  options.workers = 1;
  Engine engine(options);
  auto blocker = engine.deploy("define stream T (a int); from T select a insert into TOut;");
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> holding{false};
  blocker->subscribe("TOut", [&](int64_t, std::span<const Value>) {
    holding = true;
    released.wait();
  });
  bool releasedYet = false;
  auto releaseBlocker = [&] {
    if (!releasedYet) release.set_value();
    releasedYet = true;
  };
  struct AtExit {
    std::function<void()> run;
    ~AtExit() { run(); }
  } atExit{releaseBlocker};  // also when an assertion returns early
  const Value one[] = {I(1)};
  blocker->input("T").post(0, one);  // runs on the only worker, which then waits
  for (int i = 0; i < 1000 && !holding; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_TRUE(holding);

  auto app = engine.deploy(parallel(kStream + "partition with (card of S) begin "
                                              "from S select card, n insert into Out; end;",
                                    2));
  std::atomic<size_t> outputs{0};
  std::map<std::string, std::vector<int>> perKey;  // the app's executor delivers: one thread at a time
  app->subscribe("Out", [&](int64_t, std::span<const Value> row) {
    perKey[row[0].toString()].push_back(row[1].asInt());
    ++outputs;
  });
  constexpr int kKeys = 64, kChunks = 200;
  std::vector<std::vector<Value>> rows(kKeys);
  std::vector<EventView> chunk(kKeys);
  for (int c = 0; c < kChunks; ++c) {
    for (int k = 0; k < kKeys; ++k) {
      rows[k] = {Value::ofString("k" + std::to_string(k)), D(1), I(c)};
      chunk[k] = {c, rows[k].data()};
    }
    app->input("S").send(std::span<const EventView>(chunk));
  }
  // What is not out yet is in the worker's shard's last batches, one a chunk: no more than its
  // bound of 16 in flight. Without the bound nothing of that shard's keys would have come out.
  EXPECT_GE(outputs.load(), static_cast<size_t>(kKeys * (kChunks - 17)));

  releaseBlocker();
  app->drain();
  ASSERT_EQ(outputs.load(), static_cast<size_t>(kKeys * kChunks));
  for (const auto& [key, ns] : perKey) {
    ASSERT_EQ(ns.size(), static_cast<size_t>(kChunks)) << key;
    for (int c = 0; c < kChunks; ++c) ASSERT_EQ(ns[c], c) << key;  // each key's events in order
  }
  app->shutdown();
  blocker->shutdown();
}

TEST(ParallelPartitions, WorkersMustBeANumber) {
  EXPECT_NE(deployErrorOf("@app:workers('many') define stream S (a int); from S select a insert into O;")
                .find("@app:workers takes a number of workers from 1 to 256"),
            std::string::npos);
  EXPECT_NE(deployErrorOf("@app:workers('0') define stream S (a int); from S select a insert into O;").find("but is '0'"),
            std::string::npos);
  EXPECT_EQ(deployErrorOf("@app:workers('2') define stream S (a int); from S select a insert into O;"), "");
}

}  // namespace
}  // namespace cepheus::testing
