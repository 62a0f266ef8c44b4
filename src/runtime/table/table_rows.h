// The rows of a table: fixed-width slots carved from slabs (a row never moves, so a joined
// event may point at it while it travels), recycled through a free list, and linked in
// insertion order, which is the order scans and joins return them in. Deleting a row is O(1)
// and keeps the order of the others.
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <vector>

#include "runtime/chunk.h"

namespace cepheus::runtime {

class TableRows {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  explicit TableRows(size_t width) : width_(width) {}
  ~TableRows() {
    for (auto& slab : slabs_)
      for (size_t i = 0; i < kRowsPerSlab; ++i) {
        Value* v = reinterpret_cast<Value*>(slab.get() + i * stride() + sizeof(Slot));
        for (size_t k = 0; k < width_; ++k) v[k].~Value();
      }
  }
  TableRows(const TableRows&) = delete;
  TableRows& operator=(const TableRows&) = delete;

  size_t width() const { return width_; }
  size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }

  // Stores a row at the end of the insertion order; returns its id.
  uint32_t add(const Value* data, int64_t timestamp) {
    uint32_t id;
    if (free_.empty()) {
      id = static_cast<uint32_t>(capacity_);
      grow();
    } else {
      id = free_.back();
      free_.pop_back();
    }
    Value* stored = values(id);
    for (size_t i = 0; i < width_; ++i) stored[i] = data[i];
    slot(id).timestamp = timestamp;
    link(id);
    ++live_;
    return id;
  }

  // Lets the row's values go (long strings, objects) and gives its slot back.
  void remove(uint32_t id) {
    unlink(id);
    Value* stored = values(id);
    for (size_t i = 0; i < width_; ++i) stored[i] = Value();
    free_.push_back(id);
    --live_;
  }

  void clear() {
    for (uint32_t id = first(); id != kNone;) {
      uint32_t following = next(id);
      remove(id);
      id = following;
    }
  }

  Value* values(uint32_t id) { return reinterpret_cast<Value*>(&slot(id) + 1); }
  const Value* values(uint32_t id) const { return reinterpret_cast<const Value*>(&slot(id) + 1); }
  int64_t timestamp(uint32_t id) const { return slot(id).timestamp; }
  EventRow view(uint32_t id) const { return {values(id), timestamp(id), EventKind::Current}; }

  // Puts a row at the end of the order (a table on a store follows the store's order).
  void moveToEnd(uint32_t id) {
    unlink(id);
    link(id);
  }

  // Insertion order.
  uint32_t first() const { return head_; }
  uint32_t next(uint32_t id) const { return slot(id).next; }

 private:
  static constexpr size_t kRowsPerSlab = 256;

  struct Slot {
    int64_t timestamp = 0;
    uint32_t next = kNone;
    uint32_t prev = kNone;
  };
  static_assert(sizeof(Slot) % alignof(Value) == 0);

  size_t stride() const { return sizeof(Slot) + width_ * sizeof(Value); }
  Slot& slot(uint32_t id) {
    return *reinterpret_cast<Slot*>(slabs_[id / kRowsPerSlab].get() + (id % kRowsPerSlab) * stride());
  }
  const Slot& slot(uint32_t id) const {
    return *reinterpret_cast<const Slot*>(slabs_[id / kRowsPerSlab].get() + (id % kRowsPerSlab) * stride());
  }

  // A new slab: its slots are constructed once (null values) and handed out in id order.
  void grow() {
    auto slab = std::make_unique<std::byte[]>(kRowsPerSlab * stride());
    for (size_t i = 0; i < kRowsPerSlab; ++i) {
      std::byte* at = slab.get() + i * stride();
      new (at) Slot();
      Value* v = reinterpret_cast<Value*>(at + sizeof(Slot));
      for (size_t k = 0; k < width_; ++k) new (&v[k]) Value();
    }
    slabs_.push_back(std::move(slab));
    for (size_t i = kRowsPerSlab; i-- > 1;) free_.push_back(static_cast<uint32_t>(capacity_ + i));
    capacity_ += kRowsPerSlab;
  }

  void link(uint32_t id) {
    Slot& s = slot(id);
    s.prev = tail_;
    s.next = kNone;
    if (tail_ != kNone) {
      slot(tail_).next = id;
    } else {
      head_ = id;
    }
    tail_ = id;
  }
  void unlink(uint32_t id) {
    Slot& s = slot(id);
    if (s.prev != kNone) {
      slot(s.prev).next = s.next;
    } else {
      head_ = s.next;
    }
    if (s.next != kNone) {
      slot(s.next).prev = s.prev;
    } else {
      tail_ = s.prev;
    }
    s.next = s.prev = kNone;
  }

 private:
  size_t width_;
  std::vector<std::unique_ptr<std::byte[]>> slabs_;
  size_t capacity_ = 0;
  std::vector<uint32_t> free_;
  uint32_t head_ = kNone;
  uint32_t tail_ = kNone;
  size_t live_ = 0;
};

}  // namespace cepheus::runtime
