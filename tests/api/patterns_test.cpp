// Patterns (`->`) end to end through the public API, in playback mode: followed-by, every on a
// state, on a group and in the middle, filters over earlier states, within, counting and its
// indices, logical states, and selection over matches like any query.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kStreams =
    "@app:playback\n"
    "define stream A (id string, v int);\n"
    "define stream B (id string, v int);\n"
    "define stream C (id string, v int);\n";

// Sends `id` to `stream` with value `v`, one millisecond after the previous event.
struct Feed {
  AppHarness& h;
  int64_t ts = 1;
  Feed& operator()(const char* stream, const char* id, int v = 0) {
    h.send(stream, ts++, {S(id), I(v)});
    return *this;
  }
};

TEST(Patterns, FollowedBySkipsEventsBetweenAndMatchesOnceWithoutEvery) {
  AppHarness h(kStreams + "from e1=A[v > 0] -> e2=B select e1.id as a, e2.id as b insert into Out;");
  Feed{h}("A", "a0", 0)("C", "c1")("A", "a1", 1)("A", "a2", 2)("C", "c2")("B", "b1")("A", "a3", 3)("B", "b2");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b1]"}));
}

TEST(Patterns, EveryStateStartsAMatchPerEventAndOneEventCompletesThemAllOldestFirst) {
  AppHarness h(kStreams + "from every e1=A -> e2=B select e1.id as a, e2.id as b insert into Out;");
  Feed{h}("A", "a1")("A", "a2")("B", "b1")("B", "b2")("A", "a3")("B", "b3");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b1]", "[a2, b1]", "[a3, b3]"}));
}

TEST(Patterns, AnEventCompletesEarlierMatchesBeforeItStartsOne) {
  // The same stream in both states: an A completes the matches that waited for it, then starts
  // its own, which only a later A can complete.
  AppHarness h(kStreams + "from every e1=A -> e2=A[v > e1.v] select e1.v as first, e2.v as second insert into Out;");
  Feed{h}("A", "x", 1)("A", "y", 2)("A", "z", 3);
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 2]", "[2, 3]"}));
}

TEST(Patterns, EveryGroupRestartsOnlyAfterItCompletes) {
  AppHarness h(kStreams + "from every (e1=A -> e2=B) select e1.id as a, e2.id as b insert into Out;");
  Feed{h}("A", "a1")("A", "a2")("B", "b1")("A", "a3")("B", "b2")("B", "b3");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b1]", "[a3, b2]"}));
}

TEST(Patterns, EveryInTheMiddleRepeatsWhatFollowsForOneStart) {
  AppHarness h(kStreams + "from e1=A -> every e2=B -> e3=C select e1.id as a, e2.id as b, e3.id as c insert into Out;");
  Feed{h}("A", "a1")("B", "b1")("A", "a2")("B", "b2")("C", "c1")("B", "b3")("C", "c2");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b1, c1]", "[a1, b2, c1]", "[a1, b3, c2]"}));
}

TEST(Patterns, WithinIsInclusive) {
  const std::string app = kStreams + "from every e1=A -> e2=B within 1 sec select e1.id as a, e2.id as b insert into Out;";
  AppHarness exactly(app);
  exactly.send("A", 1000, {S("a"), I(0)});
  exactly.send("B", 2000, {S("b"), I(0)});  // exactly 1 s later: still in
  EXPECT_EQ(exactly.rows("Out"), (Rows{"[a, b]"}));
  AppHarness after(app);
  after.send("A", 1000, {S("a"), I(0)});
  after.send("B", 2001, {S("b"), I(0)});
  EXPECT_EQ(after.rows("Out"), Rows{});
}

TEST(Patterns, WithinMeasuresFromTheFirstEventOfTheMatch) {
  AppHarness h(kStreams + "from every e1=A -> e2=B -> e3=C within 1 sec select e1.id as a, e3.id as c insert into Out;");
  h.send("A", 0, {S("a1"), I(0)});
  h.send("B", 900, {S("b1"), I(0)});
  h.send("A", 950, {S("a2"), I(0)});
  h.send("B", 960, {S("b2"), I(0)});
  h.send("C", 1500, {S("c1"), I(0)});  // too late for a1 (1.5 s), in time for a2
  EXPECT_EQ(h.rows("Out"), (Rows{"[a2, c1]"}));
}

TEST(Patterns, AnEveryGroupWhoseMatchExpiresStartsAgain) {
  AppHarness h(kStreams + "from every (e1=A -> e2=B) within 1 sec select e1.id as a, e2.id as b insert into Out;");
  h.send("A", 0, {S("a1"), I(0)});
  h.send("A", 500, {S("a2"), I(0)});    // the group waits for a B: ignored
  h.send("A", 1500, {S("a3"), I(0)});   // a1 expired: the group takes a3
  h.send("B", 1600, {S("b1"), I(0)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[a3, b1]"}));
}

TEST(Patterns, CountingIndexesFromTheFirstAndTheLastCollectedEvent) {
  AppHarness h(kStreams +
               "from e1=A<2:3> -> e2=B select e1[0].v as first, e1[1].v as second, e1[2].v as third, "
               "e1[5].v as none, e1[last].v as last, e1[last-1].v as beforeLast, e1[last-3].v as tooFar, "
               "e2.v as b insert into Out;");
  Feed{h}("A", "a", 1)("A", "a", 2)("A", "a", 3)("A", "a", 4)("B", "b", 9);
  // A fourth A is beyond the maximum: ignored.
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 2, 3, null, 3, 2, null, 9]"}));
}

TEST(Patterns, ACountingStateCompletesOnceItHasItsMinimum) {
  AppHarness h(kStreams + "from e1=A<2:5> -> e2=B select e1[0].v as first, e1[last].v as last, e2.v as b insert into Out;");
  Feed{h}("A", "a", 1)("B", "early", 8)("A", "a", 2)("B", "b", 9);
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 2, 9]"}));
}

TEST(Patterns, ACountingStateKeepsCollectingWhileTheNextStateWaits) {
  AppHarness h(kStreams + "from e1=A<2:> -> e2=B select e1[0].v as first, e1[last].v as last, e2.v as b insert into Out;");
  Feed{h}("A", "a", 1)("A", "a", 2)("A", "a", 3)("A", "a", 4)("B", "b", 9);
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 4, 9]"}));
}

TEST(Patterns, AnUnindexedReferenceToACountingStateSelectsEveryCollectedValue) {
  AppHarness h(kStreams + "from e1=A<2> -> e2=B select e1.v as values, e1.id as ids insert into Out;");
  Feed{h}("A", "x", 1)("A", "y", 2)("B", "b");
  EXPECT_EQ(h.rows("Out"), (Rows{"[[1,2], [\"x\",\"y\"]]"}));
}

TEST(Patterns, AFilterOfACountingStateReadsWhatItCollectedBefore) {
  // e1[last] inside e1's own filter is the last event collected before the one tested.
  AppHarness h(kStreams +
               "from e1=A[e1[last].v is null or v > e1[last].v]<3> -> e2=B "
               "select e1[0].v as a, e1[1].v as b, e1[2].v as c insert into Out;");
  Feed{h}("A", "x", 1)("A", "x", 0)("A", "x", 5)("A", "x", 7)("B", "b");
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 5, 7]"}));
}

TEST(Patterns, CountingWithEveryMatchesEveryTime) {
  // siddhi#1385: `every e1=A<2> -> e2=B<2:>` once matched only once.
  AppHarness h(kStreams + "from every e1=A<2> -> e2=B<2:> select e1[0].id as a, e2[1].id as b insert into Out;");
  Feed{h}("A", "a1")("A", "a2")("B", "b1")("B", "b2")("A", "a3")("A", "a4")("B", "b3")("B", "b4");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b2]", "[a3, b4]"}));
}

TEST(Patterns, ACountRangeEndingThePatternCompletesAtItsMinimum) {
  // siddhi#1405: nothing after the count ends its collection, so <2:> completes at 2, as <2>
  // (the analyzer warns about it).
  AppHarness h(kStreams + "from every e1=A<2:> select e1[0].id as a, e1[last].id as z insert into Out;");
  Feed{h}("A", "1")("A", "2")("A", "3")("A", "4")("A", "5")("A", "6");
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 2]", "[3, 4]", "[5, 6]"}));
}

TEST(Patterns, LogicalAndCompletesInEitherOrder) {
  const std::string query = "select e1.v as a, e2.v as b insert into Out;";
  // As the first state: Siddhi completes it only when A comes first; Cepheus in both orders.
  AppHarness first(kStreams + "from e1=A and e2=B " + query);
  Feed{first}("B", "b", 5)("A", "a", 1)("B", "b", 6);
  EXPECT_EQ(first.rows("Out"), (Rows{"[1, 5]"}));
  AppHarness later(kStreams + "from every e0=C -> e1=A and e2=B " + query);
  Feed{later}("C", "c")("B", "b", 5)("A", "a", 1)("C", "c")("A", "a", 2)("B", "b", 6);
  EXPECT_EQ(later.rows("Out"), (Rows{"[1, 5]", "[2, 6]"}));
}

TEST(Patterns, ALogicalAndKeepsTheFirstEventOfEachSide) {
  AppHarness h(kStreams + "from e1=A and e2=B select e1.v as a, e2.v as b insert into Out;");
  Feed{h}("A", "a", 1)("A", "a", 2)("B", "b", 5)("A", "a", 3)("B", "b", 6);
  EXPECT_EQ(h.rows("Out"), (Rows{"[1, 5]"}));
}

TEST(Patterns, LogicalOrCompletesWithEitherSideTheOtherNull) {
  AppHarness h(kStreams +
               "from every e1=C -> e2=A[id == e1.id] or e3=B[id == e1.id] "
               "select e1.id as id, e2.v as a, e3.v as b, ifThenElse(e2 is null, 'B', 'A') as via insert into Out;");
  Feed{h}("C", "x")("C", "y")("B", "y", 2)("A", "x", 1)("A", "y", 3);
  EXPECT_EQ(h.rows("Out"), (Rows{"[y, null, 2, B]", "[x, 1, null, A]"}));
}

TEST(Patterns, NotAndCompletesOnlyWithoutTheAbsentEventFirst) {
  AppHarness h(kStreams + "from every e1=C -> not A[id == e1.id] and e2=B[id == e1.id] select e1.id as id insert into Out;");
  Feed{h}("C", "x")("B", "x")("C", "y")("A", "y")("B", "y");
  EXPECT_EQ(h.rows("Out"), (Rows{"[x]"}));
}

TEST(Patterns, SelectStarHasEveryStatesAttributesInOrder) {
  AppHarness h("@app:playback define stream A (a string, x int); define stream B (b string, y int);\n"
               "from e1=A -> e2=B select * insert into Out;");
  h.send("A", 1, {S("first"), I(1)});
  h.send("B", 2, {S("second"), I(2)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[first, 1, second, 2]"}));
}

TEST(Patterns, AggregatesGroupByAndHavingApplyToMatchesOneAtATime) {
  AppHarness h(kStreams +
               "from every e1=A -> e2=B[id == e1.id] "
               "select e1.id as id, count() as n, sum(e2.v - e1.v) as total group by e1.id having n > 1 "
               "insert into Out;");
  Feed{h}("A", "x", 1)("A", "y", 1)("B", "x", 5)("A", "x", 2)("B", "y", 3)("B", "x", 10);
  EXPECT_EQ(h.rows("Out"), (Rows{"[x, 2, 12]"}));
}

TEST(Patterns, OutputRateLimitsApplyToMatches) {
  AppHarness h(kStreams + "from every e1=A -> e2=B select e1.id as a, e2.id as b output last every 2 events insert into Out;");
  Feed{h}("A", "a1")("A", "a2")("A", "a3")("B", "b1");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a2, b1]"}));
}

TEST(Patterns, AReturningPatternGivesItsMatchesToTheQuerysSubscribers) {
  AppHarness h(kStreams + "@info(name='pairs') from every e1=A -> e2=B select e1.id as a, e2.id as b return;");
  Feed{h}("A", "a1")("B", "b1");
  EXPECT_EQ(h.rows("pairs"), (Rows{"[a1, b1]"}));
}

TEST(Patterns, MatchesFeedOtherQueries) {
  AppHarness h(kStreams +
               "from every e1=A -> e2=B select e1.id as a, e2.v as v insert into Pairs;\n"
               "from Pairs[v > 1] select a insert into Out;");
  Feed{h}("A", "a1")("B", "b1", 1)("A", "a2")("B", "b2", 2);
  EXPECT_EQ(h.rows("Out"), (Rows{"[a2]"}));
}

TEST(Patterns, AnEventThatFailsItsFilterGoesToTheFaultStream) {
  AppHarness h("@app:playback\n@OnError(action='STREAM') define stream A (id string, o object);\n"
               "define stream B (id string);\n"
               "from every e1=A[sizeOfSet(o) > 0] -> e2=B select e1.id as a insert into Out;\n"
               "from !A select id, _error insert into Faults;");
  h.send("A", 1, {S("bad"), S("not a set")});
  EXPECT_EQ(h.rows("Out"), Rows{});
  ASSERT_EQ(h.rows("Faults").size(), 1u);
  EXPECT_EQ(h.rows("Faults")[0].rfind("[bad, ", 0), 0u) << h.rows("Faults")[0];
}

}  // namespace
}  // namespace cepheus::testing
