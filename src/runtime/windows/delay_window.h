// `#window.delay(t)`: holds each event and releases it t milliseconds after its timestamp, as a
// CURRENT event stamped with the release time. Nothing is emitted on arrival and nothing is
// ever expired. Release is driven by a timer, so in playback delayed events come out before
// the event that moved the clock.
#pragma once

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/scheduler.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class DelayWindow final : public Operator, public TimerTarget {
 public:
  DelayWindow(int64_t delay, size_t width, const Clock* clock, Scheduler* scheduler);
  void process(const Chunk& chunk) override;
  void onTimer(int64_t due) override;

 private:
  void release();

  int64_t delay_;
  const Clock* clock_;
  WindowTimer timer_;
  RowQueue held_;
  RowBuffer released_;
  Chunk out_;
};

}  // namespace cepheus::runtime
