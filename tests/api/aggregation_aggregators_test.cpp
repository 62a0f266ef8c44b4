// Every aggregator of an incremental aggregation, read through a join at a coarser granularity
// than the events came in, so what is tested is the roll-up of each one's base values.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

// Siddhi's DistinctCountAggregationTestCase.incrementalStreamProcessorTest1, on the wall clock
// as there: the events' times (2017 to 2020) are all in the past, so they land in buckets the
// clock has passed, which reads see at once.
TEST(AggregationAggregators, DistinctCountIsTheSizeOfTheUnionOfEachBucketsValues) {
  AppHarness h(
      "define stream stockStream (symbol string, price float, lastClosingPrice float, volume long, quantity int, "
      "timestamp long);"
      "define aggregation stockAggregation from stockStream select distinctCount(symbol) as distinctCnt "
      "aggregate by timestamp every sec...year;"
      "define stream inputStream (symbol string);"
      "from inputStream as i join stockAggregation as s within 1496200000000L, 1596535449000L per \"days\" "
      "select AGG_TIMESTAMP, s.distinctCnt order by AGG_TIMESTAMP insert into outputStream;");
  const std::pair<const char*, int64_t> trades[] = {
      {"WSO2", 1496289950000},  {"WSO22", 1496289950000}, {"WSO23", 1496289952000}, {"WSO24", 1496289952000},
      {"IBM", 1496289954000},   {"IBM1", 1496289954000},  {"IBM", 1496289956000},   {"IBM1", 1496289956000},
      {"IBM", 1496290016000},   {"IBM2", 1496290076000},  {"CISCO", 1496293676000}, {"WSO2", 1496297276000},
      {"CISCO", 1496383676000}, {"CISCO", 1496470076000}, {"IBM", 1499062076000},   {"IBM", 1501740476000},
      {"WSO2", 1533276476000},  {"WSO2", 1564812476000},  {"CISCO", 1596434876000},
  };
  for (const auto& [symbol, ts] : trades) h.send("stockStream", ts, {S(symbol), F(1), N(), L(200), I(1), L(ts)});
  h.send("inputStream", 1596535449000, {S("IBM")});
  EXPECT_EQ(h.rows("outputStream"),
            (Rows{"[1496275200000, 8]", "[1496361600000, 1]", "[1496448000000, 1]", "[1499040000000, 1]",
                  "[1501718400000, 1]", "[1533254400000, 1]", "[1564790400000, 1]", "[1596412800000, 1]"}));
}

TEST(AggregationAggregators, EachRollsUpFromSecondsToTheHour) {
  AppHarness h(
      "@app:playback define stream Trade (symbol string, price double, quantity int, volume long, at string);"
      "define stream Q (per string);"
      "@purge(enable='false') define aggregation A from Trade[quantity > 0] "
      "select symbol, sum(quantity) as units, sum(price) as total, avg(price) as avgPrice, min(volume) as low, "
      "max(price) as high, count() as n, distinctCount(quantity) as sizes, price * quantity as lastValue "
      "group by symbol aggregate by at every sec ... hour;"
      "from Q join A within '2020-05-01 10:**:**' per Q.per "
      "select AGG_TIMESTAMP, symbol, units, total, avgPrice, low, high, n, sizes, lastValue insert into Out;");
  // Times in three zones: all three are 10:00:0x UTC.
  h.send("Trade", 1, {S("X"), D(2), I(3), L(50), S("2020-05-01 10:00:01")});
  h.send("Trade", 2, {S("X"), D(6), I(3), L(40), S("2020-05-01 15:30:01 +05:30")});
  h.send("Trade", 3, {S("X"), D(1), I(5), L(70), S("2020-05-01 08:00:02 -02:00")});
  h.send("Trade", 4, {S("X"), D(9), I(0), L(1), S("2020-05-01 10:00:03")});  // filtered out
  h.send("Q", 5, {S("seconds")});
  h.send("Q", 5, {S("hours")});
  // sum of ints is a long; the latest event (by its time) gives lastValue.
  EXPECT_EQ(h.rows("Out"), (Rows{"[1588327201000, X, 6, 8.0, 4.0, 40, 6.0, 2, 1, 18.0]",
                                 "[1588327202000, X, 5, 1.0, 1.0, 70, 1.0, 1, 1, 5.0]",
                                 "[1588327200000, X, 11, 9.0, 3.0, 40, 6.0, 3, 2, 5.0]"}));
}

}  // namespace
}  // namespace cepheus::testing
