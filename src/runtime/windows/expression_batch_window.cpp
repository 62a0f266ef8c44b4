#include "runtime/windows/expression_batch_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct ExpressionBatchWindow::State final : OperatorState {
  State(size_t width, const WindowCondition& condition)
      : condition(&condition), batch(width), previous(width), aggregates(condition.newState()) {}
  void snapshot(StateWriter& out) const override {
    batch.snapshot(out);
    previous.snapshot(out);
    condition->aggregates().snapshot(aggregates.get(), out);
  }
  void restore(StateReader& in) override {
    batch.restore(in);
    previous.restore(in);
    condition->aggregates().restore(aggregates.get(), in);
  }
  bool canDestroy() const override {
    return batch.empty() && previous.empty() && condition->aggregates().holdsNothing(aggregates.get());
  }

  const WindowCondition* condition;
  RowBuffer batch;     // the batch being filled (streamCurrent: the events already emitted)
  RowBuffer previous;  // the last emitted batch: expired with the next one
  AggregateBlock aggregates;
};

std::unique_ptr<OperatorState> ExpressionBatchWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_, condition_);
}

std::string ExpressionBatchWindow::stateLayout() const {
  return "expressionBatch(" + text_ + "; " + condition_.aggregates().layout() + "; " +
         (includeTrigger_ ? "include" : "exclude") + ", " + (streamCurrent_ ? "stream" : "batch") + ")";
}

void ExpressionBatchWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  for (const EventRow& row : chunk.rows)
    if (row.kind == EventKind::Current) arrive(ctx, s, row);
}

void ExpressionBatchWindow::arrive(ExecContext& ctx, State& s, const EventRow& row) const {
  const Clock& clock = ctx.app.clock;
  const int64_t now = arrivalTime(clock, row);
  const EventRow arrival{row.data, row.timestamp, EventKind::Current};
  const EventRow first = s.batch.empty() ? arrival : EventRow{s.batch.row(0), s.batch.time(0), EventKind::Current};
  Chunk& out = ctx.lane.chunk(id());
  out.rows.clear();
  if (condition_.add(s.aggregates, clock, arrival, first, arrival)) {
    s.batch.append(row.data, row.timestamp);
    if (streamCurrent_) {
      out.rows.push_back(arrival);
      emit(ctx, out);
    }
    return;
  }
  condition_.reset(s.aggregates);
  condition_.add(s.aggregates, clock, arrival, first, arrival);
  if (s.batch.empty()) {
    // Nothing to flush but the condition fails on the arrival alone: it passes straight through.
    s.previous.addTo(out, EventKind::Expired, now);
    out.rows.push_back({row.data, now, EventKind::Expired});
    out.rows.push_back({row.data, now, EventKind::Current});
    emit(ctx, out);
    s.previous.clear();
    return;
  }
  if (streamCurrent_) {
    flushStreamed(ctx, s, out, arrival, now);
  } else {
    flushBatch(ctx, s, out, arrival, now);
  }
}

void ExpressionBatchWindow::flushBatch(ExecContext& ctx, State& s, Chunk& out, const EventRow& arrival,
                                       int64_t now) const {
  s.previous.addTo(out, EventKind::Expired, now);
  s.batch.addTo(out, EventKind::Current, now);
  if (includeTrigger_) out.rows.push_back(arrival);
  emit(ctx, out);
  s.previous.swap(s.batch);
  s.batch.clear();
  (includeTrigger_ ? s.previous : s.batch).append(arrival.data, arrival.timestamp);
}

void ExpressionBatchWindow::flushStreamed(ExecContext& ctx, State& s, Chunk& out, const EventRow& arrival,
                                          int64_t now) const {
  if (includeTrigger_) {
    out.rows.push_back(arrival);
    s.batch.addTo(out, EventKind::Expired, now);
    out.rows.push_back({arrival.data, now, EventKind::Expired});
  } else {
    s.batch.addTo(out, EventKind::Expired, now);
    out.rows.push_back(arrival);
  }
  emit(ctx, out);
  s.batch.clear();
  if (!includeTrigger_) s.batch.append(arrival.data, arrival.timestamp);
}

void ExpressionBatchWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  const State& s = static_cast<const State&>(state);
  (streamCurrent_ ? s.batch : s.previous).addViews(out);
}

}  // namespace cepheus::runtime
