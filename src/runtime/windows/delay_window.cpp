#include "runtime/windows/delay_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct DelayWindow::State final : OperatorState {
  State(size_t width, AppState& app, StateFrame& frame, const DelayWindow& window)
      : held(width), timer(app.scheduler, window, frame) {}
  void snapshot(StateWriter& out) const override {
    held.snapshot(out);
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    held.restore(in);
    timer.restore(in);
  }
  bool canDestroy() const override { return held.empty() && !timer.pending(); }

  RowQueue held;
  Timer timer;
};

std::unique_ptr<OperatorState> DelayWindow::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, app, frame, *this);
}

void DelayWindow::release(ExecContext& ctx, State& s) const {
  const int64_t now = ctx.app.clock.now();
  auto& scratch = ctx.lane.scratch<ExpiryScratch>(id(), width_);
  scratch.rows.clear();
  while (!s.held.empty() && s.held.frontTime() + delay_ <= now) s.held.popInto(scratch.rows);
  scratch.out.rows.clear();
  scratch.rows.addTo(scratch.out, EventKind::Current, now);
  emit(ctx, scratch.out);
  if (!s.held.empty()) s.timer.armNoLaterThan(s.held.frontTime() + delay_);
}

void DelayWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    release(ctx, s);
    s.held.push(row.data, row.timestamp);
    s.timer.armNoLaterThan(s.held.frontTime() + delay_);
  }
}

void DelayWindow::onTimer(ExecContext& ctx, int64_t) const { release(ctx, state<State>(ctx)); }

void DelayWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).held.addViews(out);
}

}  // namespace cepheus::runtime
