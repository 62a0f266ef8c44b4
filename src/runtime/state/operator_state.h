// State as data. An operator definition (a window, the selector, a rate limiter) is immutable;
// what it remembers between events is an OperatorState it makes itself, lazily, the first time
// it runs in a state frame. A frame holds the states of one scope: the app's queries today, one
// partition key's instance of a partition's queries later. A key that never saw an event has no
// state at all; one that saw three holds what three events leave behind.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace cepheus::runtime {

class StateReader;
class StateWriter;

class OperatorState {
 public:
  virtual ~OperatorState() = default;
  virtual void snapshot(StateWriter& out) const = 0;
  // Loads what snapshot() wrote into a state fresh from its factory; throws SnapshotError.
  virtual void restore(StateReader& in) = 0;
  // Holds nothing and has no pending timer: dropping it changes nothing (idle partition keys
  // are purged with this test).
  virtual bool canDestroy() const = 0;
};

class StateFrame {
 public:
  explicit StateFrame(size_t slots)
      : states_(slots ? std::make_unique<std::unique_ptr<OperatorState>[]>(slots) : nullptr),
        size_(static_cast<uint32_t>(slots)) {}

  std::unique_ptr<OperatorState>& slot(uint32_t index) { return states_[index]; }
  const OperatorState* get(uint32_t index) const { return states_[index].get(); }
  size_t size() const { return size_; }

  bool canDestroy() const {
    for (uint32_t i = 0; i < size_; ++i)
      if (states_[i] && !states_[i]->canDestroy()) return false;
    return true;
  }

  // How many timers of its states are pending (the scheduler counts them): an idle partition
  // key waiting for one (an absent pattern's deadline, a window's expiry) is not dropped.
  uint32_t pendingTimers() const { return pendingTimers_; }

 private:
  friend class Scheduler;
  // Not a vector: a partition has a frame per key, so its size is memory per key.
  std::unique_ptr<std::unique_ptr<OperatorState>[]> states_;
  uint32_t size_;
  uint32_t pendingTimers_ = 0;
};

}  // namespace cepheus::runtime
