// Runs runtime operators outside an app, the way an app's executor does: one AppState (clock,
// timers, state frame), one lane of scratch buffers, and a manual clock as the time source.
#pragma once

#include <cstdint>

#include "cepheus/time_source.h"
#include "runtime/app_state.h"
#include "runtime/operator.h"

namespace cepheus::testing {

class OperatorHarness {
 public:
  static constexpr size_t kSlots = 16;

  // `wallStart`: where the manual clock starts (the app's start time on the wall clock).
  explicit OperatorHarness(bool playback = true, int64_t wallStart = 0)
      : time(wallStart), state(playback, time, kSlots), lane(kSlots) {}

  // Gives `op` an id and, when it keeps state, a state slot, as an app does.
  void adopt(runtime::Operator& op) {
    op.setId(nextId_++);
    if (auto* stateful = dynamic_cast<runtime::StatefulOperator*>(&op); stateful && stateful->hasState())
      stateful->setStateSlot(nextSlot_++);
  }

  runtime::ExecContext context() { return {state, state.globals, lane}; }
  void process(const runtime::Operator& op, const runtime::Chunk& chunk) {
    runtime::ExecContext ctx = context();
    op.process(ctx, chunk);
  }

  // Playback: an event at `ts` is about to arrive; the timers it passes fire first.
  void advance(int64_t ts) { state.advanceTo(lane, ts); }
  // Wall clock: the time source moves to `t`, and the timers due by then fire.
  void advanceWall(int64_t t) {
    time.set(t);
    state.fireTimersUntil(lane, t);
  }

  runtime::Scheduler& scheduler() { return state.scheduler; }
  runtime::Clock& clock() { return state.clock; }

  ManualClock time;
  runtime::AppState state;
  runtime::Lane lane;

 private:
  uint32_t nextId_ = 0;
  uint32_t nextSlot_ = 0;
};

}  // namespace cepheus::testing
