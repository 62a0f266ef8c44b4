#include "runtime/windows/cron_window.h"

namespace cepheus::runtime {

CronWindow::CronWindow(CronSchedule schedule, size_t width, const Clock* clock,
                       Scheduler* scheduler, WallClock wallClock)
    : schedule_(std::move(schedule)),
      clock_(clock),
      timer_(scheduler, this),
      wallClock_(wallClock),
      nextFire_(schedule_.next(wallClock_())),
      batch_(width),
      previous_(width) {
  arm();
}

void CronWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    fireIfDue();
    batch_.append(row.data, row.timestamp);
  }
}

void CronWindow::onTimer(int64_t due) {
  timer_.fired(due);
  fireIfDue();
  arm();  // an arrival may have flushed first, and its request was absorbed by this timer's
}

void CronWindow::fireIfDue() {
  const int64_t wall = wallClock_();
  if (!nextFire_ || wall < *nextFire_) return;
  flush();
  nextFire_ = schedule_.next(wall);
  arm();
}

void CronWindow::arm() {
  if (nextFire_ && !clock_->playback()) timer_.requestAt(*nextFire_);
}

void CronWindow::flush() {
  if (batch_.empty()) return;
  out_.rows.clear();
  previous_.addTo(out_, EventKind::Expired, clock_->now());
  batch_.addTo(out_, EventKind::Current);
  emit(out_);
  previous_.swap(batch_);
  batch_.clear();
}

}  // namespace cepheus::runtime
