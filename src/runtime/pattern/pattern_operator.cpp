#include "runtime/pattern/pattern_operator.h"

#include <algorithm>

#include "runtime/app_state.h"
#include "runtime/pattern/pattern_run.h"

namespace cepheus::runtime::pattern {

namespace {

struct EmitScratch final : Scratch {
  Chunk chunk;
  std::vector<uint32_t> ends;
};

const char* kindName(StateKind kind) {
  switch (kind) {
    case StateKind::Stream: return "stream";
    case StateKind::Count: return "count";
    case StateKind::Logical: return "logical";
    case StateKind::AbsentStream: return "absent";
    case StateKind::AbsentLogical: return "absent-logical";
  }
  return "?";
}

}  // namespace

// What an absent state's timer calls.
class PatternOperator::StateTimer final : public TimerTarget {
 public:
  StateTimer(const PatternOperator& pattern, uint32_t state) : pattern_(pattern), state_(state) {}
  void onTimer(ExecContext& ctx, int64_t due) const override { pattern_.onStateTimer(ctx, state_, due); }

 private:
  const PatternOperator& pattern_;
  uint32_t state_;
};

PatternOperator::PatternOperator(PatternPlan plan) : plan_(std::move(plan)) {
  size_t widest = 0;
  for (size_t width : plan_.streamWidths) widest = std::max(widest, width);
  blank_.resize(std::max<size_t>(widest, 1));
  for (size_t i = 0; i < plan_.states.size(); ++i) {
    timers_.push_back(isAbsent(plan_.states[i].kind) ? std::make_unique<StateTimer>(*this, static_cast<uint32_t>(i))
                                                     : nullptr);
    timerTargets_.push_back(timers_.back().get());
  }
}

PatternOperator::~PatternOperator() = default;

void PatternOperator::process(ExecContext& ctx, const Chunk& chunk) const { processStream(ctx, chunk, 0); }

void PatternOperator::processStream(ExecContext& ctx, const Chunk& chunk, uint32_t stream) const {
  auto& st = state<PatternState>(ctx);
  PatternRun run(*this, st, ctx.app, &ctx);
  // Each event is a chunk of its own: it may complete matches the next one depends on. A
  // pattern reads events as they arrive, not what leaves a named window.
  for (const EventRow& row : chunk.rows)
    if (row.kind == EventKind::Current) run.arrive(row, stream);
}

std::unique_ptr<OperatorState> PatternOperator::makeState(AppState& app, StateFrame& frame) const {
  auto st = std::make_unique<PatternState>(plan_, app.scheduler, frame, timerTargets_);
  st->store.setBlank(blank_.data());
  PatternRun run(*this, *st, app, nullptr);
  run.start(app.startTime);
  return st;
}

std::string PatternOperator::stateLayout() const {
  std::string layout = plan_.sequence ? "sequence" : "pattern";
  for (size_t s = 0; s < plan_.streamNames.size(); ++s)
    layout += " " + plan_.streamNames[s] + "/" + std::to_string(plan_.streamWidths[s]);
  for (const StateDef& d : plan_.states) {
    layout += std::string(" [") + kindName(d.kind) + " " + plan_.streamNames[d.stream];
    if (d.kind == StateKind::Count) layout += " " + std::to_string(d.minCount) + ":" + std::to_string(d.maxCount);
    if (d.waiting >= 0) layout += " for " + std::to_string(d.waiting);
    layout += "]";
  }
  if (plan_.within >= 0) layout += " within " + std::to_string(plan_.within);
  return layout;
}

void PatternOperator::onStateTimer(ExecContext& ctx, uint32_t state, int64_t) const {
  auto& st = this->state<PatternState>(ctx);
  PatternRun run(*this, st, ctx.app, &ctx);
  run.timerFired(state);
}

void PatternOperator::emitMatches(ExecContext& ctx, std::span<Match* const> matches) const {
  auto& scratch = ctx.lane.scratch<EmitScratch>(id());
  Chunk& chunk = scratch.chunk;
  chunk.clear();
  scratch.ends.clear();
  for (Match* m : matches) {
    // An expression reads a match through its parts; `data` is the first state's event, which
    // the selector reads in place when every match has one (a row of nulls otherwise).
    const Value* first = m->heads[0] ? m->heads[0]->data : blank_.data();
    chunk.rows.push_back({first, m->timestamp, EventKind::Current, &m->parts});
    scratch.ends.push_back(static_cast<uint32_t>(chunk.rows.size()));
  }
  // Each match is a chunk of its own for the selector (one row per match when aggregating).
  if (nextAcceptsParts()) {
    emitParts(ctx, chunk, scratch.ends);
    return;
  }
  Chunk one;
  for (const EventRow& row : chunk.rows) {
    one.rows.assign(1, row);
    emit(ctx, one);
  }
}

}  // namespace cepheus::runtime::pattern
