// Apps deployed and driven through the public API.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const char* kStock = "define stream S (symbol string, price double, volume long);\n";

TEST(App, FilterAndProjection) {
  AppHarness h(std::string(kStock) + "from S[price > 50.0] select symbol, price * volume as notional insert into Out;");
  h.send("S", 1, {S("IBM"), D(60), L(2)});
  h.send("S", 2, {S("WSO2"), D(40), L(3)});
  h.send("S", 3, {S("ORCL"), N(), L(3)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[IBM, 120.0]"}));
  EXPECT_EQ(h.recorded("Out")[0].timestamp, 1);
}

TEST(App, SelectStarAndOmittedSelectPassEverything) {
  AppHarness h(std::string(kStock) + "from S select * insert into A; from S[volume > 1] insert into B;");
  h.send("S", 1, {S("IBM"), D(1), L(1)});
  h.send("S", 2, {S("X"), D(2), L(2)});
  EXPECT_EQ(h.rows("A"), (Rows{"[IBM, 1.0, 1]", "[X, 2.0, 2]"}));
  EXPECT_EQ(h.rows("B"), (Rows{"[X, 2.0, 2]"}));
  const auto& streams = h.app().streams();
  ASSERT_EQ(streams.size(), 3u);
  EXPECT_EQ(streams[1].name, "A");
  EXPECT_EQ(streams[1].attributes[2].type, Type::Long);
}

TEST(App, QueriesChainThroughInsertInto) {
  AppHarness h(std::string(kStock) +
               "from S select symbol, price * 2 as doubled insert into Mid;"
               "from Mid[doubled > 10.0] select symbol insert into Out;");
  h.send("S", 1, {S("A"), D(4), L(1)});
  h.send("S", 2, {S("B"), D(6), L(1)});
  EXPECT_EQ(h.rows("Mid"), (Rows{"[A, 8.0]", "[B, 12.0]"}));
  EXPECT_EQ(h.rows("Out"), (Rows{"[B]"}));
  EXPECT_EQ(h.app().outputStreams(), (std::vector<std::string>{"Mid", "Out"}));
}

TEST(App, InsertIntoDefinedStreamWithMatchingSchema) {
  AppHarness h(std::string(kStock) + "define stream Out (sym string, total double);"
                                     "from S select symbol as sym, price * volume as total insert into Out;");
  h.send("S", 1, {S("A"), D(2.5), L(4)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 10.0]"}));
}

TEST(App, LengthWindowEmitsExpiredEventsBeforeTheArrival) {
  AppHarness h(std::string(kStock) + "from S#window.length(2) select symbol insert all events into Out;");
  for (int i = 0; i < 4; ++i) h.send("S", i, {S(std::to_string(i).c_str()), D(i), L(i)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[0]", "[1]", "[0]", "[2]", "[1]", "[3]"}));
}

TEST(App, LengthWindowSumOneRowPerArrival) {
  AppHarness h(std::string(kStock) + "from S#window.length(2) select symbol, sum(volume) as total insert into Out;");
  for (int i = 1; i <= 4; ++i) h.send("S", i, {S("X"), D(0), L(i)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[X, 1]", "[X, 3]", "[X, 5]", "[X, 7]"}));
}

TEST(App, GroupByKeepsStatePerGroup) {
  AppHarness h(std::string(kStock) + "from S select symbol, count() as n, avg(price) as ap group by symbol insert into Out;");
  h.send("S", 1, {S("A"), D(1), L(0)});
  h.send("S", 2, {S("B"), D(3), L(0)});
  h.send("S", 3, {S("A"), D(3), L(0)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[A, 1, 1.0]", "[B, 1, 3.0]", "[A, 2, 2.0]"}));
}

TEST(App, EventsSentTogetherBehaveAsIfSentAlone) {
  const std::string app = std::string(kStock) +
                          "from S[price > 1.0] select symbol, sum(volume) as total insert into Out;";
  AppHarness one(app);
  AppHarness batch(app);
  std::vector<std::vector<Value>> rows = {{S("A"), D(2), L(1)}, {S("B"), D(0), L(2)}, {S("C"), D(3), L(3)}};
  std::vector<EventView> views;
  for (size_t i = 0; i < rows.size(); ++i) {
    one.send("S", static_cast<int64_t>(i), rows[i]);
    views.push_back({static_cast<int64_t>(i), rows[i].data()});
  }
  batch.app().input("S").send(std::span<const EventView>(views));
  EXPECT_EQ(batch.rows("Out"), one.rows("Out"));
  EXPECT_EQ(one.rows("Out"), (Rows{"[A, 1]", "[C, 4]"}));
}

TEST(App, EventsSentTogetherStayIndependentThroughChainedQueries) {
  // The first query is stateless and handles the batch in one pass; the aggregating query it
  // feeds must still see one chunk per event.
  const std::string app = std::string(kStock) +
                          "from S select symbol, price * 2 as doubled insert into Mid;"
                          "from Mid select symbol, count() as n insert into Out;";
  AppHarness one(app);
  AppHarness batch(app);
  std::vector<std::vector<Value>> rows = {{S("A"), D(1), L(1)}, {S("B"), D(2), L(2)}, {S("C"), D(3), L(3)}};
  std::vector<EventView> views;
  for (size_t i = 0; i < rows.size(); ++i) {
    one.send("S", static_cast<int64_t>(i), rows[i]);
    views.push_back({static_cast<int64_t>(i), rows[i].data()});
  }
  batch.app().input("S").send(std::span<const EventView>(views));
  EXPECT_EQ(one.rows("Out"), (Rows{"[A, 1]", "[B, 2]", "[C, 3]"}));
  EXPECT_EQ(batch.rows("Out"), one.rows("Out"));
}

TEST(App, PlaybackBatchesKeepTheClockOfEachEvent) {
  // A time window's expiries fire as the clock passes them: sent together or one by one, the
  // clock must move event by event and fire the timers in between.
  const std::string app = "@app:playback " + std::string(kStock) +
                          "from S#window.time(150 milliseconds) select symbol insert all events into Out;";
  AppHarness one(app);
  AppHarness batch(app);
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 6; ++i) rows.push_back({S(std::to_string(i).c_str()), D(i), L(i)});
  std::vector<EventView> views;
  for (size_t i = 0; i < rows.size(); ++i) {
    one.send("S", 100 * static_cast<int64_t>(i), rows[i]);
    views.push_back({100 * static_cast<int64_t>(i), rows[i].data()});
  }
  batch.app().input("S").send(std::span<const EventView>(views));
  // each event expires when the event two later arrives: 6 arrivals, 4 expiries in between
  EXPECT_EQ(one.rows("Out"), (Rows{"[0]", "[1]", "[0]", "[2]", "[1]", "[3]", "[2]", "[4]", "[3]", "[5]"}));
  EXPECT_EQ(batch.rows("Out"), one.rows("Out"));
  ASSERT_EQ(batch.recorded("Out").size(), one.recorded("Out").size());
  for (size_t i = 0; i < one.recorded("Out").size(); ++i)
    EXPECT_EQ(batch.recorded("Out")[i].timestamp, one.recorded("Out")[i].timestamp) << i;
}

TEST(App, WrongEventsAreRejectedWithoutSideEffects) {
  AppHarness h(std::string(kStock) + "from S select symbol insert into Out;");
  auto input = h.app().input("S");
  EXPECT_THROW(input.send(1, {S("A"), D(1)}), InvalidEvent);
  EXPECT_THROW(input.send(1, {S("A"), S("x"), L(1)}), InvalidEvent);
  std::vector<Value> good = {S("A"), D(1), L(1)};
  std::vector<Value> bad = {I(1), D(1), L(1)};
  std::vector<EventView> views = {{1, good.data()}, {2, bad.data()}};
  EXPECT_THROW(input.send(std::span<const EventView>(views)), InvalidEvent);
  EXPECT_TRUE(h.rows("Out").empty());
}

TEST(App, NumbersWidenToTheAttributeType) {
  AppHarness h(std::string(kStock) + "from S select price, volume insert into Out;");
  h.send("S", 1, {S("A"), I(2), I(3)});
  const auto& out = h.recorded("Out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data[0].tag(), Value::Tag::Double);
  EXPECT_EQ(out[0].data[1].tag(), Value::Tag::Long);
}

TEST(App, UnknownStreamsAreReportedByName) {
  AppHarness h(std::string(kStock) + "from S select symbol insert into Out;");
  EXPECT_THROW(h.app().input("Nope"), std::out_of_range);
  EXPECT_THROW(h.app().subscribe("Nope", [](int64_t, std::span<const Value>) {}), std::out_of_range);
}

TEST(App, AppNameComesFromTheAnnotation) {
  AppHarness h("@app:name('Trades') " + std::string(kStock) + "from S select symbol insert into Out;");
  EXPECT_EQ(h.app().name(), "Trades");
  EXPECT_FALSE(h.app().playback());
}

TEST(App, DeployErrorListsEveryProblem) {
  Engine engine;
  try {
    engine.deploy(std::string(kStock) + "from S[prce > 1.0] select symbl insert into Out;");
    FAIL() << "deploy accepted a wrong app";
  } catch (const DeployError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_NE(e.diagnostics()[0].message.find("prce"), std::string::npos);
    EXPECT_NE(e.diagnostics()[1].message.find("symbl"), std::string::npos);
  }
}

}  // namespace
}  // namespace cepheus::testing

namespace cepheus::testing {
namespace {

TEST(App, ReturnDeliversRowsUnderTheQueryName) {
  AppHarness h(std::string(kStock) + "@info(name='big') from S[volume > 1] select symbol return;");
  h.send("S", 1, {S("A"), D(1), L(5)});
  h.send("S", 2, {S("B"), D(1), L(0)});
  EXPECT_EQ(h.rows("big"), (Rows{"[A]"}));
  EXPECT_THROW(h.app().input("big"), std::out_of_range);  // not a stream one sends into
}

TEST(App, ReturnResultsCannotBeReadOrClash) {
  auto firstError = [](const std::string& app) {
    Diagnostics d = Engine::check(std::string(kStock) + app);
    return d.empty() ? std::string() : d[0].message;
  };
  EXPECT_NE(firstError("@info(name='q') from S select symbol return; from q select symbol insert into O;")
                .find("result of a query with 'return'"),
            std::string::npos);
  EXPECT_NE(firstError("@info(name='S') from S select symbol return;").find("already defined"), std::string::npos);
}

}  // namespace
}  // namespace cepheus::testing
