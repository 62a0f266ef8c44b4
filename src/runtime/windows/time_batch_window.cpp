#include "runtime/windows/time_batch_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct TimeBatchWindow::State final : OperatorState {
  State(size_t width, AppState& app, StateFrame& frame, const TimeBatchWindow& window)
      : batch(width), previous(width), timer(app.scheduler, window, frame) {}
  void snapshot(StateWriter& out) const override {
    out.svarint(nextEmit);
    batch.snapshot(out);
    previous.snapshot(out);
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    nextEmit = in.svarint();
    batch.restore(in);
    previous.restore(in);
    timer.restore(in);
  }
  // The boundary timer ticks forever; with nothing held its ticks emit nothing, so it does not
  // keep the state alive.
  bool canDestroy() const override { return batch.empty() && previous.empty(); }

  int64_t nextEmit = -1;  // -1 until the first event
  RowBuffer batch;        // this period's events
  RowBuffer previous;     // the last emitted batch, expired at the next boundary
  Timer timer;
};

std::unique_ptr<OperatorState> TimeBatchWindow::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, app, frame, *this);
}

std::string TimeBatchWindow::stateLayout() const {
  return "timeBatch(" + std::to_string(duration_) + ", " + (startTime_ ? std::to_string(*startTime_) : "-") + ", " +
         (streamCurrent_ ? "stream" : "batch") + ")";
}

bool TimeBatchWindow::passBoundary(State& s, int64_t now) const {
  if (now < s.nextEmit) return false;
  s.nextEmit += duration_;
  s.timer.arm(s.nextEmit);
  return true;
}

void TimeBatchWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  Chunk& out = ctx.lane.chunk(id());
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    const int64_t now = ctx.app.clock.now();
    if (s.nextEmit < 0) {
      // Siddhi's alignment: the next startTime + k*t after now (C++ % truncates like Java's).
      s.nextEmit = startTime_ ? now + (duration_ - (now - *startTime_) % duration_) : now + duration_;
      s.timer.arm(s.nextEmit);
    }
    // Only on the wall clock can an event find a boundary passed (its timer is late); as in
    // Siddhi the event then still joins the closing batch.
    bool closes = passBoundary(s, now);
    out.rows.clear();
    s.batch.append(row.data, row.timestamp);
    if (streamCurrent_) out.rows.push_back({s.batch.row(s.batch.size() - 1), row.timestamp, EventKind::Current});
    if (closes) {
      flush(ctx, s, out, now);
    } else {
      emit(ctx, out);
    }
  }
}

void TimeBatchWindow::onTimer(ExecContext& ctx, int64_t) const {
  State& s = state<State>(ctx);
  const int64_t now = ctx.app.clock.now();
  if (!passBoundary(s, now)) return;
  Chunk& out = ctx.lane.chunk(id());
  out.rows.clear();
  flush(ctx, s, out, now);
}

void TimeBatchWindow::flush(ExecContext& ctx, State& s, Chunk& out, int64_t now) const {
  if (streamCurrent_) {
    // The arrivals were emitted as they came: expire them and reset.
    s.batch.addTo(out, EventKind::Expired, now);
    if (!s.batch.empty()) out.rows.push_back({s.batch.row(0), now, EventKind::Reset});
    emit(ctx, out);
    s.batch.clear();
    return;
  }
  s.previous.addTo(out, EventKind::Expired, now);
  s.batch.addAsNewBatch(out, now);
  emit(ctx, out);
  s.previous.swap(s.batch);
  s.batch.clear();
}

void TimeBatchWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  const State& s = static_cast<const State&>(state);
  (streamCurrent_ ? s.batch : s.previous).addViews(out);
}

}  // namespace cepheus::runtime
