// Partitions: each key's own state (windows, aggregates, inner streams), value and range keys,
// streams read without being divided, @purge, snapshots of many keys, and the errors.
#include <gtest/gtest.h>

#include <map>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kTrades = "@app:playback define stream S (symbol string, price double, volume int);";

void trade(AppHarness& h, int64_t ts, const char* symbol, double price, int volume = 1) {
  h.send("S", ts, {S(symbol), D(price), I(volume)});
}

TEST(Partitions, EachKeyHasItsOwnWindowAndAggregate) {
  AppHarness h(kTrades + "partition with (symbol of S) begin "
                         "from S#window.length(2) select symbol, sum(price) as total insert into Out; end;");
  trade(h, 1, "A", 1);
  trade(h, 2, "B", 10);
  trade(h, 3, "A", 2);
  trade(h, 4, "A", 3);  // A's window: 2, 3
  trade(h, 5, "B", 20);
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1.0]", "[B, 10.0]", "[A, 3.0]", "[A, 5.0]", "[B, 30.0]"}));
}

TEST(Partitions, InnerStreamsStayInsideTheirKey) {
  AppHarness h(kTrades + "partition with (symbol of S) begin "
                         "from S select symbol, price insert into #Inner; "
                         "from #Inner#window.lengthBatch(2) select symbol, sum(price) as total insert into Out; end;");
  trade(h, 1, "A", 1);
  trade(h, 2, "B", 10);
  trade(h, 3, "A", 2);
  trade(h, 4, "B", 20);
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 3.0]", "[B, 30.0]"}));
  // Inner streams are not the app's: nobody outside can subscribe to them.
  EXPECT_EQ(h.app().outputStreams(), (Rows{"Out"}));
}

TEST(Partitions, OutputIsAnOrdinaryStreamOutside) {
  AppHarness h(kTrades + "partition with (symbol of S) begin from S select symbol, count() as n insert into Counts; end;"
                         "from Counts[n >= 2] select symbol insert into Out;");
  trade(h, 1, "A", 1);
  trade(h, 2, "B", 1);
  trade(h, 3, "A", 1);
  EXPECT_EQ(h.rows("Out"), (Rows{"[A]"}));
}

TEST(Partitions, RangesSendAnEventToEveryRangeItMeets) {
  AppHarness h(kTrades + "partition with (price < 10.0 as 'low' or price >= 5.0 as 'mid' or price >= 100.0 as 'high' of S) "
                         "begin from S select symbol, count() as n insert into Out; end;");
  trade(h, 1, "A", 1);   // low
  trade(h, 2, "B", 7);   // low and mid
  trade(h, 3, "C", 50);  // mid
  trade(h, 4, "D", -1);  // low
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1]", "[B, 2]", "[B, 1]", "[C, 2]", "[D, 3]"}));
}

TEST(Partitions, AnEventMeetingNoRangeIsDropped) {
  AppHarness h(kTrades + "partition with (price < 10.0 as 'low' of S) begin from S select symbol insert into Out; end;");
  trade(h, 1, "A", 50);
  trade(h, 2, "B", 5);
  EXPECT_EQ(h.rows("Out"), (Rows{"[B]"}));
}

TEST(Partitions, ANullKeyIsDropped) {
  AppHarness h("@app:playback define stream S (card string, amount double);"
               "partition with (card of S) begin from S select card, count() as n insert into Out; end;");
  h.send("S", 1, {N(), D(1)});
  h.send("S", 2, {S("c1"), D(1)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[c1, 1]"}));
}

TEST(Partitions, AStreamReadButNotDividedGoesToEveryLiveKey) {
  AppHarness h(kTrades + "define stream Tick (n int);"
                         "partition with (symbol of S) begin "
                         "from S select symbol, price insert into #Last; "
                         "from Tick select n insert into Out; end;");
  h.send("Tick", 1, {I(0)});  // no key yet: goes nowhere
  trade(h, 2, "B", 1);
  trade(h, 3, "A", 1);
  trade(h, 4, "B", 2);
  h.send("Tick", 5, {I(1)});  // to B, then A: the order the keys came
  EXPECT_EQ(h.rows("Out"), (Rows{"[1]", "[1]"}));
}

TEST(Partitions, KeysOfDifferentTypesMeetAsText) {
  // Siddhi's keys are strings: 7 of an int stream and '7' of a string stream are one key.
  AppHarness h("@app:playback define stream A (id int); define stream B (code string); define stream Tick (n int);"
               "partition with (id of A, code of B) begin "
               "from A select id insert into #Seen; from B select code insert into #Heard; "
               "from Tick select n insert into Out; end;");
  h.send("A", 1, {I(7)});
  h.send("B", 2, {S("7")});
  h.send("B", 3, {S("8")});
  h.send("Tick", 4, {I(1)});  // keys 7 and 8
  EXPECT_EQ(h.rows("Out").size(), 2u);
}

TEST(Partitions, GroupByGroupsWithinEachKey) {
  AppHarness h("@app:playback define stream T (region string, item string, qty int);"
               "partition with (region of T) begin "
               "from T select region, item, sum(qty) as total group by item insert into Out; end;");
  h.send("T", 1, {S("eu"), S("x"), I(1)});
  h.send("T", 2, {S("us"), S("x"), I(5)});
  h.send("T", 3, {S("eu"), S("x"), I(2)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[eu, x, 1]", "[us, x, 5]", "[eu, x, 3]"}));
}

TEST(Partitions, ABatchOfManyKeysGivesEachItsEventsInOrder) {
  AppHarness h(kTrades + "partition with (symbol of S) begin "
                         "from S select symbol, sum(volume) as v insert into Out; end;");
  std::vector<std::vector<Value>> rows;
  const char* symbols[] = {"A", "A", "B", "A", "C", "B"};
  for (int i = 0; i < 6; ++i) rows.push_back({S(symbols[i]), D(1), I(i + 1)});
  std::vector<EventView> batch;
  for (auto& r : rows) batch.push_back({1, r.data()});
  h.app().input("S").send(std::span<const EventView>(batch));
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1]", "[A, 3]", "[B, 3]", "[A, 7]", "[C, 5]", "[B, 9]"}));
}

const std::string kPurged = kTrades +
                            "@purge(enable='true', interval='1 sec', idle.period='2 sec') "
                            "partition with (symbol of S) begin from S select symbol, count() as n insert into Out; end;";

TEST(Partitions, PurgeForgetsAKeyIdleForLongerThanTheIdlePeriod) {
  AppHarness h(kPurged);
  trade(h, 0, "A", 1);
  trade(h, 1500, "B", 1);
  trade(h, 1900, "A", 1);  // A used again: kept
  trade(h, 4500, "B", 1);  // B idle since 1500: dropped by the sweep at 4000, fresh now
  trade(h, 4600, "A", 1);  // A idle since 1900: dropped at 4000 too
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1]", "[B, 1]", "[A, 2]", "[B, 1]", "[A, 1]"}));
}

TEST(Partitions, PurgeRunsBetweenTheEventsOfABatch) {
  AppHarness h("@app:playback define stream S (card string, amount double);"
               "@purge(enable='true', interval='1 sec', idle.period='1 sec') "
               "partition with (card of S) begin from S select card, count() as n insert into Out; end;");
  h.send("S", 0, {S("a"), D(1)});
  // One call: the sweep due at 2000 drops a (idle since 0) before a's event at 2600.
  std::vector<std::vector<Value>> rows = {{S("b"), D(1)}, {S("b"), D(1)}, {S("a"), D(1)}};
  std::vector<EventView> batch = {{1500, rows[0].data()}, {2500, rows[1].data()}, {2600, rows[2].data()}};
  h.app().input("S").send(std::span<const EventView>(batch));
  EXPECT_EQ(h.rows("Out"), (Rows{"[a, 1]", "[b, 1]", "[b, 2]", "[a, 1]"}));
}

TEST(Partitions, WithoutPurgeKeysAreKept) {
  AppHarness h(kTrades + "partition with (symbol of S) begin from S select symbol, count() as n insert into Out; end;");
  trade(h, 0, "A", 1);
  trade(h, 1'000'000, "A", 1);
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1]", "[A, 2]"}));
}

TEST(Partitions, PurgeWaitsForAKeysPendingTimers) {
  // A's window expires its event at 10 000: until then the key is kept, though idle.
  AppHarness h(kTrades + "@purge(enable='true', interval='1 sec', idle.period='2 sec') "
                         "partition with (symbol of S) begin "
                         "from S#window.time(10 sec) select symbol, count() as n insert all events into Out; end;");
  trade(h, 0, "A", 1);
  trade(h, 9000, "A", 1);  // A's first event still in its window: count 2
  trade(h, 30'000, "A", 1);  // both expire in one chunk as the clock jumps, then the key is dropped
  // Had the idle key been dropped at 3 000, the event at 9 000 would have counted 1.
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1]", "[A, 2]", "[A, 0]", "[A, 1]"}));
}

TEST(Partitions, PurgeRunsOnTheWallClockToo) {
  AppHarness h("define stream S (symbol string, price double, volume int);"
               "@purge(enable='true', interval='1 sec', idle.period='2 sec') "
               "partition with (symbol of S) begin from S select symbol, count() as n insert into Out; end;",
               AppHarness::manualClock(0));
  trade(h, 0, "A", 1);
  trade(h, 0, "A", 1);
  for (int i = 0; i < 4; ++i) h.advance(1000);  // sweeps at 1, 2, 3 s: A (last at 0) goes at 3 s
  trade(h, 0, "A", 1);
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1]", "[A, 2]", "[A, 1]"}));
}

TEST(Partitions, SnapshotsHoldEveryLiveKey) {
  const std::string app = kTrades + "partition with (symbol of S) begin "
                                    "from S#window.length(3) select symbol, sum(volume) as v insert into Out; end;";
  auto feed = [](AppHarness& h, int from, int to) {
    for (int i = from; i < to; ++i) {
      std::string symbol = "k" + std::to_string(i * 7919 % 1000);
      h.send("S", i, {S(symbol.c_str()), D(1), I(i)});
    }
  };
  AppHarness whole(app);
  feed(whole, 0, 6000);
  AppHarness first(app);
  feed(first, 0, 2500);
  AppHarness second(app);
  RestoreReport report = second.app().restore(first.app().snapshot());
  EXPECT_EQ(report.restored, (Rows{"partition of query 'query1' (line 1)"}));
  feed(second, 2500, 6000);
  Rows expected = whole.rows("Out");
  expected.erase(expected.begin(), expected.begin() + 2500);
  EXPECT_EQ(second.rows("Out"), expected);
}

TEST(Partitions, ASnapshotKeepsPurgeTimersAndBroadcastOrder) {
  const std::string app = kTrades + "define stream Tick (n int);"
                                    "@purge(enable='true', interval='1 sec', idle.period='2 sec') "
                                    "partition with (symbol of S) begin "
                                    "from S select symbol, count() as n insert into Counts; "
                                    "from Tick select n, count() as seen insert into Out; end;";
  AppHarness first(app);
  trade(first, 0, "B", 1);
  first.send("Tick", 50, {I(1)});  // only B sees it
  trade(first, 100, "A", 1);
  first.send("Tick", 200, {I(1)});
  AppHarness second(app);
  second.app().restore(first.app().snapshot());
  second.send("Tick", 300, {I(2)});  // B first (its third tick), then A (its second)
  trade(second, 5000, "A", 1);       // both purged meanwhile: A is fresh
  EXPECT_EQ(second.rows("Out"), (Rows{"[2, 3]", "[2, 2]"}));
  EXPECT_EQ(second.rows("Counts"), (Rows{"[A, 1]"}));
}

TEST(Partitions, Errors) {
  const std::string streams = "define stream S (symbol string, price double, tags object); define stream T (x int);";
  auto error = [&](const std::string& text) { return deployErrorOf(streams + text); };
  EXPECT_EQ(error("partition with (symbol of Q) begin from S select symbol insert into Out; end;"),
            "1:101: unknown stream 'Q' in partition key");
  EXPECT_EQ(error("partition with (symbol of S, price of S) begin from S select symbol insert into Out; end;"),
            "1:114: stream 'S' is divided twice in this partition: give each stream one key");
  EXPECT_EQ(error("partition with (tags of S) begin from S select symbol insert into Out; end;"),
            "1:101: the partition key 'tags' is an object: a key must be a string, number or bool");
  EXPECT_EQ(error("partition with (symbl of S) begin from S select symbol insert into Out; end;"),
            "1:101: unknown attribute 'symbl' in the partition key (did you mean 'symbol'?)");
  EXPECT_EQ(error("partition with (price as 'a' of S) begin from S select symbol insert into Out; end;"),
            "1:101: a partition range condition must be bool, but 'price' is double");
  EXPECT_EQ(error("partition with (price < 1.0 as 'a' or price > 5.0 as 'a' of S) begin from S select symbol "
                  "insert into Out; end;"),
            "1:123: the range label 'a' is used twice for stream 'S'");
  EXPECT_EQ(error("partition with (symbol of S) begin from #Inner select symbol insert into Out; end;"),
            "1:125: unknown inner stream '#Inner': no earlier query of this partition inserts into it");
  EXPECT_EQ(error("partition with (symbol of S) begin from S select symbol insert into #Inner; end; "
                  "from #Inner select symbol insert into Out;"),
            "1:171: inner stream '#Inner' can only be used inside a partition");
  EXPECT_EQ(error("partition with (symbol of S) begin from S select symbol insert into #Inner; "
                  "from S select price insert into #Inner; end;"),
            "1:181: the query selects (price double) but inner stream '#Inner' has (symbol string): names and "
            "types must match");
  EXPECT_EQ(error("@purge(enable='yes', idle.period='1 sec') partition with (symbol of S) begin from S select symbol "
                  "insert into Out; end;"),
            "1:92: @purge enable must be 'true' or 'false', but is 'yes'");
  EXPECT_EQ(error("@purge(enable='true') partition with (symbol of S) begin from S select symbol insert into Out; end;"),
            "1:85: @purge needs idle.period: how long a key may go without events before it is dropped");
  EXPECT_EQ(error("@purge(enable='true', idle.period='soon') partition with (symbol of S) begin from S select symbol "
                  "insert into Out; end;"),
            "1:107: @purge idle.period must be a time greater than zero such as '1 sec' or '15 min', but is 'soon'");
}

}  // namespace
}  // namespace cepheus::testing

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

TEST(PartitionedPatterns, EachKeyMatchesOnlyItsOwnEvents) {
  AppHarness h("@app:playback define stream T (card string, amount double);"
               "partition with (card of T) begin "
               "from every e1=T[amount < 10.0] -> e2=T[amount > 100.0] within 1 sec "
               "select e1.card, e1.amount as small, e2.amount as large insert into Alerts; end;");
  h.send("T", 0, {S("a"), D(5)});
  h.send("T", 10, {S("b"), D(500)});  // b had no small one: nothing, and not a's
  h.send("T", 20, {S("b"), D(1)});
  h.send("T", 30, {S("a"), D(200)});
  h.send("T", 2000, {S("b"), D(300)});  // b's small one is over a second old
  EXPECT_EQ(h.rows("Alerts"), (Rows{"[a, 5.0, 200.0]"}));
}

TEST(PartitionedPatterns, AnAbsentStateCountsFromTheKeysFirstEvent) {
  // `not Confirm for 1 sec` after a login, per user: a user whose confirmation is late alerts
  // at the deadline, each user on their own clock.
  AppHarness h("@app:playback define stream Login (user string); define stream Confirm (user string);"
               "partition with (user of Login, user of Confirm) begin "
               "from e1=Login -> not Confirm for 1 sec select e1.user insert into Unconfirmed; end;");
  h.send("Login", 0, {S("u1")});
  h.send("Login", 500, {S("u2")});
  h.send("Confirm", 900, {S("u1")});  // u1 in time
  h.send("Login", 3000, {S("u3")});   // moves the clock past u2's deadline
  EXPECT_EQ(h.rows("Unconfirmed"), (Rows{"[u2]"}));
}

TEST(PartitionedPatterns, SnapshotsKeepEachKeysPartialMatches) {
  const std::string app = "@app:playback define stream T (card string, amount double);"
                          "partition with (card of T) begin "
                          "from every e1=T[amount < 10.0] -> e2=T[amount > 100.0] "
                          "select e1.card, e1.amount as small, e2.amount as large insert into Alerts; end;";
  AppHarness first(app), second(app);
  first.send("T", 0, {S("a"), D(5)});
  first.send("T", 1, {S("b"), D(6)});
  second.app().restore(first.app().snapshot());
  second.send("T", 2, {S("b"), D(700)});
  second.send("T", 3, {S("a"), D(800)});
  EXPECT_EQ(second.rows("Alerts"), (Rows{"[b, 6.0, 700.0]", "[a, 5.0, 800.0]"}));
}

TEST(PartitionedPatterns, RunInParallelWithTheSequentialRowsPerKey) {
  const std::string app = "define stream T (card string, amount double);"
                          "partition with (card of T) begin "
                          "from every e1=T[amount < 30.0] -> e2=T[amount > 70.0 and amount > e1.amount] within 50 milliseconds "
                          "select e1.card, e1.amount as small, e2.amount as large insert into Alerts; end;";
  AppHarness sequential("@app:playback " + app), sharded("@app:playback @app:workers('3') " + app);
  uint64_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    std::vector<Value> row = {Value::ofString("c" + std::to_string(x % 97)), D(static_cast<double>(x % 100))};
    sequential.send("T", i, row);
    sharded.send("T", i, row);
  }
  sharded.app().drain();
  auto perKey = [](AppHarness& h) {
    std::map<std::string, Rows> out;
    for (const auto& r : h.recorded("Alerts"))
      out[r.data[0].toString()].push_back(std::to_string(r.timestamp) + " " + r.data[1].toString() + " " + r.data[2].toString());
    return out;
  };
  ASSERT_GT(sequential.recorded("Alerts").size(), 100u);
  EXPECT_EQ(sharded.recorded("Alerts").size(), sequential.recorded("Alerts").size());
  EXPECT_EQ(perKey(sharded), perKey(sequential));
}

}  // namespace
}  // namespace cepheus::testing
