// Timers of one app (time windows, time-based output rates). In playback mode they fire when
// an event moves the clock past their due time, before that event is processed; on the wall
// clock a thread of the app fires them when due. Either way under the app's lock, so operators
// never see two threads.
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "runtime/clock.h"

namespace cepheus::runtime {

class TimerTarget {
 public:
  virtual ~TimerTarget() = default;
  // The clock reached `due`, a time this target asked for.
  virtual void onTimer(int64_t due) = 0;
};

class Scheduler {
 public:
  explicit Scheduler(Clock& clock) : clock_(clock) {}

  void schedule(int64_t due, TimerTarget* target) {
    bool earliest = timers_.empty() || due < timers_.top().due;
    timers_.push({due, sequence_++, target});
    if (earliest && onEarlierTimer_) onEarlierTimer_();
  }

  // Called (under the app lock) when a timer becomes the earliest one: wakes the wall-clock
  // thread that sleeps until the next due time.
  void setOnEarlierTimer(std::function<void()> callback) { onEarlierTimer_ = std::move(callback); }

  // Fires, in due-time order (then in the order they were asked for), every timer due at or
  // before `time`. Timers scheduled while firing are fired too if they are due. As in Siddhi's
  // playback, the clock is already at `time` when they fire: a window whose events became due
  // at different moments before `time` expires them in one chunk.
  void fireUntil(int64_t time) {
    clock_.observe(time);
    while (!timers_.empty() && timers_.top().due <= time) {
      Timer timer = timers_.top();
      timers_.pop();
      timer.target->onTimer(timer.due);
    }
  }

  bool empty() const { return timers_.empty(); }
  int64_t nextDue() const { return timers_.top().due; }

 private:
  struct Timer {
    int64_t due;
    uint64_t sequence;
    TimerTarget* target;
    bool operator>(const Timer& other) const {
      return due != other.due ? due > other.due : sequence > other.sequence;
    }
  };
  Clock& clock_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  uint64_t sequence_ = 0;
  std::function<void()> onEarlierTimer_;
};

}  // namespace cepheus::runtime
