// Events sent together in one call are processed exactly as if sent one by one: for every query
// shape (windows, aggregates with and without group by, having, order by and limit, rate limits,
// queries reading other queries' output), batches of any size give the same rows in the same
// order as single sends. Batches take other paths through the engine (a window hands its
// arrivals to the selector as parts of one call, the selector gathers one output chunk), so
// this pins them to the one-by-one semantics.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

const char* const kStream = "define stream S (symbol string, price double, volume long);\n";

const char* const kQueries[] = {
    "from S#window.length(3) select symbol, avg(price) as a insert into Out;",
    "from S#window.length(1) select sum(volume) as v, count() as n insert all events into Out;",
    "from S#window.length(4) select symbol, sum(volume) as v group by symbol insert all events into Out;",
    "from S#window.length(3) select symbol, max(price) as m, min(price) as n insert expired events into Out;",
    "from S#window.length(5) select symbol, sum(price) as p group by symbol having p > 10.0 insert into Out;",
    "from S#window.length(5) select symbol, price order by price desc limit 2 insert all events into Out;",
    "from S#window.length(2) select symbol, price insert all events into Out;",
    "from S#window.lengthBatch(3) select symbol, sum(price) as p insert all events into Out;",
    "from S#window.lengthBatch(2) select symbol, count() as n group by symbol insert into Out;",
    "from S#window.sort(3, price, 'desc') select symbol, sum(volume) as v insert all events into Out;",
    "from S#window.frequent(2, symbol) select symbol, count() as n insert all events into Out;",
    "from S#window.batch() select symbol, sum(price) as p insert into Out;",
    "from S[price > 3.0]#window.length(2) select avg(price) as a, stdDev(price) as d insert into Out;",
    "from S select symbol, count() as n group by symbol output last every 3 events insert into Out;",
    "from S#window.length(3) select sum(volume) as v output first every 2 events insert into Out;",
    "from S#window.length(2) select symbol, distinctCount(symbol) as d, avg(volume * 2) as a insert into Out;",
    "from S[volume > 1] select symbol, price insert into Out;",
    "from S[volume != 2 and price < 8.0] select * insert into Out;",
    "from S select symbol, price * 2.0 as p insert into Mid;\n"
    "from Mid#window.length(2) select symbol, sum(p) as t insert into Out;",
};

std::vector<Value> event(int i) {
  static const char* symbols[] = {"IBM", "WSO2", "ORCL"};
  return {Value::ofString(symbols[(i * 7) % 3]), Value::ofDouble((i * 37) % 11), Value::ofLong(i % 5)};
}

std::vector<std::string> sendInBatches(const std::string& app, int events, int batch) {
  AppHarness h(app);
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < events; ++i) rows.push_back(event(i));
  InputHandler input = h.app().input("S");
  for (int from = 0; from < events; from += batch) {
    std::vector<EventView> views;
    for (int i = from; i < std::min(events, from + batch); ++i) views.push_back({1000 + i, rows[i].data()});
    input.send(std::span<const EventView>(views));
  }
  return h.rows("Out");
}

TEST(BatchEquivalence, BatchesOfAnySizeGiveTheRowsOfSingleSends) {
  constexpr int kEvents = 40;
  for (const char* query : kQueries) {
    const std::string app = std::string(kStream) + query;
    std::vector<std::string> single = sendInBatches(app, kEvents, 1);
    ASSERT_FALSE(single.empty()) << query;
    for (int batch : {2, 3, 7, 40}) EXPECT_EQ(sendInBatches(app, kEvents, batch), single) << query << " in batches of " << batch;
  }
}

// In playback the clock moves with each event; windows placing events by their own timestamps
// take batches whole, the others event by event.
TEST(BatchEquivalence, PlaybackBatchesGiveTheRowsOfSingleSends) {
  constexpr int kEvents = 40;
  std::vector<std::string> queries(std::begin(kQueries), std::end(kQueries));
  queries.push_back("from S#window.time(5 milliseconds) select symbol, sum(volume) as v insert all events into Out;");
  queries.push_back("from S#window.timeBatch(4 milliseconds) select symbol, count() as n insert into Out;");
  queries.push_back("from S#window.externalTime(volume, 2) select symbol, count() as n insert all events into Out;");
  queries.push_back("from S#window.length(3) select symbol, currentTimeMillis() as t insert into Out;");
  for (const std::string& query : queries) {
    const std::string app = "@app:playback\n" + std::string(kStream) + query;
    std::vector<std::string> single = sendInBatches(app, kEvents, 1);
    ASSERT_FALSE(single.empty()) << query;
    for (int batch : {2, 3, 7, 40}) EXPECT_EQ(sendInBatches(app, kEvents, batch), single) << query << " in batches of " << batch;
  }
}

TEST(BatchEquivalence, AWindowLongerThanTheBatchAndShorterThanIt) {
  for (int length : {1, 3, 100, 300}) {
    const std::string app = std::string(kStream) + "from S#window.length(" + std::to_string(length) +
                            ") select symbol, avg(price) as a, count() as n insert into Out;";
    std::vector<std::string> single = sendInBatches(app, 500, 1);
    EXPECT_EQ(sendInBatches(app, 500, 256), single) << "length " << length;
  }
}

}  // namespace
}  // namespace cepheus::testing
