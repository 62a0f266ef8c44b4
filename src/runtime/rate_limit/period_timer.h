// The period ends of a time-based rate limit: origin + k * period. The origin is 0 on the
// playback clock (Siddhi 5.1.33 starts from the wall clock even in playback, which never fires
// for synthetic timestamps; Cepheus uses the playback clock) and the deploy time on the wall
// clock. A limiter keeps at most one period end pending, and only while it holds something to
// release: a period end with nothing to release emits nothing anyway, and a quiet gap (or a
// playback clock jumping from 0 to epoch timestamps) then costs no timer firings.
//
// A period end comes before anything else that happens at the same time (Siddhi's periodic
// timer was asked for a period earlier than, say, a window expiry due at the same time): when
// rows reach the limiter while the clock is already at the pending end, the limiter ends the
// period first, and the timer, when it fires, finds nothing pending.
#pragma once

#include <optional>

#include "runtime/clock.h"
#include "runtime/scheduler.h"

namespace cepheus::runtime {

class PeriodTimer {
 public:
  PeriodTimer(int64_t period, const Clock* clock, Scheduler* scheduler, TimerTarget* target)
      : period_(period),
        origin_(clock->playback() ? 0 : clock->now()),
        clock_(clock),
        scheduler_(scheduler),
        target_(target) {}

  // Asks for the end of the period the clock is in (a period includes its end: an event at
  // exactly a period end arrives after that end fired, so it belongs to the next period).
  void armForCurrentPeriod() {
    int64_t elapsed = clock_->now() - origin_;
    int64_t periods = elapsed >= 0 ? elapsed / period_ : -((-elapsed + period_ - 1) / period_);
    arm(origin_ + (periods + 1) * period_);
  }

  // Asks for the period end after `due`, the one that just ended.
  void armAfter(int64_t due) { arm(due + period_); }

  // From onTimer: whether `due` is the pending period end (which it then no longer is).
  bool take(int64_t due) {
    if (!pending_ || due != due_) return false;
    pending_ = false;
    return true;
  }

  // From process: the pending period end if the clock has reached it (see above).
  std::optional<int64_t> takeReached() {
    if (!pending_ || clock_->now() < due_) return std::nullopt;
    pending_ = false;
    return due_;
  }

 private:
  void arm(int64_t due) {
    if (pending_) return;
    pending_ = true;
    due_ = due;
    scheduler_->schedule(due, target_);
  }

  int64_t period_;
  int64_t origin_;
  const Clock* clock_;
  Scheduler* scheduler_;
  TimerTarget* target_;
  bool pending_ = false;
  int64_t due_ = 0;
};

}  // namespace cepheus::runtime
