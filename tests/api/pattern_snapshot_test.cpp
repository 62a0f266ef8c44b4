// Snapshots in the middle of partial matches: a restored pattern completes the matches the saved
// one was building (shared between states, counting, logical sides), and the timers of absent
// states pending at the snapshot fire in the restored app, on both clocks.
#include <gtest/gtest.h>

#include <functional>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kStreams =
    "define stream A (id string, v int);\n"
    "define stream B (id string, v int);\n"
    "define stream C (id string, v int);\n"
    "define stream Tick (n int);\n";

struct Event {
  const char* stream;
  int64_t ts;
  const char* id;
  int v = 0;
};

void send(AppHarness& h, const Event& e) {
  if (std::string(e.stream) == "Tick") {
    h.send("Tick", e.ts, {I(0)});
  } else {
    h.send(e.stream, e.ts, {S(e.id), I(e.v)});
  }
}

// The rows of the events sent to one app, and of the same events sent to an app saved after
// each prefix and restored into a fresh one: every split must give the whole run's rows.
void expectEverySplitLikeOneRun(const std::string& app, const std::vector<Event>& events) {
  AppHarness whole(app);
  for (const Event& e : events) send(whole, e);
  for (size_t split = 0; split <= events.size(); ++split) {
    Rows rows;
    std::vector<uint8_t> saved;
    {
      AppHarness first(app);
      for (size_t i = 0; i < split; ++i) send(first, events[i]);
      rows = first.rows("Out");
      saved = first.app().snapshot();
    }
    AppHarness second(app);
    RestoreReport report = second.app().restore(saved);
    EXPECT_TRUE(report.fresh.empty()) << "split at " << split;
    for (size_t i = split; i < events.size(); ++i) send(second, events[i]);
    for (const auto& row : second.rows("Out")) rows.push_back(row);
    EXPECT_EQ(rows, whole.rows("Out")) << "split at " << split << " of " << app;
  }
}

TEST(PatternSnapshot, PartialMatchesOfEveryAndCountingGoOnAfterARestore) {
  expectEverySplitLikeOneRun("@app:playback\n" + kStreams +
                                 "from every e1=A -> e2=B[v > e1.v] select e1.id as a, e2.id as b insert into Out;",
                             {{"A", 1, "a1", 1}, {"A", 2, "a2", 5}, {"B", 3, "b1", 3}, {"B", 4, "b2", 9}});
  // A counting state shares its match with the state after it: both are restored sharing it.
  expectEverySplitLikeOneRun("@app:playback\n" + kStreams +
                                 "from e1=A<2:3> -> e2=B select e1[0].v as f, e1[last].v as l, e2.v as b insert into Out;",
                             {{"A", 1, "a", 1}, {"A", 2, "a", 2}, {"A", 3, "a", 3}, {"A", 4, "a", 4}, {"B", 5, "b", 9}});
  expectEverySplitLikeOneRun("@app:playback\n" + kStreams +
                                 "from every e1=A and e2=B -> e3=C select e1.id as a, e2.id as b, e3.id as c insert into Out;",
                             {{"B", 1, "b1"}, {"A", 2, "a1"}, {"B", 3, "b2"}, {"C", 4, "c1"}, {"A", 5, "a2"}, {"C", 6, "c2"}});
  expectEverySplitLikeOneRun("@app:playback\n" + kStreams +
                                 "from every (e1=A -> e2=B) within 1 sec select e1.id as a, e2.id as b insert into Out;",
                             {{"A", 0, "a1"}, {"A", 500, "a2"}, {"A", 1500, "a3"}, {"B", 1600, "b1"}});
}

TEST(PatternSnapshot, SequencesGoOnAfterARestore) {
  expectEverySplitLikeOneRun("@app:playback\n" + kStreams +
                                 "from every e1=A, e2=A[v >= e1.v]+, e3=A[v < e2[last].v] "
                                 "select e1.v as s, e2[last].v as p, e3.v as e insert into Out;",
                             {{"A", 1, "p", 10}, {"A", 2, "q", 12}, {"A", 3, "r", 15}, {"A", 4, "s", 13},
                              {"A", 5, "t", 20}, {"A", 6, "u", 25}, {"A", 7, "w", 1}});
}

TEST(PatternSnapshot, AbsentTimersPendingAtTheSnapshotFireInTheRestoredApp) {
  expectEverySplitLikeOneRun("@app:playback\n" + kStreams +
                                 "from every e1=A -> not B[v > e1.v] for 1 sec select e1.id as a insert into Out;",
                             {{"A", 100, "a1", 5}, {"A", 600, "a2", 1}, {"B", 700, "b", 3}, {"Tick", 1650, ""},
                              {"Tick", 3000, ""}});
  expectEverySplitLikeOneRun("@app:playback\n" + kStreams +
                                 "from every not A for 1 sec -> e2=B select e2.id as b insert into Out;",
                             {{"B", 500, "b1"}, {"A", 1200, "a"}, {"B", 1500, "b2"}, {"Tick", 2300, ""},
                              {"B", 2400, "b3"}, {"Tick", 4000, ""}});
  expectEverySplitLikeOneRun("@app:playback\n" + kStreams +
                                 "from e1=A -> not B for 1 sec and not C for 1 sec select e1.id as a insert into Out;",
                             {{"A", 0, "a"}, {"Tick", 500, ""}, {"Tick", 1200, ""}});
}

TEST(PatternSnapshot, AbsentTimersFireAfterARestoreOnTheWallClock) {
  const std::string app = kStreams + "from every e1=A -> not B for 2 sec select e1.id as a insert into Out;";
  std::vector<uint8_t> saved;
  {
    AppHarness first(app, AppHarness::manualClock(10'000));
    first.send("A", 10'000, {S("a1"), I(0)});
    first.advance(1'000);
    first.send("A", 11'000, {S("a2"), I(0)});
    saved = first.app().snapshot();
    EXPECT_EQ(first.rows("Out"), Rows{});
  }
  AppHarness second(app, AppHarness::manualClock(11'000));
  second.app().restore(saved);
  second.advance(999);  // 11,999: nothing due yet
  EXPECT_EQ(second.rows("Out"), Rows{});
  second.advance(1);  // 12,000: a1's two seconds have passed
  EXPECT_EQ(second.rows("Out"), (Rows{"[a1]"}));
  second.advance(1'000);
  EXPECT_EQ(second.rows("Out"), (Rows{"[a1]", "[a2]"}));
}

}  // namespace
}  // namespace cepheus::testing
