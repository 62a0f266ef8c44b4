// Rows kept beyond one process() call (events deferred to the end of a delivery today; partial
// matches and table rows next): fixed-width blocks carved from slabs and recycled through a free
// list, so keeping a row costs no allocation once the pool has warmed up, and a row is one
// block, not a heap node and a vector.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "runtime/chunk.h"

namespace cepheus::runtime {

// A row's header; its `width` values follow it in the same block.
struct PooledRow {
  int64_t timestamp = 0;
  EventKind kind = EventKind::Current;

  Value* values() { return reinterpret_cast<Value*>(this + 1); }
  const Value* values() const { return reinterpret_cast<const Value*>(this + 1); }
  EventRow view() const { return {values(), timestamp, kind}; }
};
static_assert(sizeof(PooledRow) % alignof(Value) == 0);

class RowPool {
 public:
  explicit RowPool(size_t width, size_t rowsPerSlab = 64)
      : width_(width), stride_(sizeof(PooledRow) + width * sizeof(Value)), rowsPerSlab_(rowsPerSlab) {}
  ~RowPool() {
    for (auto& slab : slabs_)
      for (size_t i = 0; i < rowsPerSlab_; ++i) destroy(rowAt(slab.get(), i));
  }
  RowPool(const RowPool&) = delete;
  RowPool& operator=(const RowPool&) = delete;

  size_t width() const { return width_; }
  size_t live() const { return live_; }

  PooledRow* acquire(const Value* data, int64_t timestamp, EventKind kind) {
    if (free_.empty()) addSlab();
    PooledRow* row = free_.back();
    free_.pop_back();
    row->timestamp = timestamp;
    row->kind = kind;
    for (size_t i = 0; i < width_; ++i) row->values()[i] = data[i];
    ++live_;
    return row;
  }
  // The row's values let go of what they share (long strings, objects); the block is reused.
  void release(PooledRow* row) {
    for (size_t i = 0; i < width_; ++i) row->values()[i] = Value();
    free_.push_back(row);
    --live_;
  }

 private:
  PooledRow* rowAt(std::byte* slab, size_t i) const { return reinterpret_cast<PooledRow*>(slab + i * stride_); }
  void addSlab() {
    auto slab = std::make_unique<std::byte[]>(stride_ * rowsPerSlab_);
    for (size_t i = rowsPerSlab_; i-- > 0;) {
      PooledRow* row = new (rowAt(slab.get(), i)) PooledRow();
      for (size_t k = 0; k < width_; ++k) new (&row->values()[k]) Value();
      free_.push_back(row);
    }
    slabs_.push_back(std::move(slab));
  }
  void destroy(PooledRow* row) {
    for (size_t k = 0; k < width_; ++k) row->values()[k].~Value();
    row->~PooledRow();
  }

  size_t width_;
  size_t stride_;
  size_t rowsPerSlab_;
  std::vector<std::unique_ptr<std::byte[]>> slabs_;
  std::vector<PooledRow*> free_;
  size_t live_ = 0;
};

// A row taken from a pool, given back when the handle goes away.
class OwnedRow {
 public:
  OwnedRow() = default;
  OwnedRow(RowPool& pool, const EventRow& row) : pool_(&pool), row_(pool.acquire(row.data, row.timestamp, row.kind)) {}
  ~OwnedRow() { reset(); }
  OwnedRow(OwnedRow&& other) noexcept : pool_(other.pool_), row_(std::exchange(other.row_, nullptr)) {}
  OwnedRow& operator=(OwnedRow&& other) noexcept {
    if (this != &other) {
      reset();
      pool_ = other.pool_;
      row_ = std::exchange(other.row_, nullptr);
    }
    return *this;
  }

  explicit operator bool() const { return row_ != nullptr; }
  EventRow view() const { return row_->view(); }
  const Value* values() const { return row_->values(); }
  Value* values() { return row_->values(); }
  int64_t timestamp() const { return row_->timestamp; }

  void reset() {
    if (row_) pool_->release(std::exchange(row_, nullptr));
  }

 private:
  RowPool* pool_ = nullptr;
  PooledRow* row_ = nullptr;
};

}  // namespace cepheus::runtime
