// The live instances of a partition (private to the runtime): partition.cpp keeps one of these
// in the app's frame; a parallel partition (partition_shards.h) keeps one in each shard.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/app_state.h"
#include "runtime/partition/partition.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

// Spreads the value's hash over the low bits the table indexes with (an int's hash is itself).
inline size_t partitionKeyHash(const Value& key) {
  uint64_t h = static_cast<uint64_t>(key.hash()) * 0x9e3779b97f4a7c15ULL;
  return static_cast<size_t>(h ^ (h >> 32));
}

// The live instances of a partition: in the order they were made (kept by snapshots, so a
// restored app broadcasts in the same order), and indexed by key in an open-addressing table of
// pointers, which costs a few bytes per key where a node-based map would cost a node.
class PartitionState final : public OperatorState {
 public:
  PartitionState(const Partition& partition, AppState& app, StateFrame& frame)
      : partition_(partition), app_(app), sweep_(app.scheduler, partition, frame) {}
  ~PartitionState() override { clear(); }

  PartitionInstance* find(const Value& key, size_t h) const {
    if (index_.empty()) return nullptr;
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      PartitionInstance* at = index_[i];
      if (!at) return nullptr;
      if (at != kRemoved && at->key == key) return at;
    }
  }

  // A run of lookups asks for its memory ahead: the index slot of a key some lookups before its
  // own, the instance that slot holds a few lookups later. With a million keys every lookup
  // misses the cache twice (slot, then instance); asked for together they overlap.
  void prefetchSlot(size_t h) const {
    if (!index_.empty()) __builtin_prefetch(&index_[h & mask_]);
  }
  void prefetchInstance(size_t h) const {
    if (index_.empty()) return;
    PartitionInstance* at = index_[h & mask_];
    if (at && at != kRemoved) {
      __builtin_prefetch(at);
      __builtin_prefetch(reinterpret_cast<const char*>(at) + sizeof(PartitionInstance) - 1);
    }
  }

  // Calls visit(i) for each i below n, asking ahead for the memory of hashes[i + a few].
  template <class Visit>
  void visitAhead(const size_t* hashes, size_t n, Visit&& visit) const {
    constexpr size_t kSlotAhead = 8, kInstanceAhead = 4;
    for (size_t i = 0; i < n && i < kSlotAhead; ++i) prefetchSlot(hashes[i]);
    for (size_t i = 0; i < n; ++i) {
      if (i + kSlotAhead < n) prefetchSlot(hashes[i + kSlotAhead]);
      if (i + kInstanceAhead < n) prefetchInstance(hashes[i + kInstanceAhead]);
      visit(i);
    }
  }

  PartitionInstance& add(ExecContext& ctx, const Value& key, size_t h) {
    auto* instance = new PartitionInstance(key, partition_.slots_);
    place(instance, h);
    order_.push_back(instance);
    for (const StatefulOperator* op : partition_.startingWithInstance_) op->stateIn(ctx.app, instance->frame);
    if (partition_.purge_.enabled && !sweep_.pending()) sweep_.arm(ctx.app.clock.now() + partition_.purge_.interval);
    return *instance;
  }

  const std::vector<PartitionInstance*>& instances() const { return order_; }

  // Drops the instances idle for longer than the idle period, unless a timer of theirs is
  // pending: an absent pattern's deadline or a window's expiry is output still to come.
  void sweep(int64_t now) {
    size_t kept = 0;
    for (PartitionInstance* instance : order_) {
      if (instance->lastEvent + partition_.purge_.idlePeriod < now && instance->frame.pendingTimers() == 0) {
        unindex(instance);
        delete instance;
      } else {
        order_[kept++] = instance;
      }
    }
    order_.resize(kept);
    if (!order_.empty()) sweep_.arm(now + partition_.purge_.interval);
  }

  void snapshot(StateWriter& out) const override {
    out.varint(order_.size());
    writeInstances(out);
    sweep_.snapshot(out);
  }
  void restore(StateReader& in) override {
    clear();
    size_t count = in.count(2);
    for (size_t i = 0; i < count; ++i) readInstance(in, in.value());
    sweep_.restore(in);
  }

  // The parts of a snapshot a parallel partition writes for each of its shards.
  void writeInstances(StateWriter& out) const {
    for (const PartitionInstance* instance : order_) {
      out.value(instance->key);
      out.svarint(instance->lastEvent);
      for (const StatefulOperator* op : partition_.inner_) {
        const OperatorState* state = instance->frame.get(op->stateSlot());
        out.boolean(state != nullptr);
        if (!state) continue;
        size_t own = out.beginSection();
        state->snapshot(out);
        out.endSection(own);
      }
    }
  }
  // The instance of `key`, the rest of it read from `in`.
  void readInstance(StateReader& in, const Value& key) {
    const size_t h = partitionKeyHash(key);
    if (find(key, h)) StateReader::fail("partition key '" + key.toString() + "' appears twice");
    auto* instance = new PartitionInstance(key, partition_.slots_);
    place(instance, h);
    order_.push_back(instance);
    instance->lastEvent = in.svarint();
    for (const StatefulOperator* op : partition_.inner_) {
      if (!in.boolean()) continue;
      StateReader own(in.section());
      auto state = op->makeState(app_, instance->frame);
      state->restore(own);
      own.expectEnd();
      instance->frame.slot(op->stateSlot()) = std::move(state);
    }
  }
  Timer& sweepTimer() { return sweep_; }
  const Timer& sweepTimer() const { return sweep_; }

  bool canDestroy() const override { return order_.empty(); }

 private:
  static inline PartitionInstance* const kRemoved = reinterpret_cast<PartitionInstance*>(uintptr_t{1});

  void place(PartitionInstance* instance, size_t h) {
    if ((used_ + 1) * 10 > index_.size() * 7) {  // at most 70% used, counting removed marks
      size_t size = index_.empty() ? 16 : index_.size();
      while ((live_ + 1) * 2 > size) size *= 2;  // rebuilt at most half full
      rehash(size);
    }
    size_t i = h & mask_;
    while (index_[i] && index_[i] != kRemoved) i = (i + 1) & mask_;
    if (!index_[i]) ++used_;
    index_[i] = instance;
    ++live_;
  }
  void unindex(PartitionInstance* instance) {
    for (size_t i = partitionKeyHash(instance->key) & mask_;; i = (i + 1) & mask_) {
      if (index_[i] == instance) {
        index_[i] = kRemoved;
        --live_;
        return;
      }
    }
  }
  // To `size` slots, leaving out the removed marks.
  void rehash(size_t size) {
    std::vector<PartitionInstance*> old = std::move(index_);
    index_.assign(size, nullptr);
    mask_ = size - 1;
    used_ = live_ = 0;
    for (PartitionInstance* at : old) {
      if (!at || at == kRemoved) continue;
      size_t i = partitionKeyHash(at->key) & mask_;
      while (index_[i]) i = (i + 1) & mask_;
      index_[i] = at;
      ++used_;
      ++live_;
    }
  }
  void clear() {
    for (PartitionInstance* instance : order_) delete instance;
    order_.clear();
    index_.clear();
    used_ = live_ = 0;
    mask_ = 0;
  }

  const Partition& partition_;
  AppState& app_;
  Timer sweep_;
  std::vector<PartitionInstance*> order_;  // owns them
  std::vector<PartitionInstance*> index_;  // power-of-two size; null: free, kRemoved: was used
  size_t mask_ = 0;
  size_t used_ = 0;  // slots not free (live or removed)
  size_t live_ = 0;
};


}  // namespace cepheus::runtime
