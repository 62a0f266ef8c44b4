// `#window.timeBatch(t[, startTime][, streamCurrent])`: tumbling batches of t milliseconds.
//
// The first boundary is the first event's time + t, or with startTime the next
// startTime + k*t after it; then every t. At each boundary one chunk carries the previous batch
// as EXPIRED, a RESET and the batch as CURRENT; a boundary with no new events emits only the
// expiry of the previous batch (if any). In playback the boundary timer fires before the event
// that reaches it, so that event belongs to the next batch; boundaries missed during a gap fire
// one after another. With streamCurrent arrivals pass through at once and a boundary only
// expires them and resets.
#pragma once

#include <optional>

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class TimeBatchWindow final : public StatefulOperator, public WindowContent {
 public:
  TimeBatchWindow(int64_t duration, std::optional<int64_t> startTime, bool streamCurrent, size_t width)
      : duration_(duration), startTime_(startTime), streamCurrent_(streamCurrent), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  // Moves to the next boundary if the clock reached it; true when a batch closes.
  bool passBoundary(State& s, int64_t now) const;
  // Adds the closing batch to `out` (after whatever it already holds) and emits.
  void flush(ExecContext& ctx, State& s, Chunk& out, int64_t now) const;

  int64_t duration_;
  std::optional<int64_t> startTime_;
  bool streamCurrent_;
  size_t width_;
};

}  // namespace cepheus::runtime
