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
#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class CronWindow final : public StatefulOperator, public WindowContent {
 public:
  CronWindow(CronSchedule schedule, std::string text, size_t width)
      : schedule_(std::move(schedule)), text_(std::move(text)), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override { return "cron(" + text_ + ")"; }

 private:
  struct State;
  // Flushes if the wall clock reached the next fire time, and finds the one after.
  void fireIfDue(ExecContext& ctx, State& s) const;
  void flush(ExecContext& ctx, State& s) const;
  // On the wall clock: asks for a timer at the next fire time (never in playback).
  void arm(ExecContext& ctx, State& s) const;

  CronSchedule schedule_;
  std::string text_;  // the schedule as written
  size_t width_;
};

}  // namespace cepheus::runtime
