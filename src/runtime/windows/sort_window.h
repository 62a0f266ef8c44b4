// `#window.sort(n, attr[, 'asc'|'desc'], attr2, ...)`: keeps the n "smallest" events by the
// given order. Each arrival is emitted as CURRENT; when the window then holds n + 1 events the
// greatest one (the arrival itself if it sorts last; among equals the latest) is EXPIRED in the
// same chunk, after the arrival, so the arrival's aggregates still include it (as in Siddhi).
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/clock.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class SortWindow final : public Operator {
 public:
  struct Key {
    int index;  // attribute
    bool descending;
  };
  SortWindow(size_t length, std::vector<Key> keys, size_t width, const Clock* clock);
  void process(const Chunk& chunk) override;

 private:
  int compare(const Value* a, const Value* b) const;
  Value* slot(uint32_t i) { return &slots_[i * width_]; }

  size_t length_;
  std::vector<Key> keys_;
  size_t width_;
  const Clock* clock_;
  std::vector<Value> slots_;     // length + 1 rows
  std::vector<uint32_t> order_;  // held slots, sorted
  uint32_t unused_ = 0;          // slots below this have been used
  uint32_t free_ = 0;            // the slot freed by the last expiry
  Chunk out_;
};

}  // namespace cepheus::runtime
