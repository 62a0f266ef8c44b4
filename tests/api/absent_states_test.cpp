// Absent states (`not S[f] for t`) in every position: after an event, first, in the middle,
// with `and` / `or` beside a present or another absent state, under `every`. Each scenario runs
// on both clocks and must give the same rows: in playback the timers fire when an event (here
// one of a stream the pattern does not read) moves the clock past them, before that event; on a
// manual wall clock they fire as the clock moves, with no event at all.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kStreams =
    "define stream A (id string, v int);\n"
    "define stream B (id string, v int);\n"
    "define stream C (id string, v int);\n"
    "define stream Tick (n int);\n";

struct Event {
  const char* stream;
  int64_t at;  // ms after the app started
  const char* id;
  int v = 0;
};

Rows inPlayback(const std::string& query, const std::vector<Event>& events, int64_t end) {
  AppHarness h("@app:playback\n" + kStreams + query);
  for (const Event& e : events) h.send(e.stream, e.at, {S(e.id), I(e.v)});
  h.send("Tick", end, {I(0)});  // moves the clock to the end
  return h.rows("Out");
}

Rows onTheWallClock(const std::string& query, const std::vector<Event>& events, int64_t end) {
  AppHarness h(kStreams + query, AppHarness::manualClock(0));
  int64_t now = 0;
  for (const Event& e : events) {
    h.advance(e.at - now);
    now = e.at;
    h.send(e.stream, e.at, {S(e.id), I(e.v)});
  }
  h.advance(end - now);
  return h.rows("Out");
}

void expectOnBothClocks(const std::string& query, const std::vector<Event>& events, int64_t end, const Rows& rows) {
  EXPECT_EQ(inPlayback(query, events, end), rows) << "in playback: " << query;
  EXPECT_EQ(onTheWallClock(query, events, end), rows) << "on the wall clock: " << query;
}

TEST(AbsentStates, AfterAnEventFiresWhenTheTimePassesWithoutAMatchingEvent) {
  const std::string q = "from e1=A -> not B[v > e1.v] for 1 sec select e1.id as a insert into Out;";
  expectOnBothClocks(q, {{"A", 100, "a", 5}, {"B", 500, "low", 1}}, 3000, {"[a]"});
  expectOnBothClocks(q, {{"A", 100, "a", 5}, {"B", 500, "high", 9}}, 3000, {});
  expectOnBothClocks(q, {{"A", 100, "a", 5}}, 1099, {});  // not yet
  // Exactly at the time it is due.
  expectOnBothClocks(q, {{"A", 100, "a", 5}}, 1100, {"[a]"});
}

TEST(AbsentStates, FirstStateNeedsAPeriodWithoutTheEventFromTheStartOfTheApp) {
  const std::string q = "from not A for 1 sec -> e2=B select e2.id as b insert into Out;";
  expectOnBothClocks(q, {{"B", 500, "early"}, {"B", 1500, "late"}, {"B", 1600, "later"}}, 2000, {"[late]"});
  // An A restarts the period.
  expectOnBothClocks(q, {{"A", 800, "a"}, {"B", 1500, "b1"}, {"B", 1900, "b2"}}, 2000, {"[b2]"});
}

TEST(AbsentStates, InTheMiddleTheNextStateWaitsForThePeriodToPass) {
  const std::string q = "from e1=A -> not B for 1 sec -> e3=C select e1.id as a, e3.id as c insert into Out;";
  expectOnBothClocks(q, {{"A", 0, "a"}, {"C", 500, "c1"}, {"C", 1500, "c2"}}, 2000, {"[a, c2]"});
  expectOnBothClocks(q, {{"A", 0, "a"}, {"B", 500, "b"}, {"C", 1500, "c"}}, 2000, {});
}

TEST(AbsentStates, AndAPresentStateNeedsBothTheEventAndThePeriod) {
  const std::string q = "from e1=A -> not B for 1 sec and e3=C select e1.id as a, e3.id as c insert into Out;";
  expectOnBothClocks(q, {{"A", 0, "a"}, {"C", 300, "c"}}, 2000, {"[a, c]"});
  expectOnBothClocks(q, {{"A", 0, "a"}, {"C", 300, "c"}, {"B", 500, "b"}}, 2000, {});
}

TEST(AbsentStates, OrAPresentStateCompletesWithWhicheverComesFirst) {
  const std::string q = "from every e1=A -> not B for 1 sec or e3=C select e1.id as a, e3.id as c insert into Out;";
  expectOnBothClocks(q, {{"A", 0, "a1"}, {"A", 2000, "a2"}, {"C", 2300, "c"}}, 5000, {"[a1, null]", "[a2, c]"});
}

TEST(AbsentStates, TwoAbsentStatesTogether) {
  const std::string both = "from e1=A -> not B for 1 sec and not C for 1 sec select e1.id as a insert into Out;";
  expectOnBothClocks(both, {{"A", 0, "a"}}, 2000, {"[a]"});
  expectOnBothClocks(both, {{"A", 0, "a"}, {"C", 400, "c"}}, 2000, {});
  const std::string either = "from e1=A -> not B for 1 sec or not C for 2 sec select e1.id as a insert into Out;";
  expectOnBothClocks(either, {{"A", 0, "a"}, {"B", 400, "b"}}, 3000, {"[a]"});
}

TEST(AbsentStates, EveryRepeatsThePeriodAndAnEventRestartsIt) {
  const std::string q = "from every not A for 1 sec select 'quiet' as state insert into Out;";
  // Periods end at 1000 and 2000; the A at 2500 restarts the period, which ends at 3500.
  expectOnBothClocks(q, {{"A", 2500, "a"}}, 3900, {"[quiet]", "[quiet]", "[quiet]"});
}

TEST(AbsentStates, WithinBoundsAMatchWaitingForAPeriod) {
  const std::string q = "from every e1=A -> e2=B -> not C for 2 sec within 2400 millisec "
                        "select e1.id as a, e2.id as b insert into Out;";
  // a1: b1 at 200, the period ends at 2200 (inside 2.4 s). a2: b2 at 1500, it would end at 3500.
  expectOnBothClocks(q, {{"A", 0, "a1"}, {"B", 200, "b1"}, {"A", 1000, "a2"}, {"B", 1500, "b2"}}, 5000, {"[a1, b1]"});
}

TEST(AbsentStates, APlaybackGapFiresEveryPeriodThatPassedInTimeOrder) {
  // Siddhi restarts a period when its timer fires more than a period late, so in playback an
  // event long after the last misses periods that did pass (siddhi#937).
  const std::string q = "from every (not A for 1 sec and not B for 1 sec) -> e3=C select e3.id as c insert into Out;";
  EXPECT_EQ(inPlayback(q, {{"C", 2100, "c"}}, 2200), (Rows{"[c]", "[c]"}));
}

TEST(AbsentStates, InPlaybackAHeartbeatFiresThemWithoutAnotherEvent) {
  // @app:playback(idle.time, increment): the wall clock (manual here) idles, the playback clock
  // moves on by the increment, and the absent state fires at the beat that passes its time.
  AppHarness h("@app:playback(idle.time='100 millisecond', increment='500 millisecond')\n" + kStreams +
                   "from every e1=A -> not B[id == e1.id] for 1 sec select e1.id as a insert into Out;",
               AppHarness::manualClock(0));
  h.send("A", 1000, {S("ann"), I(0)});
  h.send("A", 1000, {S("bob"), I(0)});
  h.send("B", 1200, {S("bob"), I(0)});
  h.advance(100);  // playback clock 1700
  EXPECT_TRUE(h.rows("Out").empty());
  h.advance(100);  // 2200: ann's second has passed without her B
  EXPECT_EQ(h.rows("Out"), (Rows{"[ann]"}));
  EXPECT_EQ(h.recorded("Out")[0].timestamp, 2000) << "fired as of its due time, not the beat's";
  h.advance(1000);  // ten more beats: bob's B came in time, nothing else fires
  EXPECT_EQ(h.rows("Out"), (Rows{"[ann]"}));
}

TEST(AbsentStates, InPlaybackWithoutAHeartbeatTheyWaitForTheNextEvent) {
  AppHarness h("@app:playback\n" + kStreams + "from e1=A -> not B for 1 sec select e1.id as a insert into Out;",
               AppHarness::manualClock(0));
  h.send("A", 1000, {S("ann"), I(0)});
  h.advance(60'000);
  EXPECT_TRUE(h.rows("Out").empty());
  h.send("Tick", 2000, {I(0)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[ann]"}));
}

}  // namespace
}  // namespace cepheus::testing
