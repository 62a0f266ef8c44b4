// expression, expressionBatch and cron windows end to end through the public API: results with
// aggregates and output event types, and the analyzer's checks of their parameters.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const char* kStock = "@app:playback define stream S (symbol string, price double, volume int);\n";

std::string app(const std::string& query) { return std::string(kStock) + query; }

void sendSymbols(AppHarness& h, std::vector<std::pair<const char*, double>> events) {
  int64_t ts = 0;
  for (auto [symbol, price] : events) h.send("S", ts++, {S(symbol), D(price), I(1)});
}

TEST(ExpressionWindows, CountBoundSlidesLikeALengthWindow) {
  AppHarness h(
      app("from S#window.expression('count() <= 2') select symbol, sum(price) as total insert into "
          "Out;"));
  sendSymbols(h, {{"A", 10}, {"B", 20}, {"C", 30}, {"D", 40}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 10.0]", "[B, 30.0]", "[C, 50.0]", "[D, 70.0]"}));
}

TEST(ExpressionWindows, SumBoundExpiresOldestEvents) {
  AppHarness h(
      app("from S#window.expression('sum(price) < 100') select symbol, price "
          "insert expired events into Out;"));
  sendSymbols(h, {{"A", 40}, {"B", 50}, {"C", 30}, {"D", 60}});
  // C: 120 -> A leaves. D: 140 -> B leaves (90).
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 40.0]", "[B, 50.0]"}));
}

TEST(ExpressionWindows, TimeSpanBetweenFirstAndLast) {
  AppHarness h(
      app("from S#window.expression('eventTimestamp(last) - eventTimestamp(first) < 3000') "
          "select count() as n insert into Out;"));
  for (int64_t ts : {0, 1000, 2500, 3500, 7000}) h.send("S", ts, {S("X"), D(1), I(1)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[1]", "[2]", "[3]", "[3]", "[1]"}));
}

TEST(ExpressionWindows, BatchFlushesWhenTheArrivalBreaksTheCondition) {
  AppHarness h(app("from S#window.expressionBatch('count() <= 2') select symbol insert into Out;"));
  sendSymbols(h, {{"A", 10}, {"B", 20}, {"C", 30}, {"D", 40}, {"E", 50}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]", "[B]", "[C]", "[D]"}));
}

TEST(ExpressionWindows, BatchSumIsOneRowPerBatch) {
  AppHarness h(
      app("from S#window.expressionBatch('sum(price) < 100') select symbol, sum(price) as total "
          "insert into Out;"));
  sendSymbols(h, {{"A", 40}, {"B", 50}, {"C", 30}, {"D", 60}, {"E", 10}});
  // C breaks 100: batch [A, B]. E breaks it (30 + 60 + 10 is not < 100): batch [C, D], whose
  // sum is computed after the previous batch expired.
  EXPECT_EQ(h.rows("Out"), (Rows{"[B, 90.0]", "[D, 90.0]"}));
}

TEST(ExpressionWindows, BatchPerSymbolRunWithFirstAndLast) {
  AppHarness h(
      app("from S#window.expressionBatch('last.symbol == first.symbol') "
          "select symbol, count() as n insert into Out;"));
  sendSymbols(h, {{"A", 1}, {"A", 1}, {"B", 1}, {"B", 1}, {"B", 1}, {"C", 1}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 2]", "[B, 3]"}));
}

TEST(ExpressionWindows, BatchWithTheTriggerAndStreamedCurrentEvents) {
  AppHarness h(
      app("from S#window.expressionBatch('count() <= 2', true, true) select symbol "
          "insert all events into Out;"));
  sendSymbols(h, {{"A", 1}, {"B", 1}, {"C", 1}});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]", "[B]", "[C]", "[A]", "[B]", "[C]"}));
}

std::string deployError(const std::string& query) { return deployErrorOf(app(query)); }

TEST(ExpressionWindows, ConditionsAreParsedAndChecked) {
  EXPECT_NE(deployError("from S#window.expression('count( <= 2') select * insert into Out;")
                .find("window expression 'count( <= 2': "),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.expression('count()') select * insert into Out;")
                .find("a window condition must be bool, but 'count()' is long"),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.expression('size < 3') select * insert into Out;")
                .find("window expression 'size < 3': unknown attribute 'size'"),
            std::string::npos);
  EXPECT_NE(deployError(
                "from S#window.expression('eventTimestamp(middle) > 0') select * insert into Out;")
                .find("unknown stream or reference 'middle'"),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.expression(5) select * insert into Out;")
                .find("window 'expression' takes"),
            std::string::npos);
  EXPECT_NE(deployError("from S#window.expressionBatch('count() < 2', 1) select * insert into Out;")
                .find("window 'expressionBatch' takes"),
            std::string::npos);
  EXPECT_EQ(
      deployError("from S#window.expression('sum(price) < 100 and first.symbol == last.symbol') "
                  "select * insert into Out;"),
      "");
}

TEST(ExpressionWindows, CronExpressionsAreChecked) {
  EXPECT_NE(deployError("from S#window.cron('* * *') select * insert into Out;")
                .find("window 'cron': '* * *' is not a valid cron expression: a cron expression "
                      "has 6 or 7 fields"),
            std::string::npos);
  EXPECT_NE(
      deployError("from S#window.cron(5) select * insert into Out;").find("window 'cron' takes"),
      std::string::npos);
  EXPECT_EQ(deployError("from S#window.cron('*/5 * * * * ?') select * insert into Out;"), "");
}

TEST(ExpressionWindows, CronFlushesOnTheWallClock) {
  AppHarness h(
      "define stream S (symbol string, price double, volume int);\n"
      "from S#window.cron('* * * * * ?') select symbol, sum(price) as total insert into Out;",
      AppHarness::manualClock(500));
  h.send("S", 0, {S("A"), D(1), I(1)});
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(499);  // 999: before the fire time of every second
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(1);  // 1000
  EXPECT_EQ(h.rows("Out"), (std::vector<std::string>{"[A, 1.0]"}));
}

}  // namespace
}  // namespace cepheus::testing
