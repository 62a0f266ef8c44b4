// `#window.delay(t)`: holds each event and releases it t milliseconds after its timestamp, as a
// CURRENT event stamped with the release time. Nothing is emitted on arrival and nothing is
// ever expired. Release is driven by a timer, so in playback delayed events come out before
// the event that moved the clock.
#pragma once

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class DelayWindow final : public StatefulOperator, public WindowContent {
 public:
  DelayWindow(int64_t delay, size_t width) : delay_(delay), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override { return "delay(" + std::to_string(delay_) + ")"; }

 private:
  struct State;
  void release(ExecContext& ctx, State& s) const;

  int64_t delay_;
  size_t width_;
};

}  // namespace cepheus::runtime
