// Timers of one app. A timer belongs to the state that armed it (a time window's expiry, a rate
// limit's period end): it holds at most one due time, can be moved or cancelled, is saved with
// its state and armed again when the state is restored. The scheduler keeps the pending timers
// in a heap ordered by due time, then by the order they were armed, and hands out the due
// ones; the app fires them (see AppState::fireTimersUntil): in playback when an event moves
// the clock past them, before that event; on the wall clock when the engine's timer service
// says so.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace cepheus::runtime {

struct ExecContext;
class StateFrame;
class StateReader;
class StateWriter;
class Scheduler;

// What a timer calls when due: an operator definition, given the state frame the timer's state
// lives in.
class TimerTarget {
 public:
  virtual ~TimerTarget() = default;
  // The clock reached `due`, a time this target asked for.
  virtual void onTimer(ExecContext& ctx, int64_t due) const = 0;
};

class Timer {
 public:
  Timer(Scheduler& scheduler, const TimerTarget& target, StateFrame& frame)
      : scheduler_(&scheduler), target_(&target), frame_(&frame) {}
  ~Timer() { cancel(); }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // Pending at `due`, whatever was pending before.
  void arm(int64_t due);
  // Pending at `due` unless a time no later than it is pending already (a state that re-checks
  // what is due whenever it fires may keep the earlier wake-up).
  void armNoLaterThan(int64_t due) {
    if (!pending() || due < due_) arm(due);
  }
  void cancel();
  bool pending() const { return slot_ != kIdle; }
  int64_t due() const { return due_; }

  const TimerTarget& target() const { return *target_; }
  StateFrame& frame() const { return *frame_; }

  // Whether it is pending, and when; restore() arms it again in its new scheduler with the order
  // it had among timers due at the same time.
  void snapshot(StateWriter& out) const;
  void restore(StateReader& in);

 private:
  friend class Scheduler;
  static constexpr uint32_t kIdle = UINT32_MAX;
  Scheduler* scheduler_;
  const TimerTarget* target_;
  StateFrame* frame_;
  int64_t due_ = 0;
  uint64_t sequence_ = 0;  // arm order, breaks ties between equal due times
  uint32_t slot_ = kIdle;  // position in the scheduler's heap
};

class Scheduler {
 public:
  Scheduler() = default;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  int64_t nextDue() const { return heap_.front()->due_; }

  // The earliest timer due at or before `time`, no longer pending; null when none is.
  Timer* popDue(int64_t time);

  // Called whenever the earliest due time may have moved earlier (the wall-clock app then tells
  // the engine's timer service).
  void setOnEarlier(std::function<void()> callback) { onEarlier_ = std::move(callback); }

  // The arm counter, saved in snapshots so restored timers keep their order among new ones.
  uint64_t sequence() const { return sequence_; }
  void setSequence(uint64_t sequence) { sequence_ = sequence; }

 private:
  friend class Timer;
  void insert(Timer* timer);
  void remove(Timer* timer);
  static bool before(const Timer* a, const Timer* b) {
    return a->due_ != b->due_ ? a->due_ < b->due_ : a->sequence_ < b->sequence_;
  }
  void place(Timer* timer, size_t slot) {
    heap_[slot] = timer;
    timer->slot_ = static_cast<uint32_t>(slot);
  }
  void siftUp(size_t slot);
  void siftDown(size_t slot);

  std::vector<Timer*> heap_;
  uint64_t sequence_ = 0;
  std::function<void()> onEarlier_;
};

}  // namespace cepheus::runtime
