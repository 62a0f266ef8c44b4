// `#window.length(n)`: a sliding window over the last n events. Each arrival is emitted as
// CURRENT; once the window is full, the arrival pushes out the oldest event, which is emitted
// as EXPIRED in the same chunk, before the arrival.
//
// Rows live in a ring of n + 1 slots: the arrival is written to the spare slot, so the row it
// pushes out is still in its own slot while the chunk travels downstream and nothing is copied
// twice.
#pragma once

#include <vector>

#include "runtime/operator.h"

namespace cepheus::runtime {

class LengthWindow final : public Operator {
 public:
  LengthWindow(size_t length, size_t width)
      : length_(length), slots_(length + 1), width_(width), ring_(slots_ * width) {}

  void process(const Chunk& chunk) override {
    for (const EventRow& row : chunk.rows) {
      if (row.kind != EventKind::Current) continue;
      out_.rows.clear();
      if (size_ == length_) {
        // Expired at the arrival's time: the clock when it is pushed out.
        out_.rows.push_back({&ring_[oldest_ * width_], row.timestamp, EventKind::Expired});
        oldest_ = next(oldest_);
      } else {
        ++size_;
      }
      Value* slot = &ring_[free_ * width_];
      for (size_t i = 0; i < width_; ++i) slot[i] = row.data[i];
      out_.rows.push_back({slot, row.timestamp, EventKind::Current});
      free_ = next(free_);
      emit(out_);
    }
  }

 private:
  size_t next(size_t slot) const { return slot + 1 == slots_ ? 0 : slot + 1; }

  size_t length_;
  size_t slots_;  // length_ + 1
  size_t width_;
  std::vector<Value> ring_;  // slots_ rows of width_ values
  size_t oldest_ = 0;        // the oldest row in the window
  size_t free_ = 0;          // where the next arrival goes
  size_t size_ = 0;
  Chunk out_;
};

}  // namespace cepheus::runtime
