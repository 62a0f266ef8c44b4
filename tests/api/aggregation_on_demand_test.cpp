// On-demand queries over an incremental aggregation (App::query): `within ... per ...` choose the
// buckets, the rest of the query (on, select, group by, order by, limit) reads them as rows of
// AGG_TIMESTAMP and the aggregation's attributes.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

std::vector<std::string> text(const QueryResult& result) {
  std::vector<std::string> out;
  for (const auto& row : result.rows) {
    std::string line = "[";
    for (size_t i = 0; i < row.size(); ++i) line += (i ? ", " : "") + row[i].toString();
    out.push_back(line + "]");
  }
  return out;
}

// Siddhi's Aggregation1TestCase.incrementalStreamProcessorTest5, in playback.
class AggregationOnDemand : public ::testing::Test {
 protected:
  AggregationOnDemand()
      : h("@app:playback define stream stockStream (symbol string, price float, lastClosingPrice float, "
          "volume long, quantity int, timestamp long);"
          "define aggregation stockAggregation from stockStream "
          "select symbol, avg(price) as avgPrice, sum(price) as totalPrice, (price * quantity) as lastTradeValue "
          "group by symbol aggregate by timestamp every sec...hour;") {
    const std::tuple<const char*, float, int, int64_t> trades[] = {
        {"WSO2", 50, 6, 1496289950000},  {"WSO2", 70, 10, 1496289950000}, {"WSO2", 60, 56, 1496289952000},
        {"WSO2", 100, 16, 1496289952500}, {"IBM", 100, 26, 1496289954000}, {"IBM", 100, 96, 1496289954500},
    };
    for (const auto& [symbol, price, quantity, ts] : trades)
      h.send("stockStream", ts, {S(symbol), F(price), N(), L(200), I(quantity), L(ts)});
  }
  Rows query(const std::string& q) { return text(h.app().query(q)); }
  std::string errorOf(const std::string& q) {
    try {
      h.app().query(q);
    } catch (const QueryError& e) {
      return e.what();
    }
    return "";
  }
  AppHarness h;
};

TEST_F(AggregationOnDemand, EveryBucketOfTheGranularity) {
  QueryResult result = h.app().query("from stockAggregation within \"2017-06-** **:**:**\" per \"seconds\"");
  ASSERT_EQ(result.schema.size(), 5u);
  EXPECT_EQ(result.schema[0].name, "AGG_TIMESTAMP");
  EXPECT_EQ(result.schema[4].name, "lastTradeValue");
  EXPECT_EQ(text(result), (Rows{"[1496289950000, WSO2, 60.0, 120.0, 700.0]",
                                "[1496289952000, WSO2, 80.0, 160.0, 1600.0]",
                                "[1496289954000, IBM, 100.0, 200.0, 9600.0]"}));
}

TEST_F(AggregationOnDemand, OnSelectOrderByLimitOverTheBuckets) {
  EXPECT_EQ(query("from stockAggregation on symbol == 'WSO2' within 1496289950000L, 1496289953000L per 'seconds' "
                  "select AGG_TIMESTAMP, totalPrice order by totalPrice desc limit 1"),
            (Rows{"[1496289952000, 160.0]"}));
  EXPECT_EQ(query("from stockAggregation within '2017-06-01 04:05:00', '2017-06-01 05:00:00' per 'minutes' "
                  "select sum(totalPrice) as all"),
            (Rows{"[480.0]"}));
  EXPECT_EQ(query("from stockAggregation as a within '2017-06-01 **:**:**' per 'hours' select a.symbol, a.avgPrice"),
            (Rows{"[WSO2, 70.0]", "[IBM, 100.0]"}));
}

TEST_F(AggregationOnDemand, ErrorsWithTheirPlaceInTheQuery) {
  EXPECT_EQ(errorOf("from stockAggregation within 0L, 1000L per 'days'"),
            "1:44: aggregation 'stockAggregation' keeps seconds, minutes and hours, not days");
  EXPECT_NE(errorOf("from stockAggregation per 'seconds'").find("needs 'within"), std::string::npos);
  EXPECT_NE(errorOf("from stockAggregation within 0L, 1000L").find("needs 'per"), std::string::npos);
  EXPECT_NE(errorOf("from stockAggregation within 0L, 1000L per 'seconds' select volume").find("volume"),
            std::string::npos);
  // A value computed when the query runs is checked then.
  EXPECT_NE(errorOf("from stockAggregation within 0L, 1000L per str:concat('we', 'eks')").find("not a granularity"),
            std::string::npos);
}

}  // namespace
}  // namespace cepheus::testing
