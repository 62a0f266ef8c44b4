#include "runtime/windows/cron_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct CronWindow::State final : OperatorState {
  State(size_t width, AppState& app, StateFrame& frame, const CronWindow& window, std::optional<int64_t> first)
      : nextFire(first), batch(width), previous(width), timer(app.scheduler, window, frame) {}
  void snapshot(StateWriter& out) const override {
    out.boolean(nextFire.has_value());
    if (nextFire) out.svarint(*nextFire);
    batch.snapshot(out);
    previous.snapshot(out);
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    nextFire.reset();
    if (in.boolean()) nextFire = in.svarint();
    batch.restore(in);
    previous.restore(in);
    timer.restore(in);
  }
  bool canDestroy() const override { return batch.empty() && previous.empty(); }

  std::optional<int64_t> nextFire;  // none once the schedule has no future fire time
  RowBuffer batch;
  RowBuffer previous;
  Timer timer;
};

std::unique_ptr<OperatorState> CronWindow::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, app, frame, *this, schedule_.next(app.clock.wallNow()));
}

void CronWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    fireIfDue(ctx, s);
    s.batch.append(row.data, row.timestamp);
    arm(ctx, s);
  }
}

void CronWindow::onTimer(ExecContext& ctx, int64_t) const {
  State& s = state<State>(ctx);
  fireIfDue(ctx, s);
  arm(ctx, s);
}

void CronWindow::fireIfDue(ExecContext& ctx, State& s) const {
  const int64_t wall = ctx.app.clock.wallNow();
  if (!s.nextFire || wall < *s.nextFire) return;
  flush(ctx, s);
  s.nextFire = schedule_.next(wall);
}

void CronWindow::arm(ExecContext& ctx, State& s) const {
  if (s.nextFire && !ctx.app.clock.playback()) s.timer.arm(*s.nextFire);
}

void CronWindow::flush(ExecContext& ctx, State& s) const {
  if (s.batch.empty()) return;
  Chunk& out = ctx.lane.chunk(id());
  out.rows.clear();
  s.previous.addTo(out, EventKind::Expired, ctx.app.clock.now());
  s.batch.addTo(out, EventKind::Current);
  emit(ctx, out);
  s.previous.swap(s.batch);
  s.batch.clear();
}

void CronWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).previous.addViews(out);
}

}  // namespace cepheus::runtime
