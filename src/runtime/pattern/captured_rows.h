// The events partial matches hold. An arriving event is copied once, when the first match keeps
// it, into a block of its stream's pool; every match holding it shares the block by reference
// count (an `every` group copies matches, a counting state shares one with the state after it),
// and the block goes back to the pool's free list when the last one lets go. Once the pool has
// warmed up, keeping an event costs no allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

#include "cepheus/value.h"

namespace cepheus::runtime::pattern {

class CapturePool {
 public:
  explicit CapturePool(size_t width, size_t blocksPerSlab = 64)
      : width_(width), stride_(sizeof(Header) + width * sizeof(Value)), blocksPerSlab_(blocksPerSlab) {}
  ~CapturePool() {
    for (auto& slab : slabs_)
      for (size_t i = 0; i < blocksPerSlab_; ++i) {
        Header* h = headerAt(slab.get(), i);
        for (size_t k = 0; k < width_; ++k) valuesOf(h)[k].~Value();
        h->~Header();
      }
  }
  CapturePool(const CapturePool&) = delete;
  CapturePool& operator=(const CapturePool&) = delete;

  size_t width() const { return width_; }
  size_t live() const { return live_; }
  // Bytes the pool holds (its slabs), for memory reports.
  size_t capacityBytes() const { return slabs_.size() * blocksPerSlab_ * stride_; }

  // A copy of `values` (width of them), held once.
  const Value* capture(const Value* values) {
    if (free_.empty()) addSlab();
    Header* h = free_.back();
    free_.pop_back();
    h->refs = 1;
    Value* out = valuesOf(h);
    for (size_t k = 0; k < width_; ++k) out[k] = values[k];
    ++live_;
    return out;
  }
  static void retain(const Value* values) { ++headerOf(values)->refs; }
  void release(const Value* values) {
    Header* h = headerOf(values);
    if (--h->refs != 0) return;
    Value* v = valuesOf(h);
    for (size_t k = 0; k < width_; ++k) v[k] = Value();  // lets go of long strings and objects
    free_.push_back(h);
    --live_;
  }

 private:
  struct alignas(16) Header {
    uint32_t refs = 0;
  };
  static_assert(sizeof(Header) == 16 && sizeof(Header) % alignof(Value) == 0);

  static Value* valuesOf(Header* h) { return reinterpret_cast<Value*>(h + 1); }
  // By address: a block's values follow its header. (Pointer arithmetic on `values` made GCC
  // warn, under the sanitizers, that a caller's own row, which never gets here, is indexed at -1.)
  static Header* headerOf(const Value* values) {
    return reinterpret_cast<Header*>(reinterpret_cast<uintptr_t>(values) - sizeof(Header));
  }
  Header* headerAt(std::byte* slab, size_t i) const { return reinterpret_cast<Header*>(slab + i * stride_); }
  void addSlab() {
    auto slab = std::make_unique<std::byte[]>(stride_ * blocksPerSlab_);
    for (size_t i = blocksPerSlab_; i-- > 0;) {
      Header* h = new (headerAt(slab.get(), i)) Header();
      for (size_t k = 0; k < width_; ++k) new (&valuesOf(h)[k]) Value();
      free_.push_back(h);
    }
    slabs_.push_back(std::move(slab));
  }

  size_t width_;
  size_t stride_;
  size_t blocksPerSlab_;
  std::vector<std::unique_ptr<std::byte[]>> slabs_;
  std::vector<Header*> free_;
  size_t live_ = 0;
};

}  // namespace cepheus::runtime::pattern
