#include "runtime/windows/time_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct TimeWindow::State final : OperatorState {
  State(size_t width, size_t maxLength, AppState& app, StateFrame& frame, const TimeWindow& window)
      : rows(width, maxLength > 0 ? maxLength : UINT32_MAX), timer(app.scheduler, window, frame) {}
  void snapshot(StateWriter& out) const override {
    rows.snapshot(out);
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    rows.restore(in);
    timer.restore(in);
  }
  bool canDestroy() const override { return rows.empty() && !timer.pending(); }

  RowQueue rows;
  Timer timer;
};

std::unique_ptr<OperatorState> TimeWindow::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, maxLength_, app, frame, *this);
}

void TimeWindow::expireDue(State& s, int64_t now, RowBuffer& expired) const {
  while (!s.rows.empty() && s.rows.frontTime() + duration_ <= now) s.rows.popInto(expired);
}

void TimeWindow::armTimer(State& s) const {
  if (s.rows.empty()) return;
  const int64_t due = s.rows.frontTime() + duration_;
  if (!s.timer.pending() || s.timer.due() != due) s.timer.arm(due);
}

void TimeWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  Chunk& out = scratch.out;
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    const int64_t now = ctx.app.clock.now();
    out.rows.clear();
    const bool due = !s.rows.empty() && s.rows.frontTime() + duration_ <= now;
    if (due || (maxLength_ > 0 && s.rows.size() == maxLength_)) {
      // What leaves is copied first: the arrival may take one of the slots it frees.
      scratch.rows.clear();
      expireDue(s, now, scratch.rows);
      if (maxLength_ > 0 && s.rows.size() == maxLength_) s.rows.popInto(scratch.rows);
      scratch.rows.addTo(out, EventKind::Expired, now);
    }
    const Value* stored = s.rows.push(row.data, row.timestamp);
    out.rows.push_back({stored, row.timestamp, EventKind::Current});
    emit(ctx, out);
    armTimer(s);
  }
}

// Nothing is pushed while the expired rows travel, so they are emitted from their own slots.
void TimeWindow::onTimer(ExecContext& ctx, int64_t) const {
  State& s = state<State>(ctx);
  const int64_t now = ctx.app.clock.now();
  Chunk& out = ctx.lane.scratch<ExpiryScratch>(id(), width_).out;
  out.rows.clear();
  while (!s.rows.empty() && s.rows.frontTime() + duration_ <= now)
    out.rows.push_back({s.rows.pop(), now, EventKind::Expired});
  emit(ctx, out);
  armTimer(s);
}

void TimeWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).rows.addViews(out);
}

}  // namespace cepheus::runtime
