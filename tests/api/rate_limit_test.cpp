// Output rate limiting through the public API: analysis, planning and the limiters together.
#include <gtest/gtest.h>

#include <chrono>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kStock = "define stream S (symbol string, price double, volume long);\n";
const std::string kPlayback = "@app:playback " + kStock;

void sendSymbols(AppHarness& h, const std::vector<std::pair<int64_t, const char*>>& events) {
  for (const auto& [ts, symbol] : events) h.send("S", ts, {S(symbol), D(1), L(1)});
}

bool rejects(const std::string& app, const std::string& fragment) {
  for (const auto& d : Engine::check(app))
    if (d.message.find(fragment) != std::string::npos) return true;
  return false;
}

TEST(RateLimit, EventCountsReleaseFirstLastAndAll) {
  AppHarness h(kStock + "from S select symbol output every 2 events insert into All;"
                        "from S select symbol output first every 2 events insert into First;"
                        "from S select symbol output last every 2 events insert into Last;");
  sendSymbols(h, {{1, "A"}, {2, "B"}, {3, "C"}, {4, "D"}, {5, "E"}});
  EXPECT_EQ(h.rows("All"), (Rows{"[A]", "[B]", "[C]", "[D]"}));
  EXPECT_EQ(h.rows("First"), (Rows{"[A]", "[C]", "[E]"}));
  EXPECT_EQ(h.rows("Last"), (Rows{"[B]", "[D]"}));
}

TEST(RateLimit, EventsSentTogetherAreCountedOneByOne) {
  AppHarness h(kStock + "from S select symbol, count() as n output last every 2 events insert into Out;");
  std::vector<std::vector<Value>> rows = {{S("A"), D(1), L(1)}, {S("B"), D(1), L(1)}, {S("C"), D(1), L(1)}};
  std::vector<EventView> views;
  for (size_t i = 0; i < rows.size(); ++i) views.push_back({static_cast<int64_t>(i), rows[i].data()});
  h.app().input("S").send(std::span<const EventView>(views));
  EXPECT_EQ(h.rows("Out"), (Rows{"[B, 2]"}));
}

TEST(RateLimit, GroupByFirstCountsPerGroupLastCountsAll) {
  AppHarness h(kStock + "from S select symbol, count() as n group by symbol output first every 2 events insert into F;"
                        "from S select symbol, count() as n group by symbol output last every 2 events insert into L;");
  sendSymbols(h, {{1, "A"}, {2, "B"}, {3, "A"}, {4, "A"}});
  EXPECT_EQ(h.rows("F"), (Rows{"[A, 1]", "[B, 1]", "[A, 3]"}));
  EXPECT_EQ(h.rows("L"), (Rows{"[A, 1]", "[B, 1]", "[A, 3]"}));
}

TEST(RateLimit, TimePeriodsRunOnThePlaybackClockFromZero) {
  AppHarness h(kPlayback + "from S select symbol output every 1 sec insert into All;"
                           "from S select symbol output last every 1 sec insert into Last;"
                           "from S select symbol output first every 1 sec insert into First;");
  sendSymbols(h, {{0, "A"}, {300, "B"}, {1100, "C"}, {1500, "D"}, {2600, "E"}});
  EXPECT_EQ(h.rows("All"), (Rows{"[A]", "[B]", "[C]", "[D]"}));
  EXPECT_EQ(h.rows("Last"), (Rows{"[B]", "[D]"}));
  EXPECT_EQ(h.rows("First"), (Rows{"[A]", "[C]", "[E]"}));
}

TEST(RateLimit, ReleasedRowsKeepTheirTimestamps) {
  AppHarness h(kPlayback + "from S select symbol output every 1 sec insert into Out;");
  sendSymbols(h, {{100, "A"}, {1200, "B"}});
  ASSERT_EQ(h.recorded("Out").size(), 1u);
  EXPECT_EQ(h.recorded("Out")[0].timestamp, 100);
}

TEST(RateLimit, SnapshotReemitsTheWindowContent) {
  AppHarness h(kPlayback + "from S#window.length(2) select symbol output snapshot every 1 sec insert into Out;");
  sendSymbols(h, {{0, "A"}, {300, "B"}, {1100, "C"}, {3500, "D"}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]", "[B]", "[B]", "[C]", "[B]", "[C]"}));
}

TEST(RateLimit, SnapshotOfAnAggregateWithoutWindowReemitsTheLatestRow) {
  AppHarness h(kPlayback + "from S select sum(volume) as total output snapshot every 1 sec insert into Out;");
  sendSymbols(h, {{100, "A"}, {200, "B"}, {2500, "C"}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[2]", "[2]"}));
}

TEST(RateLimit, TimePeriodsRunOnTheWallClock) {
  AppHarness h(kStock + "from S select symbol output every 20 milliseconds insert into Out;",
               AppHarness::manualClock(1000));
  sendSymbols(h, {{1, "A"}});
  h.advance(19);
  EXPECT_TRUE(h.rows("Out").empty());
  // Released by a timer at the end of the first 20 ms period (from the deploy time), with no
  // new event.
  h.advance(1);
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]"}));
}

TEST(RateLimit, GroupKeysNeedNotBeSelected) {
  AppHarness h(kPlayback + "from S select count() as n group by symbol output last every 3 events insert into Out;");
  sendSymbols(h, {{1, "A"}, {2, "B"}, {3, "A"}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[2]", "[1]"}));
  ASSERT_EQ(h.recorded("Out")[0].data.size(), 1u);  // the hidden key stays hidden
}

TEST(RateLimit, RejectsWrongRates) {
  EXPECT_TRUE(rejects(kStock + "from S select symbol output every 0 events insert into Out;", "positive"));
  EXPECT_TRUE(rejects(kStock + "from S#window.length(2) select symbol output snapshot every 1 sec "
                               "insert expired events into Out;",
                      "sends all events"));
  EXPECT_TRUE(rejects(kStock + "from S#window.length(2) select symbol output snapshot every 1 sec "
                               "insert current events into Out;",
                      "sends all events"));

  EXPECT_TRUE(Engine::check(kStock + "from S#window.length(2) select symbol output snapshot every 1 sec "
                                     "insert all events into Out;")
                  .empty());
}

}  // namespace
}  // namespace cepheus::testing
