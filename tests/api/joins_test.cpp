// Joins through the public API: each join kind over windows on both sides, a cross product,
// unidirectional, a side without a window, self joins, expired rows, and the non-stream sides
// (a table, a named window), with Siddhi's rows and order.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kStreams = "define stream L (k string, v int); define stream R (k string, w int);";

// L a, R a, R b, L b, L c, R d: every kind of match and miss on both sides.
Rows joined(const std::string& query, const std::string& out = "O") {
  AppHarness h(kStreams + query);
  h.send("L", 1, {S("a"), I(1)});
  h.send("R", 2, {S("a"), I(10)});
  h.send("R", 3, {S("b"), I(20)});
  h.send("L", 4, {S("b"), I(2)});
  h.send("L", 5, {S("c"), I(3)});
  h.send("R", 6, {S("d"), I(40)});
  return h.rows(out);
}

TEST(Joins, InnerJoinEmitsEachMatchOnceFromTheArrivingSide) {
  EXPECT_EQ(joined("from L#window.length(2) join R#window.length(2) on L.k == R.k select L.k, v, w insert into O;"),
            (Rows{"[a, 1, 10]", "[b, 2, 20]"}));
  // `inner join` is the same join.
  EXPECT_EQ(joined("from L#window.length(2) inner join R#window.length(2) on L.k == R.k select L.k, v, w "
                   "insert into O;"),
            (Rows{"[a, 1, 10]", "[b, 2, 20]"}));
}

TEST(Joins, LeftOuterKeepsUnmatchedLeftArrivals) {
  EXPECT_EQ(joined("from L#window.length(2) left outer join R#window.length(2) on L.k == R.k "
                   "select L.k as lk, R.k as rk, v, w insert into O;"),
            (Rows{"[a, null, 1, null]", "[a, a, 1, 10]", "[b, b, 2, 20]", "[c, null, 3, null]"}));
}

TEST(Joins, RightOuterKeepsUnmatchedRightArrivals) {
  EXPECT_EQ(joined("from L#window.length(2) right outer join R#window.length(2) on L.k == R.k "
                   "select L.k as lk, R.k as rk, v, w insert into O;"),
            (Rows{"[a, a, 1, 10]", "[null, b, null, 20]", "[b, b, 2, 20]", "[null, d, null, 40]"}));
}

TEST(Joins, FullOuterKeepsUnmatchedArrivalsOfBothSides) {
  EXPECT_EQ(joined("from L#window.length(2) full outer join R#window.length(2) on L.k == R.k "
                   "select L.k as lk, R.k as rk, v, w insert into O;"),
            (Rows{"[a, null, 1, null]", "[a, a, 1, 10]", "[null, b, null, 20]", "[b, b, 2, 20]", "[c, null, 3, null]",
                  "[null, d, null, 40]"}));
}

TEST(Joins, WithoutOnEveryPairMatches) {
  EXPECT_EQ(joined("from L#window.length(1) join R#window.length(1) select L.k as lk, R.k as rk insert into O;"),
            (Rows{"[a, a]", "[a, b]", "[b, b]", "[c, b]", "[c, d]"}));
}

TEST(Joins, UnidirectionalOnlyTheMarkedSideTriggers) {
  EXPECT_EQ(joined("from L#window.length(2) unidirectional join R#window.length(2) on L.k == R.k "
                   "select L.k, v, w insert into O;"),
            (Rows{"[b, 2, 20]"}));
  EXPECT_EQ(joined("from L#window.length(2) join R#window.length(2) unidirectional on L.k == R.k "
                   "select L.k, v, w insert into O;"),
            (Rows{"[a, 1, 10]"}));
}

TEST(Joins, ASideWithoutAWindowTriggersButHoldsNothing) {
  // R's arrivals find nothing in L; each L arrival aggregates over its own matches only.
  EXPECT_EQ(joined("from L join R#window.length(5) on L.k == R.k select L.k, count() as n insert into O;"),
            (Rows{"[b, 1]"}));
}

TEST(Joins, ExpiredRowsJoinAndComeBeforeTheArrival) {
  EXPECT_EQ(joined("from L#window.length(1) join R#window.length(5) on L.k == R.k select L.k, v, w "
                   "insert all events into O;"),
            (Rows{"[a, 1, 10]", "[a, 1, 10]", "[b, 2, 20]", "[b, 2, 20]"}));
  EXPECT_EQ(joined("from L#window.length(1) join R#window.length(5) on L.k == R.k select L.k, v, w "
                   "insert expired events into O;"),
            (Rows{"[a, 1, 10]", "[b, 2, 20]"}));
}

TEST(Joins, ASelfJoinMatchesAnEventWithItselfOnce) {
  AppHarness h("define stream L (k string, v int);"
               "from L#window.length(3) as a join L#window.length(3) as b on a.v <= b.v "
               "select a.v as av, b.v as bv insert into O;");
  h.send("L", 1, {S("x"), I(1)});
  h.send("L", 2, {S("y"), I(2)});
  EXPECT_EQ(h.rows("O"), (Rows{"[1, 1]", "[1, 2]", "[2, 2]"}));
}

TEST(Joins, SelectStarJoinsBothSidesLeftFirst) {
  AppHarness h("define stream L (k string, v int); define stream R (key string, w int);"
               "from L#window.length(2) join R#window.length(2) on L.k == R.key select * insert into O;");
  h.send("L", 1, {S("a"), I(1)});
  h.send("R", 2, {S("a"), I(10)});
  EXPECT_EQ(h.rows("O"), (Rows{"[a, 1, a, 10]"}));
  EXPECT_NE(deployErrorOf(kStreams + "from L#window.length(2) join R#window.length(2) select * insert into O;")
                .find("two attributes named 'k'"),
            std::string::npos);
}

TEST(Joins, TimeWindowsExpireOnTheClock) {
  AppHarness h("@app:playback " + kStreams +
               "from L#window.time(1 sec) join R#window.time(1 sec) on L.k == R.k select L.k, v, w insert into O;");
  h.send("L", 1000, {S("a"), I(1)});
  h.send("R", 1500, {S("a"), I(10)});  // L's a is still there
  h.send("R", 2000, {S("a"), I(20)});  // gone at 2000
  EXPECT_EQ(h.rows("O"), (Rows{"[a, 1, 10]"}));
}

TEST(Joins, AStreamJoinsATableWhichNeverTriggers) {
  AppHarness h("define stream Add (k string, p double); define stream Q (k string);"
               "@PrimaryKey('k') define table T (k string, p double);"
               "from Add insert into T;"
               "from Q join T on Q.k == T.k select Q.k, T.p insert into O;"
               "from Q left outer join T on Q.k == T.k select Q.k, T.p insert into O2;");
  h.send("Q", 1, {S("a")});
  h.send("Add", 2, {S("a"), D(1.5)});  // the table side: no output
  h.send("Q", 3, {S("a")});
  EXPECT_EQ(h.rows("O"), (Rows{"[a, 1.5]"}));
  EXPECT_EQ(h.rows("O2"), (Rows{"[a, null]", "[a, 1.5]"}));
}

TEST(Joins, ATableWithoutAKeyIsScannedInInsertionOrder) {
  AppHarness h("define stream Add (k string, p double); define stream Q (k string);"
               "define table T (k string, p double); from Add insert into T;"
               "from Q join T on T.p > 1.0 select T.k, T.p insert into O;");
  h.send("Add", 1, {S("x"), D(3)});
  h.send("Add", 2, {S("y"), D(0.5)});
  h.send("Add", 3, {S("z"), D(2)});
  h.send("Q", 4, {S("?")});
  EXPECT_EQ(h.rows("O"), (Rows{"[x, 3.0]", "[z, 2.0]"}));
}

TEST(Joins, ANamedWindowSideDoesNotTrigger) {
  AppHarness h("define stream In (k string, p double); define stream Q (k string);"
               "define window W (k string, p double) length(2);"
               "from In insert into W;"
               "from Q join W on Q.k == W.k select Q.k, W.p insert into O;");
  h.send("In", 1, {S("a"), D(1)});
  h.send("Q", 2, {S("a")});
  h.send("In", 3, {S("b"), D(2)});
  h.send("In", 4, {S("c"), D(3)});  // a leaves W
  h.send("Q", 5, {S("a")});
  EXPECT_EQ(h.rows("O"), (Rows{"[a, 1.0]"}));
}

TEST(Joins, WrongJoinsAreRejected) {
  EXPECT_NE(deployErrorOf(kStreams + "from L#window.length(2) unidirectional join R#window.length(2) unidirectional "
                                     "select L.k insert into O;")
                .find("unidirectional"),
            std::string::npos);
  EXPECT_NE(deployErrorOf("define stream L (k string); from L#window.length(2) join L#window.length(2) "
                          "select L.k insert into O;")
                .find("give them aliases"),
            std::string::npos);
}

}  // namespace
}  // namespace cepheus::testing
