// `#window.lengthBatch(n[, streamCurrent])`: tumbling batches of n events.
//
// Default: nothing is emitted until the n-th event of a batch arrives; then one chunk carries
// the previous batch as EXPIRED, a RESET (so aggregates restart) and the n events as CURRENT.
// A partial batch is never flushed. With streamCurrent every arrival passes through at once,
// and the (n+1)-th arrival first expires the batch so far and resets. lengthBatch(0) makes
// every event a batch of its own (current, expired, reset), as in Siddhi.
#pragma once

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class LengthBatchWindow final : public StatefulOperator, public WindowContent {
 public:
  LengthBatchWindow(size_t length, bool streamCurrent, size_t width)
      : length_(length), streamCurrent_(streamCurrent), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override {
    return "lengthBatch(" + std::to_string(length_) + ", " + (streamCurrent_ ? "stream" : "batch") + ")";
  }

 private:
  struct State;
  void arrive(ExecContext& ctx, State& s, const EventRow& row) const;

  size_t length_;
  bool streamCurrent_;
  size_t width_;
};

}  // namespace cepheus::runtime
