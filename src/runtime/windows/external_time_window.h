// `#window.externalTime(tsAttr, t)`: a sliding time window whose clock is a long attribute of
// the events. An arrival with attribute time T first expires every held event with
// time + t <= T (oldest first, stopping at the first one still inside), then is added. No
// timers: nothing expires until a later event arrives. Expired rows carry T as their timestamp.
#pragma once

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class ExternalTimeWindow final : public StatefulOperator, public WindowContent {
 public:
  ExternalTimeWindow(int timeIndex, int64_t duration, size_t width)
      : timeIndex_(timeIndex), duration_(duration), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override {
    return "externalTime(" + std::to_string(timeIndex_) + ", " + std::to_string(duration_) + ")";
  }

 private:
  struct State;
  int timeIndex_;
  int64_t duration_;
  size_t width_;
};

}  // namespace cepheus::runtime
