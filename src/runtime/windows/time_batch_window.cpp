#include "runtime/windows/time_batch_window.h"

namespace cepheus::runtime {

TimeBatchWindow::TimeBatchWindow(int64_t duration, std::optional<int64_t> startTime, bool streamCurrent,
                                 size_t width, const Clock* clock, Scheduler* scheduler)
    : duration_(duration),
      startTime_(startTime),
      streamCurrent_(streamCurrent),
      clock_(clock),
      timer_(scheduler, this),
      batch_(width),
      previous_(width) {}

bool TimeBatchWindow::passBoundary(int64_t now) {
  if (now < nextEmit_) return false;
  nextEmit_ += duration_;
  timer_.requestAt(nextEmit_);
  return true;
}

void TimeBatchWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    const int64_t now = clock_->now();
    if (nextEmit_ < 0) {
      // Siddhi's alignment: the next startTime + k*t after now (C++ % truncates like Java's).
      nextEmit_ = startTime_ ? now + (duration_ - (now - *startTime_) % duration_) : now + duration_;
      timer_.requestAt(nextEmit_);
    }
    // Only on the wall clock can an event find a boundary passed (its timer is late); as in
    // Siddhi the event then still joins the closing batch.
    bool closes = passBoundary(now);
    out_.rows.clear();
    batch_.append(row.data, row.timestamp);
    if (streamCurrent_) out_.rows.push_back({batch_.row(batch_.size() - 1), row.timestamp, EventKind::Current});
    if (closes) {
      flush(now);
    } else {
      emit(out_);
    }
  }
}

void TimeBatchWindow::onTimer(int64_t due) {
  timer_.fired(due);
  const int64_t now = clock_->now();
  if (!passBoundary(now)) return;
  out_.rows.clear();
  flush(now);
}

void TimeBatchWindow::flush(int64_t now) {
  if (streamCurrent_) {
    // The arrivals were emitted as they came: expire them and reset.
    batch_.addTo(out_, EventKind::Expired, now);
    if (!batch_.empty()) out_.rows.push_back({batch_.row(0), now, EventKind::Reset});
    emit(out_);
    batch_.clear();
    return;
  }
  previous_.addTo(out_, EventKind::Expired, now);
  batch_.addAsNewBatch(out_, now);
  emit(out_);
  previous_.swap(batch_);
  batch_.clear();
}

}  // namespace cepheus::runtime
