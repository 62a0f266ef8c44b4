// Building blocks shared by the windows: row storage that keeps its values addressable while a
// chunk pointing at them is being processed (and saves itself in snapshots), and the value order
// used by sort().
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "runtime/chunk.h"
#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

// Rows appended one after another (values and timestamps). Appending may move the storage, so
// a window appends everything it needs first and only then points chunk rows at it. clear()
// keeps the capacity: after warm-up no row costs an allocation.
class RowBuffer {
 public:
  explicit RowBuffer(size_t width) : width_(width) {}

  size_t width() const { return width_; }
  size_t size() const { return times_.size(); }
  bool empty() const { return times_.empty(); }
  const Value* row(size_t i) const { return values_.data() + i * width_; }
  Value* row(size_t i) { return values_.data() + i * width_; }
  int64_t time(size_t i) const { return times_[i]; }

  void append(const Value* data, int64_t timestamp) {
    values_.insert(values_.end(), data, data + width_);
    times_.push_back(timestamp);
  }
  // A row of nulls to fill in.
  Value* appendNulls(int64_t timestamp) {
    values_.resize(values_.size() + width_);
    times_.push_back(timestamp);
    return values_.data() + values_.size() - width_;
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
  // Room for `rows` rows: appending that many moves nothing.
  void reserve(size_t rows) {
    values_.reserve(rows * width_);
    times_.reserve(rows);
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
  // Views of every row, in order (what a join finds in the window).
  void addViews(std::vector<EventRow>& out) const {
    for (size_t i = 0; i < size(); ++i) out.push_back({row(i), times_[i], EventKind::Current});
  }

  // Timestamps as differences from the previous row, so rows close in time cost a byte or two.
  void snapshot(StateWriter& out) const {
    out.varint(size());
    int64_t previous = 0;
    for (size_t i = 0; i < size(); ++i) {
      out.svarint(times_[i] - previous);
      previous = times_[i];
      out.values(row(i), width_);
    }
  }
  void restore(StateReader& in) {
    clear();
    size_t n = in.count(1 + width_);
    values_.resize(n * width_);
    times_.resize(n);
    int64_t previous = 0;
    for (size_t i = 0; i < n; ++i) {
      previous += in.svarint();
      times_[i] = previous;
      in.values(row(i), width_);
    }
  }

 private:
  size_t width_;
  std::vector<Value> values_;
  std::vector<int64_t> times_;
};

// A FIFO of rows in a ring that grows (doubling, up to `maxCapacity`) only as rows arrive: a
// window of a key that saw three events holds room for four rows, not for its whole length.
// A pushed row stays where it is until it is popped or the ring grows, and a popped row's values
// stay in place until the next push. A window that never reads its rows' timestamps (a length
// window stamps what it expires with the arrival's time) keeps none.
class RowQueue {
 public:
  explicit RowQueue(size_t width, size_t maxCapacity = UINT32_MAX, bool keepTimes = true)
      : width_(static_cast<uint32_t>(width)),
        max_(static_cast<uint32_t>(std::min<size_t>(maxCapacity, UINT32_MAX))),
        keepTimes_(keepTimes) {}

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Value* front() const { return at(0); }
  int64_t frontTime() const { return times_[head_]; }
  const Value* at(size_t i) const { return values_.get() + wrap(head_ + i) * width_; }
  int64_t timeAt(size_t i) const { return times_[wrap(head_ + i)]; }

  const Value* push(const Value* data, int64_t timestamp) {
    Value* stored = claim(timestamp);
    for (size_t i = 0; i < width_; ++i) stored[i] = data[i];
    return stored;
  }
  // Keeps only some of the row's attributes: the queue's row i is data[columns[i]].
  const Value* pushColumns(const Value* data, const uint32_t* columns, int64_t timestamp) {
    Value* stored = claim(timestamp);
    for (size_t i = 0; i < width_; ++i) stored[i] = data[columns[i]];
    return stored;
  }

  // Room for `rows` rows (at most the maximum capacity): pushes up to that size move nothing.
  void reserve(size_t rows) {
    rows = std::min<size_t>(rows, max_);
    if (rows > capacity_) grow(rows);
  }

  // Views of every row, oldest first (what a join finds in the window).
  void addViews(std::vector<EventRow>& out) const {
    for (size_t i = 0; i < size_; ++i) out.push_back({at(i), timeAt(i), EventKind::Current});
  }

  // Removes the oldest row and returns its values, which stay valid until the next push.
  const Value* pop() {
    const Value* oldest = values_.get() + head_ * width_;
    head_ = static_cast<uint32_t>(wrap(head_ + 1));
    --size_;
    return oldest;
  }
  // Removes the oldest row, writing its value i to out[columns[i]].
  void popColumnsInto(Value* out, const uint32_t* columns) {
    const Value* oldest = pop();
    for (size_t i = 0; i < width_; ++i) out[columns[i]] = oldest[i];
  }
  // Moves the oldest row to the end of `out`.
  void popInto(RowBuffer& out) {
    int64_t time = times_[head_];
    out.append(pop(), time);
  }

  void snapshot(StateWriter& out) const {
    out.varint(size_);
    int64_t previous = 0;
    for (size_t i = 0; i < size_; ++i) {
      const int64_t time = keepTimes_ ? timeAt(i) : 0;
      out.svarint(time - previous);
      previous = time;
      out.values(at(i), width_);
    }
  }
  void restore(StateReader& in) {
    size_t n = in.count(1 + width_);
    if (n > max_) StateReader::fail("a window holds more rows than it can");
    head_ = size_ = capacity_ = 0;
    values_.reset();
    times_.reset();
    std::vector<Value> row(width_);
    int64_t previous = 0;
    for (size_t i = 0; i < n; ++i) {
      previous += in.svarint();
      in.values(row.data(), width_);
      push(row.data(), previous);
    }
  }

 private:
  Value* claim(int64_t timestamp) {
    if (size_ == capacity_) grow();
    size_t slot = wrap(head_ + size_);
    if (keepTimes_) times_[slot] = timestamp;
    ++size_;
    return values_.get() + slot * width_;
  }
  size_t wrap(size_t slot) const { return slot >= capacity_ ? slot - capacity_ : slot; }
  void grow() { grow(capacity_ == 0 ? 1 : std::min<size_t>(size_t{capacity_} * 2, std::max<size_t>(max_, capacity_ + 1))); }
  void grow(size_t capacity) {
    auto values = std::make_unique<Value[]>(capacity * width_);
    std::unique_ptr<int64_t[]> times;
    if (keepTimes_) times = std::make_unique<int64_t[]>(capacity);
    for (size_t i = 0; i < size_; ++i) {
      size_t from = wrap(head_ + i);
      for (size_t k = 0; k < width_; ++k) values[i * width_ + k] = std::move(values_[from * width_ + k]);
      if (keepTimes_) times[i] = times_[from];
    }
    values_ = std::move(values);
    times_ = std::move(times);
    capacity_ = static_cast<uint32_t>(capacity);
    head_ = 0;
  }

  // Narrow fields: a partition has a queue per key, so its size is memory per key.
  std::unique_ptr<Value[]> values_;
  std::unique_ptr<int64_t[]> times_;
  uint32_t width_;
  uint32_t max_;
  uint32_t capacity_ = 0;
  uint32_t head_ = 0;
  uint32_t size_ = 0;
  bool keepTimes_;
};

// A FIFO like RowQueue's for rows whose attributes hold only numbers, bools or null (their
// types say so at plan time): each value is kept as its eight payload bytes and its tag, nine
// bytes instead of sixteen, in one allocation; rows are read back by copying them out. A
// partition key's length(10) + avg(amount) keeps its ten amounts in 96 bytes, not 176. Its
// snapshot is a RowQueue's without timestamps, so either can restore the other's.
class NumberRing {
 public:
  NumberRing(size_t width, size_t maxCapacity)
      : width_(static_cast<uint32_t>(width)), max_(static_cast<uint32_t>(std::min<size_t>(maxCapacity, UINT32_MAX))) {}

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Keeps data[columns[i]] as the row's value i.
  void pushColumns(const Value* data, const uint32_t* columns) {
    if (size_ == capacity_) grow();
    const size_t slot = wrap(head_ + size_) * width_;
    for (size_t i = 0; i < width_; ++i) put(slot + i, data[columns[i]]);
    ++size_;
  }
  // Removes the oldest row, writing its value i to out[columns[i]].
  void popColumnsInto(Value* out, const uint32_t* columns) {
    const size_t slot = size_t{head_} * width_;
    for (size_t i = 0; i < width_; ++i) out[columns[i]] = get(slot + i);
    head_ = static_cast<uint32_t>(wrap(head_ + 1));
    --size_;
  }

  void snapshot(StateWriter& out) const {
    out.varint(size_);
    for (size_t r = 0; r < size_; ++r) {
      out.svarint(0);  // no timestamps kept
      const size_t slot = wrap(head_ + r) * width_;
      for (size_t i = 0; i < width_; ++i) {
        Value v = get(slot + i);
        out.values(&v, 1);
      }
    }
  }
  // A restored value that is not a number, a bool or null cannot be kept: the snapshot is not
  // of this window.
  void restore(StateReader& in) {
    size_t n = in.count(1 + width_);
    if (n > max_) StateReader::fail("a window holds more rows than it can");
    head_ = size_ = capacity_ = 0;
    storage_.reset();
    std::vector<Value> row(width_);
    std::vector<uint32_t> columns(width_);
    for (uint32_t i = 0; i < width_; ++i) columns[i] = i;
    for (size_t r = 0; r < n; ++r) {
      in.svarint();
      in.values(row.data(), width_);
      for (const Value& v : row)
        if (v.isString() || v.isObject()) StateReader::fail("a window of numbers holds a string or an object");
      pushColumns(row.data(), columns.data());
    }
  }

 private:
  // Payloads first (capacity x width x 8 bytes, aligned), then the tags.
  uint64_t* bits() const { return reinterpret_cast<uint64_t*>(storage_.get()); }
  Value::Tag* tags() const { return reinterpret_cast<Value::Tag*>(storage_.get() + size_t{capacity_} * width_ * 8); }
  void put(size_t at, const Value& v) {
    tags()[at] = v.tag();
    bits()[at] = v.isNull() ? 0 : v.numberBits();
  }
  Value get(size_t at) const { return Value::ofNumberBits(tags()[at], bits()[at]); }
  size_t wrap(size_t slot) const { return slot >= capacity_ ? slot - capacity_ : slot; }
  void grow() {
    const size_t capacity = capacity_ == 0 ? 1 : std::min<size_t>(size_t{capacity_} * 2, std::max<size_t>(max_, capacity_ + 1));
    const size_t values = capacity * width_;
    std::unique_ptr<std::byte[]> storage(new std::byte[values * 9]);
    auto* newBits = reinterpret_cast<uint64_t*>(storage.get());
    auto* newTags = reinterpret_cast<Value::Tag*>(storage.get() + values * 8);
    for (size_t r = 0; r < size_; ++r) {
      const size_t from = wrap(head_ + r) * width_;
      for (size_t i = 0; i < width_; ++i) {
        newBits[r * width_ + i] = bits()[from + i];
        newTags[r * width_ + i] = tags()[from + i];
      }
    }
    storage_ = std::move(storage);
    capacity_ = static_cast<uint32_t>(capacity);
    head_ = 0;
  }

  std::unique_ptr<std::byte[]> storage_;
  uint32_t width_;
  uint32_t max_;
  uint32_t capacity_ = 0;
  uint32_t head_ = 0;
  uint32_t size_ = 0;
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

namespace cepheus::runtime {

// The scratch of a window that emits rows it took out of its storage: they are copied here
// first (the storage may reuse their slots), then the chunk points at them.
struct ExpiryScratch final : Scratch {
  explicit ExpiryScratch(size_t width) : rows(width) {}
  RowBuffer rows;
  Chunk out;
  std::vector<uint32_t> ends;  // where each arrival's part ends, when handing over parts
};

}  // namespace cepheus::runtime
