// The deprecated frequency windows of Siddhi, keyed by some attributes (all when none given);
// each keeps the latest event of every tracked key.
//
// `frequent(n[, attrs])` (Misra-Gries): tracks at most n keys. An event of a tracked key is
// emitted as CURRENT and its count grows; a new key when n are tracked decrements every count,
// EXPIRES the events whose count reaches 0, and is tracked (and emitted) only if that freed a
// place; otherwise it is dropped.
//
// `lossyFrequent(support[, error[, attrs]])` (lossy counting, error defaults to support/10):
// an event is emitted as CURRENT when its key's count is at least (support - error) * events
// seen; every ceil(1/error) events, keys whose count + bucket <= the current bucket are pruned
// and their events EXPIRED.
//
// Siddhi walks its keys in hash-map order; here they are walked in order of first tracking, so
// only the order of several events expired at once may differ.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

// The tracked keys and their latest events, in order of first tracking. Removed entries keep
// their buffers for reuse.
class FrequencyTable {
 public:
  struct Entry {
    std::vector<Value> key;
    std::vector<Value> row;
    int64_t timestamp = 0;
    int64_t count = 0;
    int64_t bucket = 0;
  };

  FrequencyTable(std::vector<int> keyIndices, size_t width) : keyIndices_(std::move(keyIndices)), width_(width) {
    if (keyIndices_.empty())
      for (size_t i = 0; i < width; ++i) keyIndices_.push_back(static_cast<int>(i));
  }

  size_t size() const { return entries_.size(); }
  Entry& operator[](size_t i) { return entries_[i]; }
  // The entry of `row`'s key, or null.
  Entry* find(const EventRow& row);
  // Tracks `row`'s key (not tracked yet) with its event.
  Entry& add(const EventRow& row);
  // Moves entry i's event to `expired` and stops tracking it.
  void remove(size_t i, RowBuffer& expired);

 private:
  std::vector<int> keyIndices_;
  size_t width_;
  std::vector<Entry> entries_;
  std::vector<Entry> spare_;
};

class FrequentWindow final : public Operator {
 public:
  FrequentWindow(size_t mostFrequent, std::vector<int> keyIndices, size_t width, const Clock* clock);
  void process(const Chunk& chunk) override;

 private:
  size_t mostFrequent_;
  const Clock* clock_;
  FrequencyTable table_;
  RowBuffer expired_;
  Chunk out_;
};

class LossyFrequentWindow final : public Operator {
 public:
  LossyFrequentWindow(double support, double error, std::vector<int> keyIndices, size_t width, const Clock* clock);
  void process(const Chunk& chunk) override;

 private:
  double support_;
  double error_;
  double bucketWidth_;
  const Clock* clock_;
  FrequencyTable table_;
  int64_t total_ = 0;
  double bucket_ = 1;
  RowBuffer expired_;
  Chunk out_;
};

}  // namespace cepheus::runtime
