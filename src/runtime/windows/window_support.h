// Building blocks shared by the windows: row storage that keeps its values addressable while a
// chunk pointing at them is being processed, a guard against asking the scheduler twice for the
// same wake-up, and the value order used by sort().
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "runtime/chunk.h"
#include "runtime/clock.h"
#include "runtime/scheduler.h"

namespace cepheus::runtime {

// Rows appended one after another (values and timestamps). Appending may move the storage, so
// a window appends everything it needs first and only then points chunk rows at it. clear()
// keeps the capacity: after warm-up no row costs an allocation.
class RowBuffer {
 public:
  explicit RowBuffer(size_t width) : width_(width) {}

  size_t size() const { return times_.size(); }
  bool empty() const { return times_.empty(); }
  const Value* row(size_t i) const { return values_.data() + i * width_; }
  Value* row(size_t i) { return values_.data() + i * width_; }
  int64_t time(size_t i) const { return times_[i]; }

  void append(const Value* data, int64_t timestamp) {
    values_.insert(values_.end(), data, data + width_);
    times_.push_back(timestamp);
  }
  void appendAll(const RowBuffer& other) {
    values_.insert(values_.end(), other.values_.begin(), other.values_.end());
    times_.insert(times_.end(), other.times_.begin(), other.times_.end());
  }
  // Inserts a row before all others (late session events).
  void prepend(const Value* data, int64_t timestamp) {
    values_.insert(values_.begin(), data, data + width_);
    times_.insert(times_.begin(), timestamp);
  }
  void clear() {
    values_.clear();
    times_.clear();
  }
  void swap(RowBuffer& other) noexcept {
    values_.swap(other.values_);
    times_.swap(other.times_);
  }

  // Adds the rows as a newly closed batch: a Reset row (so readers' aggregates start over),
  // then every row as Current with its own time. Nothing when the batch is empty.
  void addAsNewBatch(Chunk& chunk, int64_t time) const {
    if (empty()) return;
    chunk.rows.push_back({row(0), time, EventKind::Reset});
    addTo(chunk, EventKind::Current);
  }

  // Adds every row to `chunk` as `kind`; `timestamp` < 0 keeps each row's own time.
  void addTo(Chunk& chunk, EventKind kind, int64_t timestamp = -1) const {
    for (size_t i = 0; i < size(); ++i) chunk.rows.push_back({row(i), timestamp < 0 ? times_[i] : timestamp, kind});
  }

 private:
  size_t width_;
  std::vector<Value> values_;
  std::vector<int64_t> times_;
};

// A FIFO of rows in a ring that doubles when full, for windows whose size is not known up front
// (time-based ones). A pushed row stays where it is until it is popped or the ring grows.
class RowQueue {
 public:
  explicit RowQueue(size_t width) : width_(width) {}

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Value* front() const { return at(0); }
  int64_t frontTime() const { return times_[head_]; }
  const Value* at(size_t i) const { return values_.data() + ((head_ + i) % capacity_) * width_; }

  const Value* push(const Value* data, int64_t timestamp) {
    if (size_ == capacity_) grow();
    size_t slot = (head_ + size_) % capacity_;
    for (size_t i = 0; i < width_; ++i) values_[slot * width_ + i] = data[i];
    times_[slot] = timestamp;
    ++size_;
    return values_.data() + slot * width_;
  }

  // Moves the oldest row to the end of `out`.
  void popInto(RowBuffer& out) {
    out.append(values_.data() + head_ * width_, times_[head_]);
    head_ = (head_ + 1) % capacity_;
    --size_;
  }

 private:
  void grow() {
    size_t capacity = capacity_ == 0 ? 16 : capacity_ * 2;
    std::vector<Value> values(capacity * width_);
    std::vector<int64_t> times(capacity);
    for (size_t i = 0; i < size_; ++i) {
      size_t from = (head_ + i) % capacity_;
      for (size_t k = 0; k < width_; ++k) values[i * width_ + k] = std::move(values_[from * width_ + k]);
      times[i] = times_[from];
    }
    values_.swap(values);
    times_.swap(times);
    capacity_ = capacity;
    head_ = 0;
  }

  size_t width_;
  std::vector<Value> values_;
  std::vector<int64_t> times_;
  size_t capacity_ = 0;
  size_t head_ = 0;
  size_t size_ = 0;
};

// Asks the scheduler for a wake-up unless one at or before that time is already pending, so a
// window that re-arms after every event does not flood the timer queue. A window re-arms for
// its next need after each firing; a wake-up that turns out early finds nothing to do.
class WindowTimer {
 public:
  WindowTimer(Scheduler* scheduler, TimerTarget* target) : scheduler_(scheduler), target_(target) {}

  void requestAt(int64_t due) {
    if (pending_ && due >= due_) return;
    scheduler_->schedule(due, target_);
    pending_ = true;
    due_ = due;
  }
  // A timer fired at `due`: timers fire in due order, so the earliest pending one is done.
  void fired(int64_t due) {
    if (pending_ && due >= due_) pending_ = false;
  }

 private:
  Scheduler* scheduler_;
  TimerTarget* target_;
  bool pending_ = false;
  int64_t due_ = 0;
};

// The engine time when `row` arrives, for windows without timers. In playback such events may
// travel together in one chunk and the clock already shows the last of them, so each row's own
// timestamp is its time.
inline int64_t arrivalTime(const Clock& clock, const EventRow& row) {
  return clock.playback() ? row.timestamp : clock.now();
}

// Order of two values of one attribute (sort window): null first, numbers by value, strings
// lexicographically, false before true.
inline int compareValues(const Value& a, const Value& b) {
  if (a.isNull() || b.isNull()) return a.isNull() == b.isNull() ? 0 : (a.isNull() ? -1 : 1);
  if (a.isString()) {
    auto x = a.asString(), y = b.asString();
    return x < y ? -1 : (y < x ? 1 : 0);
  }
  using Tag = Value::Tag;
  bool integral = (a.tag() == Tag::Int || a.tag() == Tag::Long || a.tag() == Tag::Bool) &&
                  (b.tag() == Tag::Int || b.tag() == Tag::Long || b.tag() == Tag::Bool);
  if (integral) {
    int64_t x = a.asLong(), y = b.asLong();
    return x < y ? -1 : (y < x ? 1 : 0);
  }
  double x = a.toDouble(), y = b.toDouble();
  return x < y ? -1 : (y < x ? 1 : 0);
}

}  // namespace cepheus::runtime
