// `define trigger`: a stream (triggered_time long) written only by the trigger, at start, every
// period or at the times of a cron expression; on the wall clock (a ManualClock here, so each
// firing happens exactly when the test moves it) or, in playback, as the event clock passes.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

TEST(Triggers, StartFiresOnceAtStartWithTheClock) {
  AppHarness h("define trigger Go at 'start'; from Go select triggered_time insert into Out;",
               AppHarness::manualClock(5000));
  EXPECT_EQ(h.rows("Out"), (Rows{"[5000]"}));
  EXPECT_EQ(h.recorded("Out")[0].timestamp, 5000);
  h.app().start();  // started already: nothing more
  h.advance(10000);
  EXPECT_EQ(h.rows("Out").size(), 1u);
}

TEST(Triggers, StartInPlaybackIsAtZero) {
  AppHarness h("@app:playback define stream S (v int); define trigger Go at 'start';"
               "from Go select triggered_time insert into Out;");
  EXPECT_EQ(h.rows("Out"), (Rows{"[0]"}));
}

TEST(Triggers, PeriodicFiresEachPeriodAfterStartOnTheWallClock) {
  AppHarness h("define trigger Tick at every 2 sec; from Tick select triggered_time insert into Out;",
               AppHarness::manualClock(1000));
  EXPECT_TRUE(h.rows("Out").empty());  // the first period has to pass first, as in Siddhi
  h.advance(1999);
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(1);
  EXPECT_EQ(h.rows("Out"), (Rows{"[3000]"}));
  h.advance(2000);
  EXPECT_EQ(h.rows("Out"), (Rows{"[3000]", "[5000]"}));
  // A long pause (the machine slept): the missed periods fire once, the next is on the grid.
  h.advance(7000);
  EXPECT_EQ(h.rows("Out"), (Rows{"[3000]", "[5000]", "[12000]"}));
  h.advance(1000);
  EXPECT_EQ(h.rows("Out").back(), "[13000]");
}

TEST(Triggers, PeriodicInPlaybackFiresAsTheClockPassesEachPeriod) {
  AppHarness h("@app:playback define stream S (v int); define trigger Tick at every 1 sec;"
               "from Tick select triggered_time as t insert into Ticks;"
               "from S select v insert into Out;");
  h.send("S", 10000, {I(1)});  // the periods start at the first event's time
  EXPECT_TRUE(h.rows("Ticks").empty());
  h.send("S", 12500, {I(2)});
  EXPECT_EQ(h.rows("Ticks"), (Rows{"[11000]", "[12000]"}));
  EXPECT_EQ(h.recorded("Ticks")[1].timestamp, 12000);
  h.send("S", 12700, {I(3)});
  EXPECT_EQ(h.rows("Ticks").size(), 2u);
  h.send("S", 13000, {I(4)});  // exactly on a period end: the tick comes before the event
  EXPECT_EQ(h.rows("Ticks"), (Rows{"[11000]", "[12000]", "[13000]"}));
}

TEST(Triggers, TicksComeBeforeTheEventThatPassedThem) {
  // One output stream shows the order: the ticks the event passed, then the event.
  AppHarness h("@app:playback define stream S (v long); define trigger Tick at every 1 sec;"
               "from Tick select triggered_time as v insert into Out;"
               "from S select v insert into Out;");
  h.send("S", 500, {L(-1)});
  h.send("S", 2600, {L(-2)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[-1]", "[1500]", "[2500]", "[-2]"}));
}

TEST(Triggers, CronFiresAtItsTimesOnTheWallClock) {
  AppHarness h("define trigger Five at '*/5 * * * * ?'; from Five select triggered_time insert into Out;",
               AppHarness::manualClock(1000));
  h.advance(3999);
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(1);
  EXPECT_EQ(h.rows("Out"), (Rows{"[5000]"}));
  h.advance(5000);
  EXPECT_EQ(h.rows("Out"), (Rows{"[5000]", "[10000]"}));
}

TEST(Triggers, CronInPlaybackFiresAtEachTimeTheClockPasses) {
  AppHarness h("@app:playback define stream S (v int); define trigger Five at '*/5 * * * * ?';"
               "from Five select triggered_time insert into Out;");
  h.send("S", 1000, {I(1)});
  h.send("S", 16000, {I(2)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[5000]", "[10000]", "[15000]"}));
}

TEST(Triggers, ATriggerFeedsJoinsAndTables) {
  // The usual use: read a table periodically.
  AppHarness h("@app:playback define stream S (sym string, n int); define table T (sym string, n int);"
               "define trigger Tick at every 10 sec;"
               "from S insert into T;"
               "from Tick join T select Tick.triggered_time as at, T.sym, T.n insert into Out;");
  h.send("S", 1000, {S("a"), I(1)});
  h.send("S", 2000, {S("b"), I(2)});
  h.send("S", 11000, {S("c"), I(3)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[11000, a, 1]", "[11000, b, 2]"}));
}

TEST(Triggers, NothingCanBeSentIntoATrigger) {
  AppHarness h("define trigger Go at 'start'; from Go select triggered_time insert into Out;");
  EXPECT_THROW(h.app().input("Go"), std::out_of_range);
}

TEST(Triggers, ARestoredAppResumesItsTriggers) {
  const std::string app =
      "@app:playback define stream S (v int); define trigger Go at 'start'; define trigger Tick at every 1 sec;"
      "from Go select triggered_time as t insert into Out; from Tick select triggered_time as t insert into Out;";
  std::vector<uint8_t> saved;
  {
    AppHarness h(app);
    h.send("S", 1000, {I(1)});
    h.send("S", 2500, {I(2)});
    EXPECT_EQ(h.rows("Out"), (Rows{"[0]", "[2000]"}));
    saved = h.app().snapshot();
  }
  Engine engine;
  std::unique_ptr<App> restored = engine.deploy(app);
  std::vector<std::string> rows;
  restored->subscribe("Out", [&](int64_t, std::span<const Value> row) { rows.push_back(row[0].toString()); });
  restored->restore(saved);
  restored->start();  // the start trigger fired before the snapshot: not again
  restored->input("S").send(4200, {I(3)});
  EXPECT_EQ(rows, (Rows{"3000", "4000"}));
}

TEST(Triggers, WrongTriggersAreRejected) {
  EXPECT_NE(deployErrorOf("define trigger T at every 0 sec;").find("needs a time period greater than 0"),
            std::string::npos);
  EXPECT_NE(deployErrorOf("define trigger T at 'every day';").find("is not a cron expression"), std::string::npos);
  EXPECT_NE(deployErrorOf("define stream S (a long); define trigger T at 'start';"
                          "from S select a as triggered_time insert into T;")
                .find("cannot insert into trigger 'T'"),
            std::string::npos);
}

}  // namespace
}  // namespace cepheus::testing
