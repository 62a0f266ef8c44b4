// `#window.batch([n])`: every incoming chunk is a batch (split into pieces of n events when n
// is given). Each piece is emitted as one chunk: [the previous incoming chunk's events as
// EXPIRED (first piece only), RESET, the piece as CURRENT]. Events sent together through the
// API are separate arrivals here (Chunk::independent), so each is a batch of its own.
#pragma once

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class BatchWindow final : public StatefulOperator, public WindowContent {
 public:
  BatchWindow(size_t pieceLength, size_t width) : pieceLength_(pieceLength), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override { return "batch(" + std::to_string(pieceLength_) + ")"; }

 private:
  struct State;
  void batch(ExecContext& ctx, State& s, const EventRow* rows, size_t count) const;

  size_t pieceLength_;  // 0: the whole chunk
  size_t width_;
};

}  // namespace cepheus::runtime
