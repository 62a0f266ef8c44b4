// `#window.time(t)` and `#window.timeLength(t, n)`: sliding windows over the events of the last
// t milliseconds (and, for timeLength, at most the last n of them).
//
// An event with timestamp ts leaves when the clock reaches ts + t, so the window holds
// (now - t, now]. Expiry is driven by a timer at the oldest event's due time; in playback that
// timer fires before the event that moved the clock, so its expiries come in a chunk of their
// own. An arrival emits [events now due, the event pushed out by the count limit] as EXPIRED
// (timestamp = the clock), then itself as CURRENT.
#pragma once

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/scheduler.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class TimeWindow final : public Operator, public TimerTarget {
 public:
  // maxLength 0: no count limit (time); otherwise timeLength.
  TimeWindow(int64_t duration, size_t maxLength, size_t width, const Clock* clock, Scheduler* scheduler);
  void process(const Chunk& chunk) override;
  void onTimer(int64_t due) override;

 private:
  void expireDue(int64_t now);
  void armTimer();

  int64_t duration_;
  size_t maxLength_;
  const Clock* clock_;
  WindowTimer timer_;
  RowQueue window_;
  RowBuffer expired_;  // rows taken out of the window for the chunk being emitted
  Chunk out_;
};

}  // namespace cepheus::runtime
