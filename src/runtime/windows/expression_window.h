// `#window.expression('<condition>')`: a sliding window that keeps as many of the latest
// events as the condition allows (`count() <= 20`, `sum(price) < 100`,
// `eventTimestamp(last) - eventTimestamp(first) < 3000`).
//
// Each arrival is added and the condition evaluated; while it does not hold the oldest event is
// removed (the condition re-evaluated after each removal, with the removed event in slot 0, as
// Siddhi does). The chunk is [removed events as EXPIRED, timestamp = now] then the arrival as
// CURRENT. If the condition never holds the arrival itself ends up expired.
#pragma once

#include "runtime/join/window_content.h"
#include "runtime/operator.h"
#include "runtime/windows/window_condition.h"

namespace cepheus::runtime {

class ExpressionWindow final : public StatefulOperator, public WindowContent {
 public:
  ExpressionWindow(WindowCondition condition, std::string text, size_t width)
      : condition_(std::move(condition)), text_(std::move(text)), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override { return "expression(" + text_ + "; " + condition_.aggregates().layout() + ")"; }

 private:
  struct State;
  void arrive(ExecContext& ctx, State& s, const EventRow& row) const;

  WindowCondition condition_;
  std::string text_;  // the condition as written
  size_t width_;
};

}  // namespace cepheus::runtime
