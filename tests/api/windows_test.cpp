// Windows end to end through the public API, in playback mode: aggregates, group by and output
// event types over each window, and the parameter checks of the analyzer.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const char* kStock = "@app:playback define stream S (symbol string, price double, volume int);\n";

std::string app(const std::string& query) { return std::string(kStock) + query; }

void sendPrices(AppHarness& h, std::vector<std::pair<int64_t, double>> events, const char* symbol = "X") {
  for (auto [ts, price] : events) h.send("S", ts, {S(symbol), D(price), I(1)});
}

TEST(Windows, LengthBatchSumIsPerBatchWithTheLastEventsAttributes) {
  AppHarness h(app("from S#window.lengthBatch(2) select symbol, sum(price) as total insert into Out;"));
  h.send("S", 1, {S("A"), D(1), I(1)});
  h.send("S", 2, {S("B"), D(2), I(1)});
  h.send("S", 3, {S("C"), D(4), I(1)});
  h.send("S", 4, {S("D"), D(8), I(1)});
  h.send("S", 5, {S("E"), D(16), I(1)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[B, 3.0]", "[D, 12.0]"}));
}

TEST(Windows, LengthBatchAllEventsListsExpiredBatchFirst) {
  AppHarness h(app("from S#window.lengthBatch(2) select symbol insert all events into Out;"));
  for (const char* s : {"A", "B", "C", "D"}) h.send("S", 1, {S(s), D(0), I(0)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]", "[B]", "[A]", "[B]", "[C]", "[D]"}));
}

TEST(Windows, TimeWindowCountFallsWhenEventsExpire) {
  AppHarness h(app("from S#window.time(1 sec) select count() as n, sum(price) as total insert all events into Out;"));
  sendPrices(h, {{0, 1}, {500, 2}, {1200, 4}, {2000, 8}});
  // At 1000 the 1 expires in a chunk of its own, at 1500 the 2.
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 1.0]", "[2, 3.0]", "[1, 2.0]", "[2, 6.0]", "[1, 4.0]", "[2, 12.0]"}));
}

TEST(Windows, TimeWindowGroupByExpiresPerGroup) {
  AppHarness h(app("from S#window.time(1 sec) select symbol, count() as n group by symbol "
                   "insert all events into Out;"));
  h.send("S", 0, {S("A"), D(1), I(1)});
  h.send("S", 100, {S("B"), D(1), I(1)});
  h.send("S", 1050, {S("A"), D(1), I(1)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1]", "[B, 1]", "[A, 0]", "[A, 1]"}));
}

TEST(Windows, TimeBatchAveragesPerBatch) {
  AppHarness h(app("from S#window.timeBatch(1 sec) select avg(price) as mean, count() as n insert into Out;"));
  sendPrices(h, {{0, 1}, {300, 3}, {1000, 10}, {2500, 20}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[2.0, 2]", "[10.0, 1]"}));
}

TEST(Windows, TimeLengthKeepsAtMostNRecentEvents) {
  AppHarness h(app("from S#window.timeLength(1 sec, 2) select max(price) as top insert into Out;"));
  sendPrices(h, {{0, 9}, {10, 1}, {20, 2}, {2000, 3}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[9.0]", "[9.0]", "[2.0]", "[3.0]"}));
}

TEST(Windows, ExternalTimeUsesTheAttributeAsClock) {
  AppHarness h("@app:playback define stream X (id string, ts long, v double);"
               "from X#window.externalTime(ts, 1 sec) select id, sum(v) as total insert into Out;");
  h.send("X", 1, {S("a"), L(1000), D(1)});
  h.send("X", 2, {S("b"), L(1999), D(2)});
  h.send("X", 3, {S("c"), L(2000), D(4)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[a, 1.0]", "[b, 3.0]", "[c, 6.0]"}));
}

TEST(Windows, ExternalTimeBatchSumsPerBatch) {
  AppHarness h("@app:playback define stream X (id string, ts long, v double);"
               "from X#window.externalTimeBatch(ts, 1 sec, 0) select sum(v) as total insert into Out;");
  h.send("X", 1, {S("a"), L(500), D(1)});
  h.send("X", 2, {S("b"), L(999), D(2)});
  h.send("X", 3, {S("c"), L(1000), D(4)});
  h.send("X", 4, {S("d"), L(2000), D(8)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[3.0]", "[4.0]"}));
}

TEST(Windows, SortWindowAggregateIncludesTheEventExpiredAfterIt) {
  AppHarness h(app("from S#window.sort(2, price) select symbol, sum(price) as total insert into Out;"));
  h.send("S", 1, {S("A"), D(30), I(1)});
  h.send("S", 2, {S("B"), D(10), I(1)});
  h.send("S", 3, {S("C"), D(20), I(1)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 30.0]", "[B, 40.0]", "[C, 60.0]"}));
}

TEST(Windows, DelayEmitsEventsLater) {
  AppHarness h(app("from S#window.delay(1 sec) select symbol insert into Out;"));
  h.send("S", 0, {S("A"), D(0), I(0)});
  h.send("S", 500, {S("B"), D(0), I(0)});
  EXPECT_TRUE(h.rows("Out").empty());
  h.send("S", 1500, {S("C"), D(0), I(0)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]", "[B]"}));
}

TEST(Windows, BatchWindowAggregatesEachEventAlone) {
  AppHarness h(app("from S#window.batch() select sum(price) as total insert into Out;"));
  sendPrices(h, {{1, 1}, {2, 2}, {3, 4}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[1.0]", "[2.0]", "[4.0]"}));
}

TEST(Windows, SessionExpiresAsOneGroup) {
  AppHarness h(app("from S#window.session(1 sec, symbol) select symbol, count() as n "
                   "insert expired events into Out;"));
  h.send("S", 0, {S("x"), D(0), I(0)});
  h.send("S", 500, {S("x"), D(0), I(0)});
  h.send("S", 3000, {S("y"), D(0), I(0)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[x, 0]"}));
}

TEST(Windows, EventsSentTogetherMatchEventsSentAlone) {
  const std::string text = app("from S#window.length(2) select sum(price) as total insert into Out;");
  AppHarness one(text);
  AppHarness together(text);
  std::vector<std::vector<Value>> rows = {{S("A"), D(1), I(1)}, {S("B"), D(2), I(1)}, {S("C"), D(4), I(1)}};
  std::vector<EventView> views;
  for (size_t i = 0; i < rows.size(); ++i) {
    one.send("S", static_cast<int64_t>(i), rows[i]);
    views.push_back({static_cast<int64_t>(i), rows[i].data()});
  }
  together.app().input("S").send(views);
  EXPECT_EQ(one.rows("Out"), (Rows{"[1.0]", "[3.0]", "[6.0]"}));
  EXPECT_EQ(together.rows("Out"), one.rows("Out"));
}

std::string deployError(const std::string& query) { return deployErrorOf(app(query)); }

TEST(Windows, ParametersAreChecked) {
  EXPECT_NE(deployError("from S#window.time(symbol) select * insert into Out;")
                .find("window 'time' takes a time period, e.g. time(1 sec)"),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.lengthBatch('x') select * insert into Out;").find("window 'lengthBatch' takes"),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.sort(2, price, 'up') select * insert into Out;").find("window 'sort' takes"),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.externalTime(price, 1 sec) select * insert into Out;")
                .find("long timestamp attribute"),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.session(1 sec, volume) select * insert into Out;").find("window 'session'"),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.timeBatch(1 sec, 0, 5) select * insert into Out;").find("window 'timeBatch'"),
            std::string::npos);
  EXPECT_EQ(deployError("from S#window.timeBatch(1 sec, 0, true) select * insert into Out;"), "");
  EXPECT_EQ(deployError("from S#window.sort(2, price, 'DESC', symbol) select * insert into Out;"), "");
  EXPECT_EQ(deployError("from S#window.lossyFrequent(0.1, 0.01, symbol) select * insert into Out;"), "");
}

}  // namespace
}  // namespace cepheus::testing
