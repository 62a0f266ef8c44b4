// The extensions' aggregates in snapshots: an app saved after any event and restored into a
// fresh app goes on with exactly the rows of a run that never stopped, mid-window, mid-batch and
// per group; the restored state saves to the same bytes; an edited parameter starts fresh.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

struct Event {
  int64_t ts;
  std::vector<Value> data;
};

Rows allRows(AppHarness& h) {
  Rows rows;
  for (const char* stream : {"A", "B", "C"})
    for (auto& row : h.rows(stream)) rows.push_back(std::string(stream) + row);
  return rows;
}

// Saves after each of 0..n events, restores into a fresh app and sends the rest: the rows of
// both halves are the rows of the whole run.
void expectEverySplitGoesOn(const std::string& app, const std::vector<Event>& events) {
  AppHarness whole(app);
  for (const auto& e : events) whole.send("S", e.ts, e.data);
  const Rows want = allRows(whole);
  ASSERT_FALSE(want.empty());
  for (size_t k = 0; k <= events.size(); ++k) {
    AppHarness first(app);
    for (size_t i = 0; i < k; ++i) first.send("S", events[i].ts, events[i].data);
    std::vector<uint8_t> saved = first.app().snapshot();
    AppHarness second(app);
    RestoreReport report = second.app().restore(saved);
    EXPECT_TRUE(report.fresh.empty()) << "split " << k;
    EXPECT_EQ(second.app().snapshot(), saved) << "split " << k << ": the restored state saves differently";
    for (size_t i = k; i < events.size(); ++i) second.send("S", events[i].ts, events[i].data);
    // Each stream's rows: the first run's, then the second's.
    Rows got;
    for (const char* stream : {"A", "B", "C"}) {
      for (auto& row : first.rows(stream)) got.push_back(std::string(stream) + row);
      for (auto& row : second.rows(stream)) got.push_back(std::string(stream) + row);
    }
    EXPECT_EQ(got, want) << "split after " << k << " events";
  }
}

std::vector<Event> keyed(std::initializer_list<std::pair<const char*, const char*>> events) {
  std::vector<Event> out;
  int64_t ts = 1000;
  for (auto [k, g] : events) out.push_back({ts += 400, {k ? S(k) : N(), S(g)}});
  return out;
}

TEST(ExtensionAggregateSnapshots, GroupConcat) {
  const std::string app =
      "@app:name('snap') @app:playback define stream S (k string, g string);\n"
      "from S#window.length(3) select g, str:groupConcat(k) as a, str:groupConcat(k, '-', true, 'DESC') as b, "
      "str:groupConcat(k, '+', false, 'ASC') as c group by g insert into A;\n"
      "from S#window.lengthBatch(3) select str:groupConcat(k, '|', true) as a insert into B;\n"
      "from S#window.time(1 sec) select str:groupConcat(k, ' ') as a insert all events into C;";
  expectEverySplitGoesOn(app, keyed({{"b", "x"}, {"a", "x"}, {"b", "y"}, {nullptr, "x"}, {"c", "x"}, {"a", "y"},
                                     {"b", "x"}, {"b", "x"}, {"d", "y"}, {"a", "x"}}));
}

TEST(ExtensionAggregateSnapshots, Percentile) {
  const std::string app =
      "@app:name('snap') @app:playback define stream S (v double, n int, g string);\n"
      "from S#window.length(4) select g, math:percentile(v, 50.0) as a, math:percentile(n, 97.0) as b group by g "
      "insert into A;\n"
      "from S#window.lengthBatch(3) select math:percentile(v, 25.0) as a insert into B;\n"
      "from S#window.expression('math:percentile(v, 100.0) - math:percentile(v, 0.1) <= 10.0') "
      "select math:percentile(n, 75.0) as a, count() as c insert into C;";
  std::vector<Event> events;
  int64_t ts = 1000;
  for (double v : {5.0, 1.0, 9.0, -3.0, 12.0, 12.0, 0.5, 7.0, 20.0, 4.0, 4.0})
    events.push_back({ts += 300, {D(v), I(static_cast<int32_t>(v * 3)), S(v > 4 ? "x" : "y")}});
  events.push_back({ts += 300, {N(), N(), S("x")}});
  expectEverySplitGoesOn(app, events);
}

TEST(ExtensionAggregateSnapshots, JsonGroup) {
  const std::string app =
      "@app:name('snap') @app:playback define stream S (j string, g string);\n"
      "from S#window.length(3) select g, json:group(j) as a, json:group(j, 'r', true) as b group by g insert into A;\n"
      "from S#window.lengthBatch(2) select json:groupAsObject(j, true) as a insert into B;\n"
      "from S#window.time(1 sec) select json:groupAsObject(j, 'all') as a insert all events into C;";
  expectEverySplitGoesOn(app, keyed({{"{'a':1}", "x"},
                                     {nullptr, "x"},
                                     {"{\"b\":2,\"a\":1}", "y"},
                                     {"{\"a\":1,\"b\":2}", "x"},
                                     {"{'s':'x/y'}", "x"},
                                     {"{'a':1}", "y"},
                                     {nullptr, "y"},
                                     {"{'z':[1,{'q':null}]}", "x"}}));
}

TEST(ExtensionAggregateSnapshots, AChangedParameterStartsFresh) {
  const std::string before = "@app:name('snap') @app:playback define stream S (k string, g string);\n"
                             "@info(name='q') from S select str:groupConcat(k, '-') as a insert into A;";
  const std::string after = "@app:name('snap') @app:playback define stream S (k string, g string);\n"
                            "@info(name='q') from S select str:groupConcat(k, '+') as a insert into A;";
  AppHarness original(before);
  original.send("S", 1, {S("x"), S("g")});
  AppHarness edited(after);
  RestoreReport report = edited.app().restore(original.app().snapshot());
  EXPECT_EQ(report.fresh, (Rows{"query 'q'"}));
  edited.send("S", 2, {S("y"), S("g")});
  EXPECT_EQ(edited.rows("A"), (Rows{"[y]"}));

  // The same parameters keep the state.
  AppHarness same(before);
  EXPECT_TRUE(same.app().restore(original.app().snapshot()).fresh.empty());
  same.send("S", 2, {S("y"), S("g")});
  EXPECT_EQ(same.rows("A"), (Rows{"[x-y]"}));
}

}  // namespace
}  // namespace cepheus::testing
