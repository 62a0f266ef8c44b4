// A pattern or sequence query's input: the operator every stream the pattern reads hands its
// events to (through a PatternInput each), and that hands complete matches to the selector, one
// part per match (Siddhi gives the selector one match at a time). Its state is a PatternState;
// the state machine itself is PatternRun.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "runtime/operator.h"
#include "runtime/pattern/pattern_plan.h"

namespace cepheus::runtime::pattern {

struct Match;
class PatternState;

class PatternOperator final : public StatefulOperator {
 public:
  explicit PatternOperator(PatternPlan plan);
  ~PatternOperator() override;

  // Events come in through processStream (a pattern reads several streams).
  void process(ExecContext& ctx, const Chunk& chunk) const override;
  // Events of input stream `stream` (an index into the plan's streams).
  void processStream(ExecContext& ctx, const Chunk& chunk, uint32_t stream) const;

  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;
  // An absent first state starts its period when the app starts, before any event.
  bool startsWithApp() const override { return !plan_.absentStates.empty(); }

  // State `state`'s timer fired (absent states).
  void onStateTimer(ExecContext& ctx, uint32_t state, int64_t due) const;
  // Hands complete matches to the selector.
  void emitMatches(ExecContext& ctx, std::span<Match* const> matches) const;

  const PatternPlan& plan() const { return plan_; }
  // A row of nulls as wide as the widest input: what stands in for an absent event.
  const Value* blankRow() const { return blank_.data(); }

 private:
  class StateTimer;

  PatternPlan plan_;
  std::vector<std::unique_ptr<StateTimer>> timers_;  // per state; null for states without a timer
  std::vector<const TimerTarget*> timerTargets_;
  std::vector<Value> blank_;
};

// Subscribed to one stream the pattern reads: forwards its chunks, saying which stream they are.
class PatternInput final : public Operator {
 public:
  PatternInput(const PatternOperator& pattern, uint32_t stream) : pattern_(pattern), stream_(stream) {}
  void process(ExecContext& ctx, const Chunk& chunk) const override { pattern_.processStream(ctx, chunk, stream_); }

 private:
  const PatternOperator& pattern_;
  uint32_t stream_;
};

}  // namespace cepheus::runtime::pattern
