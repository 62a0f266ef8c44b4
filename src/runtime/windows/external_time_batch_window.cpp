#include "runtime/windows/external_time_batch_window.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

namespace {

// The next start + k*t after `time` (Siddhi's findEndTime; C++ % truncates like Java's).
int64_t nextEnd(int64_t time, int64_t start, int64_t duration) {
  return time + (duration - (time - start) % duration);
}

}  // namespace

struct ExternalTimeBatchWindow::State final : OperatorState {
  State(size_t width, AppState& app, StateFrame& frame, const ExternalTimeBatchWindow& window)
      : batch(width), expired(width), timer(app.scheduler, window, frame) {}
  void snapshot(StateWriter& out) const override {
    out.svarint(startTime);
    out.svarint(endTime);
    out.svarint(lastEventTime);
    out.svarint(lastScheduled);
    out.boolean(flushed);
    batch.snapshot(out);
    expired.snapshot(out);
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    startTime = in.svarint();
    endTime = in.svarint();
    lastEventTime = in.svarint();
    lastScheduled = in.svarint();
    flushed = in.boolean();
    batch.restore(in);
    expired.restore(in);
    timer.restore(in);
  }
  bool canDestroy() const override { return batch.empty() && expired.empty() && !timer.pending(); }

  int64_t startTime = 0;
  int64_t endTime = -1;  // -1 until the first event
  int64_t lastEventTime = 0;
  int64_t lastScheduled = 0;
  bool flushed = false;  // the batch was closed by the timeout, not by an event
  RowBuffer batch;
  RowBuffer expired;
  Timer timer;  // the timeout of the latest event
};

std::unique_ptr<OperatorState> ExternalTimeBatchWindow::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, app, frame, *this);
}

std::string ExternalTimeBatchWindow::stateLayout() const {
  return "externalTimeBatch(" + std::to_string(timeIndex_) + ", " + std::to_string(duration_) + ", " +
         (start_.constant ? std::to_string(*start_.constant) : "@" + std::to_string(start_.attribute)) + ", " +
         std::to_string(timeout_) + ", " + (replaceTimestamp_ ? "replace" : "keep") + ")";
}

void ExternalTimeBatchWindow::scheduleTimeout(ExecContext& ctx, State& s) const {
  if (timeout_ <= 0) return;
  s.lastScheduled = ctx.app.clock.now() + timeout_;
  s.timer.arm(s.lastScheduled);  // only the latest timeout counts
}

void ExternalTimeBatchWindow::begin(ExecContext& ctx, State& s, const EventRow& first) const {
  int64_t time = first.data[timeIndex_].asLong();
  if (start_.constant) {
    s.startTime = *start_.constant;
    s.endTime = nextEnd(time, s.startTime, duration_);
  } else {
    const Value& start = start_.attribute >= 0 ? first.data[start_.attribute] : first.data[timeIndex_];
    s.startTime = start.isNull() ? time : start.asLong();
    s.endTime = s.startTime + duration_;
  }
  scheduleTimeout(ctx, s);
}

void ExternalTimeBatchWindow::add(State& s, const EventRow& row) const {
  s.batch.append(row.data, row.timestamp);
  if (replaceTimestamp_) s.batch.row(s.batch.size() - 1)[timeIndex_] = Value::ofLong(s.endTime);
}

void ExternalTimeBatchWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = state<State>(ctx);
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    // An event without a time cannot be placed (Siddhi fails on it); it is left out.
    if (row.data[timeIndex_].isNull()) continue;
    if (s.endTime < 0) begin(ctx, s, row);
    const int64_t time = row.data[timeIndex_].asLong();
    if (time > s.lastEventTime) s.lastEventTime = time;
    if (time < s.endTime) {
      add(s, row);
      continue;
    }
    if (s.flushed) {
      flushAppending(ctx, s, s.lastEventTime);
      s.flushed = false;
    } else {
      flush(ctx, s, s.lastEventTime);
    }
    s.endTime = nextEnd(s.lastEventTime, s.startTime, duration_);
    add(s, row);
    scheduleTimeout(ctx, s);
  }
}

void ExternalTimeBatchWindow::onTimer(ExecContext& ctx, int64_t due) const {
  State& s = state<State>(ctx);
  if (s.lastScheduled > due) return;
  if (!s.flushed) {
    flush(ctx, s, s.lastEventTime);
    s.flushed = true;
  } else if (!s.batch.empty()) {
    flushAppending(ctx, s, s.lastEventTime);
  }
  scheduleTimeout(ctx, s);
}

void ExternalTimeBatchWindow::flush(ExecContext& ctx, State& s, int64_t time) const {
  Chunk& out = ctx.lane.chunk(id());
  out.rows.clear();
  s.expired.addTo(out, EventKind::Expired, time);
  s.batch.addAsNewBatch(out, time);
  emit(ctx, out);
  s.expired.swap(s.batch);
  s.batch.clear();
}

void ExternalTimeBatchWindow::flushAppending(ExecContext& ctx, State& s, int64_t time) const {
  if (s.batch.empty()) return;
  Chunk& out = ctx.lane.chunk(id());
  out.rows.clear();
  s.expired.addTo(out, EventKind::Expired, time);
  out.rows.push_back({s.batch.row(0), time, EventKind::Reset});
  s.expired.addTo(out, EventKind::Current);
  s.batch.addTo(out, EventKind::Current);
  emit(ctx, out);
  s.expired.appendAll(s.batch);
  s.batch.clear();
}

void ExternalTimeBatchWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  static_cast<const State&>(state).expired.addViews(out);
}

}  // namespace cepheus::runtime
