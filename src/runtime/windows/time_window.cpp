#include "runtime/windows/time_window.h"

namespace cepheus::runtime {

TimeWindow::TimeWindow(int64_t duration, size_t maxLength, size_t width, const Clock* clock, Scheduler* scheduler)
    : duration_(duration),
      maxLength_(maxLength),
      clock_(clock),
      timer_(scheduler, this),
      window_(width),
      expired_(width) {}

void TimeWindow::expireDue(int64_t now) {
  while (!window_.empty() && window_.frontTime() + duration_ <= now) window_.popInto(expired_);
}

void TimeWindow::armTimer() {
  if (!window_.empty()) timer_.requestAt(window_.frontTime() + duration_);
}

void TimeWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    const int64_t now = clock_->now();
    expired_.clear();
    expireDue(now);
    if (maxLength_ > 0 && window_.size() == maxLength_) window_.popInto(expired_);
    out_.rows.clear();
    expired_.addTo(out_, EventKind::Expired, now);
    const Value* stored = window_.push(row.data, row.timestamp);
    out_.rows.push_back({stored, row.timestamp, EventKind::Current});
    emit(out_);
    armTimer();
  }
}

void TimeWindow::onTimer(int64_t due) {
  timer_.fired(due);
  const int64_t now = clock_->now();
  expired_.clear();
  expireDue(now);
  out_.rows.clear();
  expired_.addTo(out_, EventKind::Expired, now);
  emit(out_);
  armTimer();
}

}  // namespace cepheus::runtime
