// Attribute aggregators over sliding and batch windows, through deployed apps.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

Rows run(const std::string& query, std::vector<std::vector<Value>> events) {
  AppHarness h("@app:playback define stream S (k string, x int, d double, b bool);\n" + query);
  int64_t ts = 1000;
  for (auto& e : events) h.send("S", ts += 1000, std::move(e));
  return h.rows("Out");
}

TEST(Aggregators, SumCountAvgSlideWithTheWindow) {
  EXPECT_EQ(run("from S#window.length(2) select sum(x) as s, count() as n, avg(d) as a insert into Out;",
                {{S("a"), I(1), D(1), B(true)}, {S("a"), I(2), D(2), B(true)}, {S("a"), I(3), D(6), B(true)}}),
            (Rows{"[1, 1, 1.0]", "[3, 2, 1.5]", "[5, 2, 4.0]"}));
}

TEST(Aggregators, NullsAreIgnoredExceptByCount) {
  EXPECT_EQ(run("from S select sum(x) as s, count() as n, avg(d) as a, min(x) as mn insert into Out;",
                {{S("a"), N(), N(), N()}, {S("a"), I(4), D(2), N()}}),
            (Rows{"[null, 1, null, null]", "[4, 2, 2.0, 4]"}));
}

TEST(Aggregators, MinMaxStayCorrectWhenTheExtremeExpires) {
  EXPECT_EQ(run("from S#window.length(3) select min(x) as mn, max(x) as mx insert into Out;",
                {{S("a"), I(5), D(0), N()},
                 {S("a"), I(1), D(0), N()},
                 {S("a"), I(9), D(0), N()},
                 {S("a"), I(3), D(0), N()},   // 5 leaves
                 {S("a"), I(4), D(0), N()},   // 1 leaves
                 {S("a"), I(2), D(0), N()}}),  // 9 leaves
            (Rows{"[5, 5]", "[1, 5]", "[1, 9]", "[1, 9]", "[3, 9]", "[2, 4]"}));
}

TEST(Aggregators, MinMaxUnderASortWindowThatExpiresOutOfOrder) {
  // sort(2, x) keeps the two smallest x: the largest is expired (after the arrival's row is
  // emitted), not the oldest.
  EXPECT_EQ(run("from S#window.sort(2, x) select max(x) as mx insert into Out;",
                {{S("a"), I(1), D(0), N()},
                 {S("a"), I(5), D(0), N()},
                 {S("a"), I(3), D(0), N()},
                 {S("a"), I(2), D(0), N()},
                 {S("a"), I(0), D(0), N()}}),
            (Rows{"[1]", "[5]", "[5]", "[3]", "[2]"}));
}

TEST(Aggregators, ForeverExtremesIgnoreExpiry) {
  EXPECT_EQ(run("from S#window.length(1) select minForever(x) as mn, maxForever(x) as mx insert into Out;",
                {{S("a"), I(5), D(0), N()}, {S("a"), I(1), D(0), N()}, {S("a"), I(3), D(0), N()}}),
            (Rows{"[5, 5]", "[1, 5]", "[1, 5]"}));
}

TEST(Aggregators, PopulationStdDevAndDistinctCount) {
  EXPECT_EQ(run("from S select stdDev(d) as sd, distinctCount(k) as dc insert into Out;",
                {{S("a"), I(0), D(2), N()}, {S("b"), I(0), D(4), N()}, {S("a"), I(0), D(4), N()}, {S("a"), I(0), D(6), N()}}),
            (Rows{"[0.0, 1]", "[1.0, 2]", "[0.9428090415820634, 2]", "[1.4142135623730951, 2]"}));
}

TEST(Aggregators, BooleanAndOr) {
  EXPECT_EQ(run("from S#window.length(2) select and(b) as all, or(b) as any insert into Out;",
                {{S("a"), I(0), D(0), B(true)}, {S("a"), I(0), D(0), B(false)}, {S("a"), I(0), D(0), B(false)}}),
            (Rows{"[true, true]", "[false, true]", "[false, false]"}));
}

TEST(Aggregators, UnionSetCollectsDistinctValues) {
  EXPECT_EQ(run("from S select sizeOfSet(unionSet(createSet(k))) as n insert into Out;",
                {{S("a"), I(0), D(0), N()}, {S("b"), I(0), D(0), N()}, {S("a"), I(0), D(0), N()}}),
            (Rows{"[1]", "[2]", "[2]"}));
}

TEST(Aggregators, ExpiredRowsShowTheAggregateAfterRemoval) {
  EXPECT_EQ(run("from S#window.length(2) select x, sum(x) as s insert expired events into Out;",
                {{S("a"), I(1), D(0), N()}, {S("a"), I(2), D(0), N()}, {S("a"), I(3), D(0), N()}}),
            (Rows{"[1, 2]"}));
}

TEST(Aggregators, SumIsNullOnceEverythingExpired) {
  AppHarness h("@app:playback define stream S (x int);"
               "from S#window.time(1 sec) select sum(x) as s, count() as n insert all events into Out;");
  h.send("S", 1000, {I(5)});
  h.send("S", 3000, {I(7)});  // the timer expires 5 first, leaving an empty window
  EXPECT_EQ(h.rows("Out"), (Rows{"[5, 1]", "[null, 0]", "[7, 1]"}));
}

TEST(Aggregators, GroupByWithManyGroupsKeepsEachGroupApart) {
  AppHarness h("define stream S (k int, x long); from S select k, sum(x) as s group by k insert into Out;");
  for (int round = 0; round < 3; ++round)
    for (int k = 0; k < 1000; ++k) h.send("S", 1, {I(k), L(k)});
  const auto& out = h.recorded("Out");
  ASSERT_EQ(out.size(), 3000u);
  for (int k = 0; k < 1000; ++k) EXPECT_EQ(out[2000 + k].data[1].asLong(), 3 * k) << k;
}

}  // namespace
}  // namespace cepheus::testing
