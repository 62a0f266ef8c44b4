// An incremental aggregation's buckets over time: calendar buckets in UTC at every granularity,
// retention purging on the engine clock, and snapshots that carry running and rolled-up buckets.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kHeader =
    "@app:playback define stream Trade (symbol string, price double, ts long); define stream Q (per string);";
const std::string kProbe =
    "from Q join A within 0L, 4102444800000L per Q.per select AGG_TIMESTAMP, total, n insert into Out;";

// 2020 is a leap year: February has 29 days, and the year 366.
constexpr int64_t kFeb29 = 1582934400000;   // 2020-02-29 00:00:00 UTC
constexpr int64_t kMar1 = 1583020800000;    // 2020-03-01 00:00:00 UTC
constexpr int64_t kJan1_2021 = 1609459200000;

TEST(AggregationBuckets, CalendarBoundariesInUtc) {
  AppHarness h(kHeader +
               "@purge(enable='false') define aggregation A from Trade select sum(price) as total, count() as n "
               "aggregate by ts every sec ... year;" + kProbe);
  h.send("Trade", 1, {S("A"), D(1), L(kFeb29 - 1)});    // 2020-02-28 23:59:59.999
  h.send("Trade", 2, {S("A"), D(2), L(kFeb29)});
  h.send("Trade", 3, {S("A"), D(4), L(kMar1 - 1)});     // the leap day's last millisecond
  h.send("Trade", 4, {S("A"), D(8), L(kMar1)});
  h.send("Trade", 5, {S("A"), D(16), L(kJan1_2021)});
  for (const char* per : {"days", "months", "years"}) h.send("Q", 6, {S(per)});
  EXPECT_EQ(h.rows("Out"), (Rows{
                               "[1582848000000, 1.0, 1]",   // days: Feb 28
                               "[1582934400000, 6.0, 2]",   // Feb 29
                               "[1583020800000, 8.0, 1]",   // Mar 1
                               "[1609459200000, 16.0, 1]",  // 2021-01-01
                               "[1580515200000, 7.0, 3]",   // months: February 2020
                               "[1583020800000, 8.0, 1]",   // March 2020
                               "[1609459200000, 16.0, 1]",  // January 2021
                               "[1577836800000, 15.0, 4]",  // years: 2020
                               "[1609459200000, 16.0, 1]",  // 2021
                           }));
}

// `every sec, day`: only the listed granularities are kept; a day is still the sum of its seconds.
TEST(AggregationBuckets, CommaListKeepsOnlyItsGranularities) {
  AppHarness h(kHeader +
               "@purge(enable='false') define aggregation A from Trade select sum(price) as total, count() as n "
               "aggregate by ts every sec, day;" + kProbe);
  h.send("Trade", 1, {S("A"), D(1), L(1000)});
  h.send("Trade", 2, {S("A"), D(2), L(3'600'000)});
  h.send("Q", 3, {S("days")});
  h.send("Q", 3, {S("seconds")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[0, 3.0, 2]", "[1000, 1.0, 1]", "[3600000, 2.0, 1]"}));
  EXPECT_NE(deployErrorOf(kHeader + "define aggregation A from Trade select sum(price) as total, count() as n "
                                    "aggregate by ts every sec, day;"
                                    "from Q join A within 0L, 1000L per 'minutes' select total insert into Out;")
                .find("keeps seconds and days, not minutes"),
            std::string::npos);
}

// Buckets past their retention are dropped when the purge interval passes on the engine clock
// (the events' time in playback); coarser granularities keep what they hold.
TEST(AggregationBuckets, RetentionPurgingOnTheEngineClock) {
  AppHarness h(kHeader +
               "@purge(enable='true', interval='1 min', @retentionPeriod(sec='120 sec', min='all')) "
               "define aggregation A from Trade select sum(price) as total, count() as n aggregate every sec ... min;" +
               kProbe);
  h.send("Trade", 1000, {S("A"), D(1), L(0)});
  h.send("Trade", 2000, {S("A"), D(2), L(0)});
  h.send("Q", 3000, {S("seconds")});
  h.send("Trade", 400'000, {S("A"), D(4), L(0)});
  h.send("Q", 400'001, {S("seconds")});
  h.send("Q", 400'001, {S("minutes")});
  EXPECT_EQ(h.rows("Out"), (Rows{"[1000, 1.0, 1]", "[2000, 2.0, 1]",  // before: both seconds
                                 "[400000, 4.0, 1]",                   // after: the old seconds are gone
                                 "[0, 3.0, 2]", "[360000, 4.0, 1]"}));  // minutes are kept
}

TEST(AggregationBuckets, ARestoredAppHasTheSavedBuckets) {
  const std::string app = kHeader +
                          "@purge(enable='false') define aggregation A from Trade select symbol, sum(price) as total, "
                          "count() as n group by symbol aggregate by ts every sec ... hour;" +
                          "from Q join A within 0L, 4102444800000L per Q.per select AGG_TIMESTAMP, symbol, total, n "
                          "insert into Out;";
  auto early = [](AppHarness& h) {
    h.send("Trade", 1000, {S("A"), D(1), L(1000)});
    h.send("Trade", 1500, {S("B"), D(2), L(1500)});
    h.send("Trade", 70'000, {S("A"), D(4), L(70'000)});  // the first minute is rolled up
  };
  auto late = [](AppHarness& h) {
    h.send("Trade", 70'500, {S("A"), D(8), L(1200)});  // late, into second 1 and minute 0
    h.send("Trade", 71'000, {S("B"), D(16), L(71'000)});
    for (const char* per : {"seconds", "minutes", "hours"}) h.send("Q", 72'000, {S(per)});
  };
  AppHarness whole(app);
  early(whole);
  late(whole);

  AppHarness first(app);
  early(first);
  std::vector<uint8_t> saved = first.app().snapshot();
  AppHarness second(app);
  RestoreReport report = second.app().restore(saved);
  EXPECT_NE(std::find(report.restored.begin(), report.restored.end(), "aggregation 'A'"), report.restored.end());
  late(second);
  EXPECT_EQ(second.rows("Out"), whole.rows("Out"));
  EXPECT_EQ(whole.rows("Out"), (Rows{"[1000, A, 9.0, 2]", "[1000, B, 2.0, 1]", "[70000, A, 4.0, 1]",
                                     "[71000, B, 16.0, 1]",
                                     "[0, A, 9.0, 2]", "[0, B, 2.0, 1]", "[60000, A, 4.0, 1]", "[60000, B, 16.0, 1]",
                                     "[0, A, 13.0, 3]", "[0, B, 18.0, 2]"}));
}

// A snapshot of an app whose aggregation is empty restores into one that has buckets: they go.
TEST(AggregationBuckets, RestoringAnEmptySnapshotDropsTheBuckets) {
  const std::string app = kHeader +
                          "@purge(enable='false') define aggregation A from Trade select sum(price) as total, "
                          "count() as n aggregate by ts every sec ... min;" + kProbe;
  AppHarness empty(app);
  AppHarness full(app);
  full.send("Trade", 1000, {S("A"), D(1), L(1000)});
  full.app().restore(empty.app().snapshot());
  full.send("Q", 2000, {S("seconds")});
  EXPECT_TRUE(full.rows("Out").empty());
}

}  // namespace
}  // namespace cepheus::testing
