// `define aggregation`: what Siddhi 5.1 accepts, and a positioned message for what it does not.
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

const std::string kTrade =
    "define stream Trade (symbol string, price double, volume int, ts long, at string, o object);\n";

std::vector<std::string> messagesOf(const std::string& app) {
  std::vector<std::string> out;
  for (const Diagnostic& d : Engine::check(kTrade + app))
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message);
  return out;
}

using Messages = std::vector<std::string>;

TEST(AggregationDefinitions, EveryFormSiddhiAcceptsIsAccepted) {
  for (const char* app : {
           "define aggregation A from Trade select symbol, sum(price) as total, count() as n, avg(price) as ap, "
           "min(volume) as lo, max(price) as hi, distinctCount(volume) as kinds group by symbol "
           "aggregate by ts every sec ... year;",
           "define aggregation A from Trade[price > 0] select sum(volume) as v aggregate every sec, min, day;",
           "define aggregation A from Trade select symbol, price * volume as lastValue, sum(price) as s "
           "group by symbol aggregate by at every hours, months;",
           "@purge(enable='true', interval='10 sec', @retentionPeriod(sec='120 sec', min='all', hours='2 days')) "
           "define aggregation A from Trade select sum(price) as s aggregate every sec ... hour;",
           "@purge(enable='false') define aggregation A from Trade select count() as n aggregate every day ... day;",
       })
    EXPECT_EQ(messagesOf(app), Messages{}) << app;
}

TEST(AggregationDefinitions, TheInputIsADefinedStreamTakenAsItComes) {
  EXPECT_EQ(messagesOf("define aggregation A from Trades select count() as n aggregate every sec;"),
            Messages{"2:27: unknown stream 'Trades' (did you mean 'Trade'?); an aggregation reads a defined stream"});
  EXPECT_EQ(messagesOf("define table T (a int);\ndefine aggregation A from T select count() as n aggregate every sec;"),
            Messages{"3:27: aggregation 'A' reads table 'T', but an aggregation reads a stream"});
  EXPECT_EQ(messagesOf("define window W (a int) length(2);\n"
                       "define aggregation A from W select count() as n aggregate every sec;"),
            Messages{"3:27: aggregation 'A' reads window 'W', but an aggregation reads a stream"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade#window.length(2) select count() as n aggregate every sec;"),
            Messages{"2:32: an aggregation takes the events of its stream as they arrive: only filters may come "
                     "before 'select', not '#window.length'"});
  // A stream only a query writes is not known when aggregations are defined (Siddhi too).
  EXPECT_EQ(messagesOf("define aggregation A from Big select count() as n aggregate every sec;\n"
                       "from Trade[price > 100.0] select * insert into Big;"),
            Messages{"2:27: unknown stream 'Big'; an aggregation reads a defined stream"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade[pric > 0] select count() as n aggregate every sec;"),
            Messages{"2:33: unknown attribute 'pric' in filter (did you mean 'price'?)"});
}

TEST(AggregationDefinitions, OnlyIncrementalAggregatesOfAttributes) {
  EXPECT_EQ(messagesOf("define aggregation A from Trade select stdDev(price) as d aggregate every sec;"),
            Messages{"2:40: 'stdDev' is not an incremental aggregate: an aggregation can use sum, count, avg, min, "
                     "max and distinctCount"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select str:groupConcat(symbol) as g aggregate every sec;"),
            Messages{"2:40: 'str:groupConcat' is not an incremental aggregate: an aggregation can use sum, count, "
                     "avg, min, max and distinctCount"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select sum(price * 2) as s aggregate every sec;"),
            Messages{"2:44: sum() in an aggregation takes an attribute of 'Trade', not 'price * 2'"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select sum(price) * 2 as s aggregate every sec;"),
            Messages{"2:40: an aggregate of an aggregation stands alone in the select list: 'sum(price) * 2' "
                     "computes with one"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select sum(symbol) as s aggregate every sec;"),
            Messages{"2:44: sum() needs a numeric argument, but 'symbol' is string"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select distinctCount(o) as d aggregate every sec;"),
            Messages{"2:54: distinctCount() needs a string, number or bool argument, but 'o' is object"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select sum(prise) as s aggregate every sec;"),
            Messages{"2:44: unknown attribute 'prise' in the argument of sum() (did you mean 'price'?)"});
  // Siddhi takes count(x) for count(), and says so.
  std::vector<std::string> warnings = messagesOf("define aggregation A from Trade select count(price) as n aggregate every sec;");
  EXPECT_EQ(warnings, Messages{"2:40: 'count(price)' counts every event, as count() does: an aggregation's count "
                               "takes no argument"});
}

TEST(AggregationDefinitions, TheSelectListNamesWhatReadsSee) {
  EXPECT_EQ(messagesOf("define aggregation A from Trade select * aggregate every sec;"),
            Messages{"2:33: an aggregation names what it keeps: select its aggregates (sum, count, ...) and group "
                     "by attributes, not *"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select count() as AGG_TIMESTAMP aggregate every sec;"),
            Messages{"2:40: 'AGG_TIMESTAMP' is the aggregation's own attribute (a bucket's start): select another "
                     "name"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select count() as n, sum(price) as n aggregate every sec;"),
            Messages{"2:54: the select list names 'n' twice"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select symbol, count() as n group by symbol having n > 1 "
                       "aggregate every sec;"),
            Messages{"2:84: an aggregation selects and groups, with no having"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select symbol, count() as n group by sym aggregate every sec;"),
            Messages{"2:70: unknown attribute 'sym' in group by (Trade has: symbol, price, volume, ts, at, o)"});
}

TEST(AggregationDefinitions, TheTimeIsALongOrADateString) {
  EXPECT_EQ(messagesOf("define aggregation A from Trade select count() as n aggregate by volume every sec;"),
            Messages{"2:66: 'aggregate by' needs a long (milliseconds) or string ('yyyy-MM-dd HH:mm:ss') attribute, "
                     "but 'volume' is int"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select count() as n aggregate by tss every sec;"),
            Messages{"2:66: unknown attribute 'tss' in aggregate by (did you mean 'ts'?)"});
}

TEST(AggregationDefinitions, GranularitiesAreSecondsToYearsFinestFirst) {
  EXPECT_EQ(messagesOf("define aggregation A from Trade select count() as n aggregate every min ... sec;"),
            Messages{"2:69: 'minutes ... seconds' goes from coarse to fine: write the finer one first ('seconds ... "
                     "minutes')"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select count() as n aggregate every sec, week;"),
            Messages{"2:74: an aggregation keeps buckets of sec, min, hour, day, month or year, not weeks (Siddhi "
                     "5.1 has no week buckets)"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select count() as n aggregate every millisec ... sec;"),
            Messages{"2:69: an aggregation keeps buckets of sec, min, hour, day, month or year, not milliseconds"});
  EXPECT_EQ(messagesOf("define aggregation A from Trade select count() as n aggregate every sec, min, seconds;"),
            Messages{"2:79: 'seconds' is listed twice"});
}

TEST(AggregationDefinitions, PurgingFollowsSiddhisRules) {
  const std::string aggregation = "define aggregation A from Trade select count() as n aggregate every sec ... hour;";
  EXPECT_EQ(messagesOf("@purge(enable='yes') " + aggregation),
            Messages{"2:8: @purge enable is 'true' or 'false', not 'yes'"});
  EXPECT_EQ(messagesOf("@purge(interval='soon') " + aggregation),
            Messages{"2:8: @purge interval is a time such as '15 min', not 'soon'"});
  EXPECT_EQ(messagesOf("@purge(@retentionPeriod(sec='1 min')) " + aggregation),
            Messages{"2:25: seconds are kept at least 120 seconds, not '1 min'"});
  EXPECT_EQ(messagesOf("@purge(@retentionPeriod(days='40 days')) " + aggregation),
            Messages{"2:25: @retentionPeriod sets days, which aggregation 'A' does not keep"});
  EXPECT_EQ(messagesOf("@purge(@retentionPeriod(weeks='4 weeks')) " + aggregation),
            Messages{"2:25: @retentionPeriod keys are granularities (sec, min, hours, days, months, years), not "
                     "'weeks'"});
  EXPECT_EQ(messagesOf("@purge(@retentionPeriod(min='forever')) " + aggregation),
            Messages{"2:25: a retention is 'all' or a time such as '120 sec', not 'forever'"});
}

TEST(AggregationDefinitions, StoresAndClustersAreNotThere) {
  const std::string aggregation = "define aggregation A from Trade select count() as n aggregate every sec;";
  EXPECT_EQ(messagesOf("@store(type='rdbms') " + aggregation),
            Messages{"2:1: @store is not supported on aggregations: Cepheus keeps their buckets in memory"});
  EXPECT_EQ(messagesOf("@persistedAggregation(enable='true') " + aggregation),
            Messages{"2:1: @persistedAggregation needs a database (@store), which Cepheus does not have: its "
                     "buckets are kept in memory"});
  EXPECT_EQ(messagesOf("@persistedAggregation(enable='false') " + aggregation), Messages{});
  EXPECT_EQ(messagesOf("@PartitionById " + aggregation),
            Messages{"2:1: @PartitionById shares an aggregation among the nodes of a Siddhi cluster (its shardId), "
                     "which Cepheus does not have"});
}

TEST(AggregationDefinitions, TheNameIsTakenLikeAnyDefinitionsName) {
  EXPECT_EQ(messagesOf("define aggregation Trade select count() as n aggregate every sec;").size(), 1u);
  EXPECT_EQ(messagesOf("define aggregation Trade from Trade select count() as n aggregate every sec;"),
            Messages{"2:20: cannot define aggregation 'Trade': a stream with that name is already defined"});
}

}  // namespace
}  // namespace cepheus
