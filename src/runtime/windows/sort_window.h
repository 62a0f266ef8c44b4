// `#window.sort(n, attr[, 'asc'|'desc'], attr2, ...)`: keeps the n "smallest" events by the
// given order. Each arrival is emitted as CURRENT; when the window then holds n + 1 events the
// greatest one (the arrival itself if it sorts last; among equals the latest) is EXPIRED in the
// same chunk, after the arrival, so the arrival's aggregates still include it (as in Siddhi).
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class SortWindow final : public StatefulOperator, public WindowContent {
 public:
  struct Key {
    int index;  // attribute
    bool descending;
  };
  SortWindow(size_t length, std::vector<Key> keys, size_t width)
      : length_(length), keys_(std::move(keys)), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  int compare(const Value* a, const Value* b) const;

  size_t length_;
  std::vector<Key> keys_;
  size_t width_;
};

}  // namespace cepheus::runtime
