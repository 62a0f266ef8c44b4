// `define aggregation` from text to running buckets: the analyzer's model, the planner's layout
// and ingest chain, read through the reader joins and on-demand queries use.
#include <gtest/gtest.h>

#include "analyze/analyzer.h"
#include "parse/parser.h"
#include "plan/plan_aggregation.h"
#include "plan/planner.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {
namespace {

using Rows = std::vector<std::string>;

// An app parsed, checked and planned, driven through its input ports on the calling thread.
class PlannedApp {
 public:
  explicit PlannedApp(const std::string& text) {
    parse::AppParse parsed = parse::parseApp(text);
    if (!parsed.app) throw std::runtime_error("syntax: " + parsed.errors.at(0).message);
    Diagnostics diagnostics;
    model = analyze::analyze(*parsed.app, diagnostics);
    if (!model) throw std::runtime_error("rejected: " + diagnostics.at(0).message);
    app = buildApp(*model, "test", {&time, nullptr, nullptr});
  }

  void send(const std::string& stream, int64_t ts, std::vector<Value> values) {
    app->inputs[static_cast<size_t>(app->findStream(stream))]->send(ts, values);
  }

  // `within start, end per granularity` of aggregation `index`, read for no reading event.
  Rows read(int64_t start, int64_t end, const char* per, size_t index = 0) {
    analyze::AggregationReadModel read;
    read.aggregation = static_cast<int>(index);
    read.withinStart = constant(Value::ofLong(start), Type::Long);
    read.withinEnd = constant(Value::ofLong(end), Type::Long);
    read.per = constant(Value::ofString(per), Type::String);
    auto reader = makeAggregationReader(read, *app);
    runtime::BucketRows rows;
    reader->read(app->state(), runtime::EvalContext{}, rows);
    Rows out;
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string text;
      for (size_t c = 0; c < reader->width(); ++c) text += (c ? "|" : "") + rows.row(i)[c].toString();
      out.push_back(text);
    }
    return out;
  }

  static analyze::TypedExpr constant(Value v, Type type) {
    analyze::TypedExpr e;
    e.op = analyze::ExprOp::Constant;
    e.type = type;
    e.constant = std::move(v);
    return e;
  }

  ManualClock time{0};
  std::unique_ptr<analyze::AppModel> model;
  std::unique_ptr<runtime::AppRuntime> app;
};

const std::string kTrade = "@app:playback define stream Trade (symbol string, price double, volume int, ts long);\n";

Value S(const char* s) { return Value::ofString(s); }
Value D(double d) { return Value::ofDouble(d); }
Value I(int i) { return Value::ofInt(i); }
Value L(int64_t l) { return Value::ofLong(l); }

TEST(AggregationPlan, CellsAreSharedAsSiddhiSharesItsBaseAttributes) {
  PlannedApp p(kTrade + "define aggregation A from Trade select symbol, avg(price) as ap, sum(price) as total, "
                        "count() as n, avg(volume) as av group by symbol aggregate every sec;");
  runtime::BucketLayout layout = bucketLayout(p.model->aggregations[0]);
  // sum(price) (with avg's), count (with both avgs'), sum(volume).
  ASSERT_EQ(layout.cells.size(), 3u);
  EXPECT_EQ(layout.cells[0].kind, runtime::CellKind::SumDouble);
  EXPECT_EQ(layout.cells[1].kind, runtime::CellKind::Count);
  EXPECT_EQ(layout.cells[2].kind, runtime::CellKind::SumLong);
  EXPECT_EQ(p.model->aggregations[0].outputs.size(), 6u);  // AGG_TIMESTAMP and the five items
}

TEST(AggregationPlan, TheDefinitionsFiltersGroupsAndLastValuesRun) {
  PlannedApp p(kTrade + "@purge(enable='false') define aggregation A from Trade[volume > 0] "
                        "select symbol, sum(price) as total, avg(volume) as av, price * 2 as doubled "
                        "group by symbol aggregate by ts every sec ... min;");
  p.send("Trade", 1000, {S("A"), D(1), I(1), L(1000)});
  p.send("Trade", 1100, {S("A"), D(2), I(0), L(1100)});  // filtered out
  p.send("Trade", 1200, {S("A"), D(3), I(4), L(1200)});
  p.send("Trade", 2500, {S("B"), D(5), I(5), L(2500)});
  // avg of ints is computed as a double (Siddhi's long division would give 2).
  EXPECT_EQ(p.read(0, 60000, "minutes"), (Rows{"0|A|4.0|2.5|6.0", "0|B|5.0|5.0|10.0"}));
  EXPECT_EQ(p.read(0, 60000, "sec"), (Rows{"1000|A|4.0|2.5|6.0", "2000|B|5.0|5.0|10.0"}));
}

TEST(AggregationPlan, DateStringsGiveTheEventTime) {
  PlannedApp p("@app:playback define stream S (at string, v long);\n"
               "@purge(enable='false') define aggregation A from S select sum(v) as total aggregate by at every "
               "hour ... day;");
  p.send("S", 1, {S("2017-06-01 04:05:50"), L(1)});
  p.send("S", 2, {S("2017-06-01 09:35:00 +05:30"), L(2)});  // 04:05 UTC
  p.send("S", 3, {S("2017-06-02 00:00:00"), L(4)});
  EXPECT_EQ(p.read(0, int64_t{1} << 50, "hours"), (Rows{"1496289600000|3", "1496361600000|4"}));
  EXPECT_EQ(p.read(0, int64_t{1} << 50, "days"), (Rows{"1496275200000|3", "1496361600000|4"}));
}

TEST(AggregationPlan, EventsWhoseTimeCannotBeReadGoToTheFaultStream) {
  PlannedApp p("@app:playback @OnError(action='STREAM') define stream S (at string, v long);\n"
               "@purge(enable='false') define aggregation A from S select sum(v) as total aggregate by at every sec;\n"
               "from !S select at, _error insert into Errors;");
  std::vector<std::string> errors;
  p.app->subscribe(static_cast<size_t>(p.app->findStream("Errors")),
                   [&](int64_t, std::span<const Value> row) { errors.push_back(row[1].toString()); });
  p.send("S", 1, {S("2017-06-01"), L(1)});
  p.send("S", 2, {S("2017-06-01 00:00:01"), L(2)});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "aggregation 'A': the time '2017-06-01' is not 'yyyy-MM-dd HH:mm:ss' or 'yyyy-MM-dd HH:mm:ss +hh:mm'");
  EXPECT_EQ(p.read(0, int64_t{1} << 50, "sec"), (Rows{"1496275201000|2"}));
}

TEST(AggregationPlan, PlaybackEventsGoOneByOneWhenTheClockDecidesTheirBucket) {
  // The clock is the event time, or purging runs on it: events sent together still see the
  // clock move between them.
  EXPECT_FALSE(PlannedApp(kTrade + "define aggregation A from Trade select count() as n aggregate every sec;")
                   .app->batchable);
  EXPECT_FALSE(PlannedApp(kTrade + "define aggregation A from Trade select count() as n aggregate by ts every sec;")
                   .app->batchable);
  EXPECT_TRUE(PlannedApp(kTrade + "@purge(enable='false') define aggregation A from Trade select count() as n "
                                  "aggregate by ts every sec;")
                  .app->batchable);
}

TEST(AggregationPlan, ABatchIsBucketedEventByEvent) {
  PlannedApp p(kTrade + "define aggregation A from Trade select count() as n aggregate every sec ... min;");
  std::vector<Value> a = {S("A"), D(1), I(1), L(0)}, b = {S("A"), D(1), I(1), L(0)};
  std::vector<EventView> events = {{1000, a.data()}, {2000, b.data()}};
  p.app->inputs[0]->send(events);
  EXPECT_EQ(p.read(0, 60000, "sec"), (Rows{"1000|1", "2000|1"}));
}

TEST(AggregationPlan, ASnapshotOfTheAppKeepsTheBuckets) {
  const std::string text = kTrade + "define aggregation A from Trade select symbol, sum(price) as total group by "
                                    "symbol aggregate by ts every sec ... hour;";
  PlannedApp before(text);
  before.send("Trade", 1000, {S("A"), D(1), I(1), L(1000)});
  before.send("Trade", 61000, {S("A"), D(2), I(1), L(61000)});
  before.send("Trade", 62000, {S("B"), D(3), I(1), L(5000)});
  std::vector<uint8_t> bytes = before.app->snapshot();
  PlannedApp after(text);
  RestoreReport report = after.app->restore(bytes);
  EXPECT_EQ(report.restored, std::vector<std::string>{"aggregation 'A'"});
  for (const char* per : {"sec", "min", "hour"})
    EXPECT_EQ(after.read(0, int64_t{1} << 50, per), before.read(0, int64_t{1} << 50, per)) << per;
  EXPECT_EQ(after.read(0, int64_t{1} << 50, "min"), (Rows{"0|A|1.0", "0|B|3.0", "60000|A|2.0"}));
  // Another definition starts fresh.
  PlannedApp edited(kTrade + "define aggregation A from Trade select symbol, sum(price) as total group by symbol "
                             "aggregate by ts every sec ... day;");
  EXPECT_EQ(edited.app->restore(bytes).fresh, std::vector<std::string>{"aggregation 'A'"});
}

}  // namespace
}  // namespace cepheus::plan
