// `define aggregation A from S select ... group by ... aggregate [by ts] every sec ... year`:
// the operator that takes S's events into A's buckets (after the definition's filters), the
// state those buckets live in, and the entry reads go through (joins `within ... per ...`,
// on-demand queries).
//
// Event time is the `aggregate by` attribute (long milliseconds, or a 'yyyy-MM-dd HH:mm:ss
// [+hh:mm]' string) or, without it, the engine clock. The engine clock also decides when the
// running buckets roll up and when purging runs: @purge(interval=...) on the engine clock, so
// in playback retention follows the events' time (docs/language.md).
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "runtime/aggregation/bucket_store.h"
#include "runtime/evaluator.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

// @purge(enable=..., interval=..., @retentionPeriod(sec=..., ...)).
struct PurgeSettings {
  bool enabled = true;
  int64_t intervalMs = 15 * 60 * 1000;
  // Per Granularity: how long its buckets are kept after they start; -1 keeps them all.
  std::array<int64_t, kGranularityCount> retentionMs{};
};

// Where an event's values come from. Group keys and aggregated arguments are attributes of the
// input row (Siddhi allows nothing else there); the values of the latest event are any
// expression.
struct AggregationInputs {
  int timestamp = -1;  // the `aggregate by` attribute; -1: the engine clock
  bool timestampIsText = false;
  std::vector<int> keys;       // per group by attribute
  std::vector<int> arguments;  // per cell of the layout; -1 for count
  std::vector<EvaluatorPtr> lasts;
};

class AggregationState final : public OperatorState {
 public:
  AggregationState(const BucketLayout& layout, Scheduler& scheduler, const TimerTarget& target, StateFrame& frame)
      : store(layout), purgeTimer(scheduler, target, frame) {}

  void snapshot(StateWriter& out) const override;
  void restore(StateReader& in) override;
  // The purge timer alone removes nothing that a fresh state would not lack.
  bool canDestroy() const override { return store.empty(); }

  BucketStore store;
  Timer purgeTimer;
};

class IncrementalAggregation final : public StatefulOperator {
 public:
  IncrementalAggregation(std::string name, BucketLayout layout, AggregationInputs inputs, PurgeSettings purge,
                         const FaultSink* faults);

  const std::string& name() const { return name_; }
  const BucketLayout& layout() const { return layout_; }
  const PurgeSettings& purge() const { return purge_; }

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;
  // The purge period ended: drops what is past its retention, and waits for the next one.
  void onTimer(ExecContext& ctx, int64_t due) const override;

  // The buckets `query` asks for. The aggregation's state is global: its frame is the app's,
  // whichever frame the reader runs in.
  void read(AppState& app, const BucketQuery& query, BucketRows& out) const;

 private:
  // The event time of a row, or throws EvaluationError.
  int64_t eventTime(const EventRow& row, int64_t now) const;

  std::string name_;
  BucketLayout layout_;
  AggregationInputs inputs_;
  PurgeSettings purge_;
  const FaultSink* faults_;
};

}  // namespace cepheus::runtime
