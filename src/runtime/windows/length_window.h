// `#window.length(n)`: a sliding window over the last n events. Each arrival is emitted as
// CURRENT; once the window is full, the arrival pushes out the oldest event, which is emitted
// as EXPIRED in the same chunk, before the arrival.
//
// The rows live in a ring that grows with the window's content up to n + 1 slots: the arrival is
// written to the spare slot, so the row it pushes out is still in its own slot while the chunk
// travels downstream and nothing is copied twice.
#pragma once

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class LengthWindow final : public StatefulOperator, public WindowContent {
 public:
  LengthWindow(size_t length, size_t width) : length_(length), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override { return "length(" + std::to_string(length_) + ")"; }

 private:
  struct State;
  void processInParts(ExecContext& ctx, State& s, const Chunk& chunk) const;

  size_t length_;
  size_t width_;
};

}  // namespace cepheus::runtime
