// What an app remembers as a whole, apart from its operators' states: its clock, its timers and
// the frame of its queries' states. Snapshots save it and restore() builds a new one, so a
// restore that fails leaves the running app's state untouched.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/scheduler.h"
#include "runtime/state/operator_state.h"

namespace cepheus::runtime {

// Told each time an app's playback clock moves on (a parallel partition's shards keep clocks
// of their own and follow the app's).
class ClockFollower {
 public:
  virtual ~ClockFollower() = default;
  virtual void clockAt(int64_t now) = 0;
};

class AppState {
 public:
  AppState(bool playback, const TimeSource& time, size_t globalStates)
      : clock(playback, time), globals(globalStates), startTime(playback ? 0 : time.now()) {}
  AppState(const AppState&) = delete;
  AppState& operator=(const AppState&) = delete;

  // Fires every timer due at or before `time`, in due order (then in the order they were armed),
  // including ones armed while firing if they are due.
  void fireTimersUntil(Lane& lane, int64_t time) {
    while (Timer* timer = scheduler.popDue(time)) {
      ExecContext ctx{*this, timer->frame(), lane};
      timer->target().onTimer(ctx, timer->due());
    }
  }

  // Playback: an event at `timestamp` arrives. As in Siddhi, the clock is already at the new time
  // when the timers it passes fire, so a window whose events became due at different moments
  // expires them in one chunk, stamped with that time.
  void advanceTo(Lane& lane, int64_t timestamp) {
    clock.observe(timestamp);
    fireTimersUntil(lane, clock.now());
    for (ClockFollower* follower : clockFollowers) follower->clockAt(clock.now());
  }

  Clock clock;
  // Before the frames: a parallel partition's shards, in the frames, leave it when destroyed.
  std::vector<ClockFollower*> clockFollowers;
  Scheduler scheduler;  // before the frames: their states cancel their timers when destroyed
  StateFrame globals;   // the states of the app's queries and named windows
  // The clock when the app was deployed (0 in playback): where wall-clock rate-limit periods
  // begin, kept by snapshots so a restored app keeps its period boundaries.
  int64_t startTime;
};

}  // namespace cepheus::runtime
