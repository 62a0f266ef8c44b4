#include "runtime/windows/delay_window.h"

namespace cepheus::runtime {

DelayWindow::DelayWindow(int64_t delay, size_t width, const Clock* clock, Scheduler* scheduler)
    : delay_(delay), clock_(clock), timer_(scheduler, this), held_(width), released_(width) {}

void DelayWindow::release() {
  const int64_t now = clock_->now();
  released_.clear();
  while (!held_.empty() && held_.frontTime() + delay_ <= now) held_.popInto(released_);
  out_.rows.clear();
  released_.addTo(out_, EventKind::Current, now);
  emit(out_);
  if (!held_.empty()) timer_.requestAt(held_.frontTime() + delay_);
}

void DelayWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    release();
    held_.push(row.data, row.timestamp);
    timer_.requestAt(held_.frontTime() + delay_);
  }
}

void DelayWindow::onTimer(int64_t due) {
  timer_.fired(due);
  release();
}

}  // namespace cepheus::runtime
