#include "runtime/windows/external_time_window.h"

#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct ExternalTimeWindow::State final : OperatorState {
  explicit State(size_t width) : rows(width) {}
  void snapshot(StateWriter& out) const override { rows.snapshot(out); }
  void restore(StateReader& in) override { rows.restore(in); }
  bool canDestroy() const override { return rows.empty(); }

  RowQueue rows;
};

std::unique_ptr<OperatorState> ExternalTimeWindow::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_);
}

void ExternalTimeWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    // An event without a time cannot be placed (Siddhi fails on it); it is left out.
    if (row.data[timeIndex_].isNull()) continue;
    const int64_t now = row.data[timeIndex_].asLong();
    scratch.rows.clear();
    while (!s.rows.empty() && s.rows.front()[timeIndex_].asLong() + duration_ <= now) s.rows.popInto(scratch.rows);
    Chunk& out = scratch.out;
    out.rows.clear();
    scratch.rows.addTo(out, EventKind::Expired, now);
    const Value* stored = s.rows.push(row.data, row.timestamp);
    out.rows.push_back({stored, row.timestamp, EventKind::Current});
    emit(ctx, out);
  }
}

void ExternalTimeWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).rows.addViews(out);
}

}  // namespace cepheus::runtime
