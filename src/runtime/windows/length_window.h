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
// partitioned `length(10)` + `avg(price)` holds ten prices, not ten events, as nine bytes each
// when they are numbers, in a ring of n slots (the arrivals go on as they came, so the row
// pushed out is copied out first). The rows it expires carry those attributes, in their
// places, and null elsewhere.
#pragma once

#include <optional>
#include <vector>

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

// The attributes a window keeps of its rows, when it need not keep them all.
struct KeptAttributes {
  std::vector<uint32_t> columns;  // ascending
  bool numbers = false;           // their types hold only numbers and bools (or null)
};

// A pruned window is never a join side or a named window (the planner prunes only a single
// stream query's last window), so the rows a join finds are always whole.
class LengthWindow final : public StatefulOperator, public WindowContent {
 public:
  LengthWindow(size_t length, size_t width, std::optional<KeptAttributes> kept = std::nullopt)
      : length_(length), width_(width), pruned_(kept.has_value()), numbers_(kept && kept->numbers),
        kept_(kept ? std::move(kept->columns) : std::vector<uint32_t>{}) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  template <class Ring> struct PrunedState;
  void processInParts(ExecContext& ctx, State& s, const Chunk& chunk) const;
  template <class Ring> void processPruned(ExecContext& ctx, Ring& rows, const Chunk& chunk) const;

  size_t length_;
  size_t width_;
  bool pruned_;                 // it keeps only kept_ (perhaps none), not every attribute
  bool numbers_;                // ... and those as numbers (NumberRing)
  std::vector<uint32_t> kept_;
};

}  // namespace cepheus::runtime
