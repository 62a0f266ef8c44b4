// `#window.length(n)`: a sliding window over the last n events. Each arrival is emitted as
// CURRENT; once the window is full, the arrival pushes out the oldest event, which is emitted
// as EXPIRED in the same chunk, before the arrival.
//
// The rows live in a ring that grows with the window's content up to n + 1 slots: the arrival is
// written to the spare slot, so the row it pushes out is still in its own slot while the chunk
// travels downstream and nothing is copied twice.
//
// A window may keep only the attributes read from the rows it expires (`kept`, chosen by the
// planner: what the aggregates and group by read when expired rows are not output): a key of a
// partitioned `length(10)` + `avg(price)` holds ten prices, not ten events. The rows it expires
// then carry those attributes, in their places, and null elsewhere.
#pragma once

#include <optional>
#include <vector>

#include "runtime/operator.h"

namespace cepheus::runtime {

class LengthWindow final : public StatefulOperator {
 public:
  LengthWindow(size_t length, size_t width, std::optional<std::vector<uint32_t>> kept = std::nullopt)
      : length_(length), width_(width), pruned_(kept.has_value()), kept_(kept ? std::move(*kept) : std::vector<uint32_t>{}) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  void processInParts(ExecContext& ctx, State& s, const Chunk& chunk) const;
  void processPruned(ExecContext& ctx, State& s, const Chunk& chunk) const;

  size_t length_;
  size_t width_;
  bool pruned_;                 // it keeps only kept_ (perhaps none), not every attribute
  std::vector<uint32_t> kept_;
};

}  // namespace cepheus::runtime
