#include "runtime/windows/expression_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct ExpressionWindow::State final : OperatorState {
  State(size_t width, const WindowCondition& condition)
      : condition(&condition), rows(width), aggregates(condition.newState()) {}
  void snapshot(StateWriter& out) const override {
    rows.snapshot(out);
    condition->aggregates().snapshot(aggregates.get(), out);
  }
  void restore(StateReader& in) override {
    rows.restore(in);
    condition->aggregates().restore(aggregates.get(), in);
  }
  bool canDestroy() const override { return rows.empty() && condition->aggregates().holdsNothing(aggregates.get()); }

  const WindowCondition* condition;
  RowQueue rows;
  AggregateBlock aggregates;
};

std::unique_ptr<OperatorState> ExpressionWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_, condition_);
}

void ExpressionWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  for (const EventRow& row : chunk.rows)
    if (row.kind == EventKind::Current) arrive(ctx, s, row);
}

void ExpressionWindow::arrive(ExecContext& ctx, State& s, const EventRow& row) const {
  const Clock& clock = ctx.app.clock;
  const int64_t now = arrivalTime(clock, row);
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  s.rows.push(row.data, row.timestamp);
  const EventRow last{row.data, row.timestamp, EventKind::Current};
  bool holds =
      condition_.add(s.aggregates, clock, last, {s.rows.front(), s.rows.frontTime(), EventKind::Current}, last);
  RowBuffer& expired = scratch.rows;
  expired.clear();
  while (!holds && !s.rows.empty()) {
    s.rows.popInto(expired);
    // Siddhi stamps the removed event with the expiry time before evaluating; when the window is
    // now empty it is also the `first` event.
    const EventRow removed{expired.row(expired.size() - 1), now, EventKind::Expired};
    const EventRow first =
        s.rows.empty() ? removed : EventRow{s.rows.front(), s.rows.frontTime(), EventKind::Current};
    holds = condition_.remove(s.aggregates, clock, removed, first, last);
  }
  scratch.out.rows.clear();
  expired.addTo(scratch.out, EventKind::Expired, now);
  scratch.out.rows.push_back(last);
  emit(ctx, scratch.out);
}

void ExpressionWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).rows.addViews(out);
}

}  // namespace cepheus::runtime
