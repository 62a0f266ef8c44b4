// `#window.length(n)`: a sliding window over the last n events. Each arrival is emitted as
// CURRENT; once the window is full, the arrival pushes out the oldest event, which is emitted
// as EXPIRED in the same chunk, before the arrival. Rows live in a ring buffer sized n.
#pragma once

#include <vector>

#include "runtime/clock.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class LengthWindow final : public Operator {
 public:
  LengthWindow(size_t length, size_t width, const Clock* clock)
      : length_(length), width_(width), clock_(clock), ring_(length * width), expired_(width) {}

  void process(const Chunk& chunk) override {
    for (const EventRow& row : chunk.rows) {
      if (row.kind != EventKind::Current) continue;
      out_.rows.clear();
      Value* slot = &ring_[head_ * width_];
      if (size_ == length_) {
        for (size_t i = 0; i < width_; ++i) expired_[i] = std::move(slot[i]);
        // Expired at the arrival's time (reading the wall clock per event would cost more than
        // the whole window update).
        out_.rows.push_back({expired_.data(), row.timestamp, EventKind::Expired});
      } else {
        ++size_;
      }
      for (size_t i = 0; i < width_; ++i) slot[i] = row.data[i];
      out_.rows.push_back({slot, row.timestamp, EventKind::Current});
      head_ = (head_ + 1) % length_;
      emit(out_);
    }
  }

 private:
  size_t length_;
  size_t width_;
  const Clock* clock_;
  std::vector<Value> ring_;     // length_ rows of width_ values
  std::vector<Value> expired_;  // the row being expired, moved out of the ring
  size_t head_ = 0;             // the oldest row once full; the next free slot before
  size_t size_ = 0;
  Chunk out_;
};

}  // namespace cepheus::runtime
