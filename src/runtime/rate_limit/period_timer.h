// The period ends of a time-based rate limit: origin + k * period. The origin is 0 on the
// playback clock (Siddhi 5.1.33 starts from the wall clock even in playback, which never fires
// for synthetic timestamps; Cepheus uses the playback clock) and the deploy time on the wall
// clock (AppState::startTime). A limiter keeps at most one period end pending, and only while
// it holds something to release: a period end with nothing to release emits nothing anyway,
// and a quiet gap (or a playback clock jumping from 0 to epoch timestamps) then costs no timer
// firings.
//
// A period end comes before anything else that happens at the same time (Siddhi's periodic
// timer was asked for a period earlier than, say, a window expiry due at the same time): when
// rows reach the limiter while the clock is already at the pending end, the limiter ends the
// period first and cancels the timer.
#pragma once

#include <optional>

#include "runtime/app_state.h"
#include "runtime/scheduler.h"

namespace cepheus::runtime {

class PeriodTimer {
 public:
  PeriodTimer(AppState& app, StateFrame& frame, const TimerTarget& target) : timer_(app.scheduler, target, frame) {}

  bool pending() const { return timer_.pending(); }

  // Asks for the end of the period the clock is in (a period includes its end: an event at
  // exactly a period end arrives after that end fired, so it belongs to the next period).
  void armForCurrentPeriod(const AppState& app, int64_t period) {
    if (timer_.pending()) return;
    int64_t elapsed = app.clock.now() - app.startTime;
    int64_t periods = elapsed >= 0 ? elapsed / period : -((-elapsed + period - 1) / period);
    timer_.arm(app.startTime + (periods + 1) * period);
  }

  // Asks for the period end after `due`, the one that just ended.
  void armAfter(int64_t due, int64_t period) {
    if (!timer_.pending()) timer_.arm(due + period);
  }

  // From process: the pending period end if the clock has reached it (see above).
  std::optional<int64_t> takeReached(const AppState& app) {
    if (!timer_.pending() || app.clock.now() < timer_.due()) return std::nullopt;
    int64_t due = timer_.due();
    timer_.cancel();
    return due;
  }

  void snapshot(StateWriter& out) const { timer_.snapshot(out); }
  void restore(StateReader& in) { timer_.restore(in); }

 private:
  Timer timer_;
};

}  // namespace cepheus::runtime
