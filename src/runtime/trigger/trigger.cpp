#include "runtime/trigger/trigger.h"

#include <stdexcept>

#include "runtime/app_state.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

struct Trigger::State final : OperatorState {
  State(AppState& app, StateFrame& frame, const Trigger& trigger) : timer(app.scheduler, trigger, frame) {}
  void snapshot(StateWriter& out) const override {
    out.boolean(started);
    out.boolean(anchored);
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    started = in.boolean();
    anchored = in.boolean();
    timer.restore(in);
  }
  // A trigger always has something ahead of it (its next firing) once started.
  bool canDestroy() const override { return !started && !timer.pending(); }

  bool started = false;   // start() ran: a start trigger has fired, a periodic one is scheduled
  bool anchored = false;  // playback: the periods have their origin (the clock had a time)
  Timer timer;            // the next firing (playback, before anchoring: the first event)
};

namespace {

// A trigger's event: its one value lives in the lane's scratch with the chunk that carries it.
struct TriggerScratch final : Scratch {
  Chunk chunk;
  Value time;
};

}  // namespace

std::unique_ptr<OperatorState> Trigger::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(app, frame, *this);
}

std::string Trigger::stateLayout() const {
  switch (kind_) {
    case Kind::Start:
      return "trigger at start";
    case Kind::Periodic:
      return "trigger every " + std::to_string(periodMs_);
    case Kind::Cron:
      break;
  }
  return "trigger at cron";
}

void Trigger::process(ExecContext&, const Chunk&) const {
  throw std::logic_error("events were sent into trigger '" + name_ + "', which only the trigger writes");
}

std::optional<int64_t> Trigger::nextAfter(int64_t time) const {
  if (kind_ == Kind::Periodic) return time + periodMs_;
  return cron_->next(time);
}

void Trigger::start(ExecContext& ctx) const {
  State& s = state<State>(ctx);
  if (s.started) return;
  s.started = true;
  const int64_t now = ctx.app.clock.now();
  if (kind_ == Kind::Start) {
    fire(ctx, now);
    return;
  }
  if (ctx.app.clock.playback() && now == 0) {
    // No time yet: the first event (or heartbeat) fires this timer, and the periods start there.
    s.timer.arm(0);
    return;
  }
  s.anchored = true;
  if (std::optional<int64_t> next = nextAfter(now)) s.timer.arm(*next);
}

void Trigger::onTimer(ExecContext& ctx, int64_t due) const {
  State& s = state<State>(ctx);
  const int64_t now = ctx.app.clock.now();
  if (!s.anchored) {
    s.anchored = true;
    if (std::optional<int64_t> next = nextAfter(now)) s.timer.arm(*next);
    return;
  }
  if (ctx.app.clock.playback()) {
    // Each period end the clock passed fires, stamped with its own time; the scheduler calls
    // again for the next one when it is due too.
    fire(ctx, due);
    if (std::optional<int64_t> next = nextAfter(due)) s.timer.arm(*next);
    return;
  }
  // Wall clock: fires now; the next firing is the first one still ahead.
  fire(ctx, now);
  std::optional<int64_t> next = nextAfter(due);
  if (next && *next <= now) {
    next = kind_ == Kind::Periodic ? due + ((now - due) / periodMs_ + 1) * periodMs_ : nextAfter(now);
  }
  if (next) s.timer.arm(*next);
}

void Trigger::fire(ExecContext& ctx, int64_t time) const {
  auto& scratch = ctx.lane.scratch<TriggerScratch>(id());
  scratch.time = Value::ofLong(time);
  scratch.chunk.clear();
  scratch.chunk.rows.push_back({&scratch.time, time, EventKind::Current});
  ExecContext global{ctx.app, ctx.app.globals, ctx.lane};
  stream_.publish(global, scratch.chunk);
}

}  // namespace cepheus::runtime
