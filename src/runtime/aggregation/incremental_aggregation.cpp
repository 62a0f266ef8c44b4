#include "runtime/aggregation/incremental_aggregation.h"

#include "runtime/app_state.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

namespace {

// The latest event's values, evaluated before the store changes (an expression that fails
// leaves the buckets as they were).
struct LastsScratch final : Scratch {
  explicit LastsScratch(size_t width) : values(width) {}
  std::vector<Value> values;
};

}  // namespace

void AggregationState::snapshot(StateWriter& out) const {
  store.snapshot(out);
  purgeTimer.snapshot(out);
}

void AggregationState::restore(StateReader& in) {
  store.restore(in);
  purgeTimer.restore(in);
}

IncrementalAggregation::IncrementalAggregation(std::string name, BucketLayout layout, AggregationInputs inputs,
                                               PurgeSettings purge, const FaultSink* faults)
    : name_(std::move(name)),
      layout_(std::move(layout)),
      inputs_(std::move(inputs)),
      purge_(purge),
      faults_(faults) {}

std::unique_ptr<OperatorState> IncrementalAggregation::makeState(AppState& app, StateFrame& frame) const {
  auto state = std::make_unique<AggregationState>(layout_, app.scheduler, *this, frame);
  if (purge_.enabled) state->purgeTimer.arm(app.clock.now() + purge_.intervalMs);
  return state;
}

std::string IncrementalAggregation::stateLayout() const { return "aggregation " + name_ + " " + layout_.describe(); }

int64_t IncrementalAggregation::eventTime(const EventRow& row, int64_t now) const {
  if (inputs_.timestamp < 0) return now;
  const Value& v = row.data[inputs_.timestamp];
  if (v.isNull()) throw EvaluationError("aggregation '" + name_ + "': the event has no time (its 'aggregate by' value is null)");
  int64_t time = 0;
  if (inputs_.timestampIsText) {
    auto parsed = parseAggregationTime(v.asString());
    if (!parsed)
      throw EvaluationError("aggregation '" + name_ + "': the time '" + std::string(v.asString()) +
                            "' is not 'yyyy-MM-dd HH:mm:ss' or 'yyyy-MM-dd HH:mm:ss +hh:mm'");
    time = *parsed;
  } else {
    time = v.asLong();
  }
  if (!bucketTimeInRange(time))
    throw EvaluationError("aggregation '" + name_ + "': the time " + std::to_string(time) + " is out of range");
  return time;
}

void IncrementalAggregation::process(ExecContext& ctx, const Chunk& chunk) const {
  BucketStore& store = this->state<AggregationState>(ctx).store;
  std::vector<Value>& lasts = ctx.lane.scratch<LastsScratch>(id(), layout_.lastWidth).values;
  const Clock* clock = &ctx.app.clock;
  // On the wall clock one reading serves the chunk (it is processed at one moment); in playback
  // the clock is the latest event's time, which is what rolls buckets up.
  int64_t now = clock->now();
  size_t first = layout_.firstCell();
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    int64_t time = 0;
    const EventRow* slot = &row;
    try {
      time = eventTime(row, now);
      EvalContext eval = EvalContext::of(slot, nullptr, clock, &ctx.app);
      for (size_t i = 0; i < inputs_.lasts.size(); ++i) lasts[i] = inputs_.lasts[i]->evalValue(eval);
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
      continue;
    }
    store.advance(now);
    Value* key = store.runningKey(bucketStart(time, layout_.root()));
    for (size_t k = 0; k < inputs_.keys.size(); ++k) key[k] = row.data[inputs_.keys[k]];
    Value* bucket = store.runningRow();
    // The values of the latest event; of two as late, the later one.
    if (bucket[0].isNull() || time >= bucket[0].asLong()) {
      bucket[0] = Value::ofLong(time);
      for (size_t i = 0; i < lasts.size(); ++i) bucket[1 + i] = lasts[i];
    }
    for (size_t c = 0; c < layout_.cells.size(); ++c) {
      int argument = inputs_.arguments[c];
      static const Value kNone;
      addToCell(layout_.cells[c].kind, bucket[first + c], argument < 0 ? kNone : row.data[argument]);
    }
  }
}

void IncrementalAggregation::onTimer(ExecContext& ctx, int64_t due) const {
  auto& state = this->state<AggregationState>(ctx);
  int64_t now = ctx.app.clock.now();
  state.store.advance(now);
  for (Granularity g : layout_.granularities) {
    int64_t retention = purge_.retentionMs[static_cast<size_t>(g)];
    if (retention >= 0) state.store.purge(g, now - retention);
  }
  state.purgeTimer.arm(now + purge_.intervalMs);
}

void IncrementalAggregation::read(AppState& app, const BucketQuery& query, BucketRows& out) const {
  static_cast<const AggregationState&>(stateIn(app, app.globals)).store.read(query, out);
}

}  // namespace cepheus::runtime
