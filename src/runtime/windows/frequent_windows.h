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

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class FrequencyTable;

class FrequentWindow final : public StatefulOperator, public WindowContent {
 public:
  FrequentWindow(size_t mostFrequent, std::vector<int> keyIndices, size_t width);

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  size_t mostFrequent_;
  std::vector<int> keyIndices_;
  size_t width_;
};

class LossyFrequentWindow final : public StatefulOperator, public WindowContent {
 public:
  LossyFrequentWindow(double support, double error, std::vector<int> keyIndices, size_t width);

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  double support_;
  double error_;
  double bucketWidth_;
  std::vector<int> keyIndices_;
  size_t width_;
};

}  // namespace cepheus::runtime
