// `define trigger T at 'start' | at every <period> | at '<cron>'`: the only writer of the stream
// T (triggered_time long). Each firing is one event, in a chunk of its own, whose timestamp and
// triggered_time are the engine clock's time of the firing.
//
// When it fires:
// - 'start': once, when the app starts (App::start), with the clock's time then: 0 in playback
//   before any event, as in Siddhi. A restored app that had fired does not fire again, so a run
//   split by a snapshot emits what one run emits.
// - every <period>: on the wall clock, each period after start (Siddhi's scheduleAtFixedRate
//   with the period as initial delay); periods missed while the app was down fire once, not
//   once each. In playback (our choice, deterministic; Siddhi uses the wall clock there too)
//   the periods start when the clock first has a time (start, or the first event when the clock
//   is still 0) and the trigger fires at each period end the clock passes, before the event that
//   passed it, stamped with that period end.
// - '<cron>': the same, at the times of the Quartz expression.
// Its state (fired, the next due time) is saved by snapshots.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/cron_schedule.h"
#include "runtime/junction.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class Trigger final : public StatefulOperator {
 public:
  enum class Kind { Start, Periodic, Cron };
  Trigger(std::string name, Kind kind, int64_t periodMs, std::optional<CronSchedule> cron, const Junction& stream)
      : name_(std::move(name)), kind_(kind), periodMs_(periodMs), cron_(std::move(cron)), stream_(stream) {}

  // The app starts (on its executor, after any restore): a start trigger fires, a periodic or
  // cron trigger schedules its first firing. Nothing happens twice in one state.
  void start(ExecContext& ctx) const;

  // Nothing publishes into a trigger (the analyzer rejects `insert into` a trigger).
  void process(ExecContext& ctx, const Chunk& chunk) const override;
  void onTimer(ExecContext& ctx, int64_t due) const override;

  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;
  const std::string& name() const { return name_; }

 private:
  struct State;
  void fire(ExecContext& ctx, int64_t time) const;
  // The first fire time strictly after `time`; none when a cron schedule is over.
  std::optional<int64_t> nextAfter(int64_t time) const;

  std::string name_;
  Kind kind_;
  int64_t periodMs_;
  std::optional<CronSchedule> cron_;
  const Junction& stream_;
};

}  // namespace cepheus::runtime
