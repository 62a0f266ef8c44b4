// Open-addressing hash map from a group-by key (a fixed number of values) to a group index.
// Why not std::unordered_map<std::vector<Value>, ...>: that allocates a node and a key vector
// per group and chases pointers per lookup; here a lookup hashes the key values in place and
// probes one flat array, and keys live in one flat vector.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "cepheus/value.h"

namespace cepheus::runtime {

class GroupTable {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  explicit GroupTable(size_t keyWidth) : keyWidth_(keyWidth), slots_(16), mask_(15) {}

  static size_t hash(const Value* key, size_t width) {
    size_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < width; ++i) h = (h ^ key[i].hash()) * 0x100000001b3ULL;
    return h ^ (h >> 29);
  }

  // The index of the group with this key, or kAbsent.
  uint32_t find(const Value* key, size_t h) const {
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.index == kAbsent) return kAbsent;
      if (slot.hash == h && equalKey(slot.index, key)) return slot.index;
    }
  }

  // Adds a key that find() did not find; returns its index (0, 1, 2, ... in insertion order).
  uint32_t insert(const Value* key, size_t h) {
    if ((size_ + 1) * 10 > slots_.size() * 7) grow();
    uint32_t index = static_cast<uint32_t>(size_++);
    keys_.insert(keys_.end(), key, key + keyWidth_);
    place(h, index);
    return index;
  }

  size_t size() const { return size_; }
  // Forgets every group, keeping the room they took (a store refilled at a steady size).
  void clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    keys_.clear();
    size_ = 0;
  }
  // The key of group `index`, keyWidth values.
  const Value* key(uint32_t index) const { return &keys_[static_cast<size_t>(index) * keyWidth_]; }
  size_t keyWidth() const { return keyWidth_; }

 private:
  struct Slot {
    size_t hash = 0;
    uint32_t index = kAbsent;
  };
  bool equalKey(uint32_t index, const Value* key) const {
    if (keyWidth_ == 1) return keys_[index] == key[0];  // the usual one-attribute key
    const Value* stored = &keys_[static_cast<size_t>(index) * keyWidth_];
    for (size_t i = 0; i < keyWidth_; ++i)
      if (!(stored[i] == key[i])) return false;
    return true;
  }
  void place(size_t h, uint32_t index) {
    size_t i = h & mask_;
    while (slots_[i].index != kAbsent) i = (i + 1) & mask_;
    slots_[i] = {h, index};
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old)
      if (s.index != kAbsent) place(s.hash, s.index);
  }

  size_t keyWidth_;
  size_t size_ = 0;
  std::vector<Slot> slots_;  // power-of-two size, at most 70% full
  size_t mask_;              // slots_.size() - 1
  std::vector<Value> keys_;  // keyWidth_ values per group, by index
};

}  // namespace cepheus::runtime
