// Joins of a stream with an incremental aggregation: `within` and `per` evaluated for each
// probing event, the buckets of that granularity (rolled up from finer ones, running ones
// included) as rows of the aggregation's attributes, `on` tested on their final values.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

// Siddhi's Aggregation1TestCase.incrementalStreamProcessorTest6, in playback so its event times
// are the clock.
const std::string kStock =
    "@app:playback define stream stockStream (symbol string, price float, lastClosingPrice float, volume long, "
    "quantity int, timestamp long);"
    "@purge(enable='false') define aggregation stockAggregation from stockStream "
    "select symbol, avg(price) as avgPrice, sum(price) as totalPrice, (price * quantity) as lastTradeValue "
    "group by symbol aggregate by timestamp every sec...year;"
    "define stream inputStream (symbol string, value int, startTime string, endTime string, perValue string);";

void sendStock(AppHarness& h) {
  struct Trade {
    const char* symbol;
    float price;
    int quantity;
    int64_t ts;
  };
  const Trade trades[] = {
      {"WSO2", 50, 6, 1496289950000}, {"WSO2", 70, 10, 1496289950000}, {"WSO2", 50, 6, 1496289950000},
      {"WSO2", 70, 10, 1496289950000}, {"IBM", 100, 26, 1496289951000}, {"IBM", 100, 96, 1496289951000},
      {"IBM", 900, 60, 1496289952000}, {"IBM", 500, 7, 1496289952000},  {"WSO2", 60, 56, 1496289953000},
      {"WSO2", 100, 16, 1496289953000}, {"IBM", 400, 9, 1496289953000}, {"WSO2", 140, 11, 1496289953000},
      {"IBM", 600, 6, 1496289954000},  {"IBM", 1000, 9, 1496290016000},
  };
  for (const Trade& t : trades) h.send("stockStream", t.ts, {S(t.symbol), F(t.price), N(), L(200), I(t.quantity), L(t.ts)});
}

TEST(AggregationJoin, WithinAndPerFromTheProbingEvent) {
  AppHarness h(kStock +
               "from inputStream as i join stockAggregation as s within i.startTime, i.endTime per i.perValue "
               "select AGG_TIMESTAMP, s.symbol, avgPrice, totalPrice as sumPrice, lastTradeValue "
               "order by AGG_TIMESTAMP insert into outputStream;");
  sendStock(h);
  h.send("inputStream", 1496290017000, {S("IBM"), I(1), S("2017-06-01 04:05:50"), S("2017-06-01 04:06:57"), S("seconds")});
  EXPECT_EQ(h.rows("outputStream"), (Rows{"[1496289950000, WSO2, 60.0, 240.0, 700.0]",
                                          "[1496289951000, IBM, 100.0, 200.0, 9600.0]",
                                          "[1496289952000, IBM, 700.0, 1400.0, 3500.0]",
                                          "[1496289953000, WSO2, 100.0, 300.0, 1540.0]",
                                          "[1496289953000, IBM, 400.0, 400.0, 3600.0]",
                                          "[1496289954000, IBM, 600.0, 600.0, 3600.0]",
                                          "[1496290016000, IBM, 1000.0, 1000.0, 9000.0]"}));
}

TEST(AggregationJoin, PerRollsFinerBucketsUp) {
  AppHarness h(kStock +
               "from inputStream as i join stockAggregation as s on s.symbol == i.symbol "
               "within i.startTime, i.endTime per i.perValue "
               "select AGG_TIMESTAMP, s.symbol, avgPrice, totalPrice insert into outputStream;");
  sendStock(h);
  // 04:05 and 04:06 are two minutes; the hour, day, month and year hold them all.
  h.send("inputStream", 1496290017000, {S("IBM"), I(1), S("2017-06-01 04:00:00"), S("2017-06-01 05:00:00"), S("minutes")});
  h.send("inputStream", 1496290017000, {S("IBM"), I(1), S("2017-06-01 04:00:00"), S("2017-06-01 05:00:00"), S("hours")});
  h.send("inputStream", 1496290017000, {S("WSO2"), I(1), S("2017-01-01 00:00:00"), S("2018-01-01 00:00:00"), S("years")});
  EXPECT_EQ(h.rows("outputStream"), (Rows{"[1496289900000, IBM, 433.3333333333333, 2600.0]",
                                          "[1496289960000, IBM, 1000.0, 1000.0]",
                                          "[1496289600000, IBM, 514.2857142857143, 3600.0]",
                                          "[1483228800000, WSO2, 77.14285714285714, 540.0]"}));
}

TEST(AggregationJoin, WithinIsHalfOpenOnTheBucketStart) {
  AppHarness h(kStock +
               "from inputStream as i join stockAggregation as s within i.startTime, i.endTime per 'seconds' "
               "select AGG_TIMESTAMP, s.symbol insert into outputStream;");
  sendStock(h);
  // [04:05:52, 04:05:53): the second that starts at the end is left out.
  h.send("inputStream", 1496290017000, {S("x"), I(1), S("2017-06-01 04:05:52"), S("2017-06-01 04:05:53"), S("")});
  EXPECT_EQ(h.rows("outputStream"), (Rows{"[1496289952000, IBM]"}));
}

TEST(AggregationJoin, WithinPattern) {
  AppHarness h(kStock +
               "from inputStream as i join stockAggregation as s within '2017-06-01 04:05:**' per 'minutes' "
               "select AGG_TIMESTAMP, s.symbol, totalPrice insert into outputStream;");
  sendStock(h);
  h.send("inputStream", 1496290017000, {S("x"), I(1), S(""), S(""), S("")});
  EXPECT_EQ(h.rows("outputStream"), (Rows{"[1496289900000, WSO2, 540.0]", "[1496289900000, IBM, 2600.0]"}));
}

TEST(AggregationJoin, OnTestsTheAggregatedValues) {
  AppHarness h(kStock +
               "from inputStream as i join stockAggregation as s on s.totalPrice > 1000.0 "
               "within 1496289950000L, 1496290020000L per 'seconds' "
               "select AGG_TIMESTAMP, s.symbol, s.totalPrice insert into outputStream;");
  sendStock(h);
  h.send("inputStream", 1496290017000, {S("x"), I(1), S(""), S(""), S("")});
  EXPECT_EQ(h.rows("outputStream"), (Rows{"[1496289952000, IBM, 1400.0]"}));
}

TEST(AggregationJoin, AggregationOnTheLeftAndOuterJoins) {
  AppHarness h(
      "@app:playback define stream Trade (symbol string, price double, ts long); define stream Q (symbol string);"
      "@purge(enable='false') define aggregation A from Trade select symbol, sum(price) as total, count() as n "
      "group by symbol aggregate by ts every sec ... min;"
      "from A as a join Q as q on a.symbol == q.symbol within 0L, 60000L per 'minutes' "
      "select q.symbol, a.total insert into Inner;"
      "from Q as q left outer join A as a on a.symbol == q.symbol within 0L, 60000L per 'minutes' "
      "select q.symbol, a.total, a.n insert into Outer;");
  h.send("Trade", 1000, {S("A"), D(1), L(1000)});
  h.send("Trade", 1500, {S("A"), D(2), L(1500)});
  h.send("Q", 2000, {S("A")});
  h.send("Q", 2100, {S("B")});
  EXPECT_EQ(h.rows("Inner"), (Rows{"[A, 3.0]"}));
  EXPECT_EQ(h.rows("Outer"), (Rows{"[A, 3.0, 2]", "[B, null, null]"}));
}

// A query triggered by the event the aggregation takes in sees it in the buckets (the
// aggregation is subscribed first, as in Siddhi); events sent together are read one at a time.
TEST(AggregationJoin, TheTriggeringEventIsAlreadyAggregated) {
  AppHarness h(
      "@app:playback define stream Trade (symbol string, price double);"
      "@purge(enable='false') define aggregation A from Trade select symbol, sum(price) as total "
      "group by symbol aggregate every sec ... min;"
      "from Trade as t join A as a on a.symbol == t.symbol within 0L, 3600000L per 'minutes' "
      "select t.symbol, a.total insert into Out;");
  std::vector<std::vector<Value>> rows = {{S("A"), D(1)}, {S("A"), D(2)}, {S("B"), D(5)}};
  std::vector<EventView> events;
  for (auto& r : rows) events.push_back({1000, r.data()});
  h.app().input("Trade").send(std::span<const EventView>(events));
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1.0]", "[A, 3.0]", "[B, 5.0]"}));
}

// Late events go into the buckets of their own time, which the clock rolled up long ago.
TEST(AggregationJoin, LateEventsAreMergedIntoOldBuckets) {
  AppHarness h(
      "@app:playback define stream Trade (symbol string, price double, ts long); define stream Q (per string);"
      "@purge(enable='false') define aggregation A from Trade select symbol, sum(price) as total, max(price) as top "
      "group by symbol aggregate by ts every sec ... hour;"
      "from Q join A within 0L, 7200000L per Q.per select AGG_TIMESTAMP, total, top insert into Out;");
  h.send("Trade", 1000, {S("A"), D(1), L(1000)});
  h.send("Trade", 120000, {S("A"), D(2), L(120000)});
  h.send("Trade", 3700000, {S("A"), D(4), L(3700000)});  // the first hour is rolled up
  h.send("Trade", 3700001, {S("A"), D(8), L(1500)});     // late: second 1, minute 0, hour 0
  h.send("Q", 3700002, {S("seconds")});
  h.send("Q", 3700002, {S("minutes")});
  h.send("Q", 3700002, {S("hours")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[1000, 9.0, 8.0]", "[120000, 2.0, 2.0]", "[3700000, 4.0, 4.0]",
                                 "[0, 9.0, 8.0]", "[120000, 2.0, 2.0]", "[3660000, 4.0, 4.0]",
                                 "[0, 11.0, 8.0]", "[3600000, 4.0, 4.0]"}));
}

TEST(AggregationJoin, AReadThatCannotBeAnsweredIsAFaultOfTheProbingEvent) {
  AppHarness h(kStock +
               "@OnError(action='STREAM') define stream Probe (startTime string, perValue string);"
               "from Probe as i join stockAggregation as s within i.startTime, '2018-01-01 00:00:00' per i.perValue "
               "select s.symbol insert into outputStream;"
               "from !Probe select perValue, _error insert into Faults;");
  sendStock(h);
  h.send("Probe", 1496290017000, {S("2017-06-01 04:05:50"), S("weeks")});
  h.send("Probe", 1496290017000, {S("June"), S("seconds")});
  EXPECT_TRUE(h.rows("outputStream").empty());
  Rows faults = h.rows("Faults");
  ASSERT_EQ(faults.size(), 2u);
  EXPECT_NE(faults[0].find("not a granularity"), std::string::npos) << faults[0];
  EXPECT_NE(faults[1].find("is not a time"), std::string::npos) << faults[1];
}

TEST(AggregationJoin, Errors) {
  const std::string app =
      "define stream T (symbol string, price double, ts long); define stream Q (symbol string, n int);"
      "define table Tab (symbol string);"
      "define aggregation A from T select symbol, sum(price) as total group by symbol aggregate by ts every sec ... min;";
  auto error = [&](const std::string& query) {
    Diagnostics d = Engine::check(app + query);
    return d.empty() ? std::string() : d[0].message;
  };
  EXPECT_EQ(error("from Q join A on A.symbol == Q.symbol within 0L, 1000L per 'seconds' select A.total insert into O;"), "");
  EXPECT_NE(error("from Q join A within 0L, 1000L per 'hours' select A.total insert into O;")
                .find("aggregation 'A' keeps seconds and minutes, not hours"),
            std::string::npos);
  EXPECT_NE(error("from Q join A per 'seconds' select A.total insert into O;").find("needs 'within"),
            std::string::npos);
  EXPECT_NE(error("from Q join A within 0L, 1000L select A.total insert into O;").find("needs 'per"),
            std::string::npos);
  EXPECT_NE(error("from Q join A within 0, 1000 per 'seconds' select A.total insert into O;").find("write 0L"),
            std::string::npos);
  EXPECT_NE(error("from Q join A#window.length(2) within 0L, 1000L per 'seconds' select A.total insert into O;")
                .find("cannot have a filter, window or stream function"),
            std::string::npos);
  EXPECT_NE(error("from Q join A unidirectional within 0L, 1000L per 'seconds' select A.total insert into O;")
                .find("never triggers a join"),
            std::string::npos);
  EXPECT_NE(error("from Tab join A within 0L, 1000L per 'seconds' select A.total insert into O;")
                .find("'Tab' is a table and 'A' an aggregation"),
            std::string::npos);
  EXPECT_NE(error("from Q join A within A.total, 1000L per 'seconds' select A.total insert into O;"), "");
  EXPECT_NE(error("from Q join Tab within 0L, 1000L per 'seconds' select Q.n insert into O;")
                .find("neither side of this join is one"),
            std::string::npos);
}

}  // namespace
}  // namespace cepheus::testing
