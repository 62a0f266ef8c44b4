// Drives an incremental aggregation's operator directly, as an app's input port does in
// playback: the clock moves to each event (its due timers fire first), then the event arrives.
// The aggregation is the one of
//
//   define stream Trade (symbol string, price double, volume int, ts long);
//   define aggregation A from Trade
//     select symbol, sum(price) as total, count() as n, avg(price) as ap, min(volume) as lo,
//            max(volume) as hi, distinctCount(volume) as kinds, price as last
//     group by symbol aggregate by ts every <granularities>;
//
// with or without `by ts`. Reads give their rows as text, "start|symbol|total|...".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/aggregation/incremental_aggregation.h"
#include "runtime/operator_harness.h"

namespace cepheus::testing::aggregation {

using runtime::BucketColumn;
using runtime::CellKind;
using Rows = std::vector<std::string>;

class AttributeRead final : public runtime::Evaluator {
 public:
  AttributeRead(int index, Type type) : Evaluator(type), index_(index) {}
  Value evalValue(const runtime::EvalContext& ctx) const override { return ctx.slots[0]->data[index_]; }

 private:
  int index_;
};

class FaultLog final : public runtime::FaultSink {
 public:
  void fault(runtime::ExecContext&, const runtime::EventRow&, const std::string& message) const override {
    messages.push_back(message);
  }
  mutable std::vector<std::string> messages;
};

inline runtime::BucketLayout tradeLayout(std::vector<Granularity> granularities) {
  runtime::BucketLayout layout;
  layout.granularities = std::move(granularities);
  layout.keyWidth = 1;
  layout.lastWidth = 1;
  layout.cells = {{CellKind::SumDouble}, {CellKind::Count}, {CellKind::MinLong}, {CellKind::MaxLong},
                  {CellKind::Distinct}};
  using K = BucketColumn::Kind;
  layout.columns = {{K::Timestamp},         {K::GroupKey, 0, 0, 0, Type::String}, {K::Sum, 0, 0, 0, Type::Double},
                    {K::Count, 0, 1},       {K::Avg, 0, 0, 1, Type::Double},      {K::Min, 0, 2, 0, Type::Int},
                    {K::Max, 0, 3, 0, Type::Int}, {K::DistinctCount, 0, 4},       {K::Last, 0, 0, 0, Type::Double}};
  return layout;
}

inline runtime::PurgeSettings noPurge() {
  runtime::PurgeSettings purge;
  purge.enabled = false;
  return purge;
}

class AggregationDriver {
 public:
  explicit AggregationDriver(std::vector<Granularity> granularities, bool byAttribute = true,
                             runtime::PurgeSettings purge = noPurge(), bool playback = true)
      : harness(playback) {
    runtime::AggregationInputs inputs;
    inputs.timestamp = byAttribute ? 3 : -1;
    inputs.keys = {0};
    inputs.arguments = {1, -1, 2, 2, 2};
    inputs.lasts.push_back(std::make_unique<AttributeRead>(1, Type::Double));
    aggregation = std::make_unique<runtime::IncrementalAggregation>("A", tradeLayout(std::move(granularities)),
                                                                    std::move(inputs), purge, &faults);
    harness.adopt(*aggregation);
  }

  // An event at clock time `clock` whose `ts` attribute says `time`.
  void send(int64_t clock, const char* symbol, Value price, Value volume, Value time) {
    if (harness.clock().playback()) harness.advance(clock);
    std::vector<Value> values = {Value::ofString(symbol), price, volume, time};
    runtime::Chunk chunk;
    chunk.rows.push_back({values.data(), clock, runtime::EventKind::Current});
    harness.process(*aggregation, chunk);
  }
  void send(int64_t clock, const char* symbol, double price, int volume) {
    send(clock, symbol, Value::ofDouble(price), Value::ofInt(volume), Value::ofLong(clock));
  }
  void sendAt(int64_t clock, int64_t time, const char* symbol, double price, int volume) {
    send(clock, symbol, Value::ofDouble(price), Value::ofInt(volume), Value::ofLong(time));
  }

  Rows read(int64_t start, int64_t end, Granularity per, std::vector<runtime::KeyMatch> keys = {}) {
    runtime::BucketQuery query{start, end, per, keys};
    aggregation->read(harness.state, query, rows);
    Rows out;
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string text;
      for (size_t c = 0; c < aggregation->layout().columns.size(); ++c)
        text += (c ? "|" : "") + rows.row(i)[c].toString();
      out.push_back(text);
    }
    return out;
  }

  const runtime::AggregationState* state() const {
    return static_cast<const runtime::AggregationState*>(harness.state.globals.get(aggregation->stateSlot()));
  }

  OperatorHarness harness;
  FaultLog faults;
  std::unique_ptr<runtime::IncrementalAggregation> aggregation;
  runtime::BucketRows rows;
};

}  // namespace cepheus::testing::aggregation
