// `#window.time(t)` and `#window.timeLength(t, n)`: sliding windows over the events of the last
// t milliseconds (and, for timeLength, at most the last n of them).
//
// An event with timestamp ts leaves when the clock reaches ts + t, so the window holds
// (now - t, now]. Expiry is driven by a timer at the oldest event's due time; in playback that
// timer fires before the event that moved the clock, so its expiries come in a chunk of their
// own. An arrival emits [events now due, the event pushed out by the count limit] as EXPIRED
// (timestamp = the clock), then itself as CURRENT.
#pragma once

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class RowBuffer;

class TimeWindow final : public StatefulOperator, public WindowContent {
 public:
  // maxLength 0: no count limit (time); otherwise timeLength.
  TimeWindow(int64_t duration, size_t maxLength, size_t width)
      : duration_(duration), maxLength_(maxLength), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override {
    return "time(" + std::to_string(duration_) + ", " + std::to_string(maxLength_) + ")";
  }

 private:
  struct State;
  void expireDue(State& s, int64_t now, RowBuffer& expired) const;
  void armTimer(State& s) const;

  int64_t duration_;
  size_t maxLength_;
  size_t width_;
};

}  // namespace cepheus::runtime
