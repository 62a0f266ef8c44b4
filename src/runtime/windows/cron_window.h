// `#window.cron('<quartz cron expression>')`: tumbling batches closed on a cron schedule of
// the WALL clock, in playback too (Siddhi hands the schedule to Quartz, which knows nothing of
// the app's clock).
//
// At a fire time a non-empty batch is emitted as one chunk: [previous batch as EXPIRED,
// timestamp = the app clock] then [the batch as CURRENT, own timestamps], with no RESET row
// (as in Siddhi; the expired rows take the old batch out of aggregates). An empty batch emits
// nothing and the previous batch stays until a later batch replaces it.
//
// When fire times are noticed: on the wall clock a timer of the app's scheduler wakes the window
// at each fire time. In playback the scheduler runs on event time, which has nothing to do with
// the wall clock, so there is no timer: each arrival first compares the wall clock with the
// next fire time and flushes if it has passed; the arrival then joins the new batch. (Between
// events nothing happens in playback, as for every other timer; the batch is emitted when the
// next event arrives.) The same check on the wall clock covers an event arriving just before a
// late timer fires.
#pragma once

#include "common/cron_schedule.h"
#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/scheduler.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class CronWindow final : public Operator, public TimerTarget {
 public:
  using WallClock = int64_t (*)();

  // `wallClock` reads the wall time (Clock::wallTime; tests pass their own).
  CronWindow(CronSchedule schedule, size_t width, const Clock* clock, Scheduler* scheduler,
             WallClock wallClock = &Clock::wallTime);
  void process(const Chunk& chunk) override;
  void onTimer(int64_t due) override;

 private:
  // Flushes if the wall clock reached the next fire time, and finds the one after.
  void fireIfDue();
  void flush();
  // On the wall clock: asks the scheduler for the next fire time (never in playback).
  void arm();

  CronSchedule schedule_;
  const Clock* clock_;
  WindowTimer timer_;
  WallClock wallClock_;
  std::optional<int64_t> nextFire_;  // none once the schedule has no future fire time
  RowBuffer batch_;
  RowBuffer previous_;
  Chunk out_;
};

}  // namespace cepheus::runtime
