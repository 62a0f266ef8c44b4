#include "runtime/partition/partition.h"

#include "runtime/app_state.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

namespace {

// Spreads the value's hash over the low bits the table indexes with (an int's hash is itself).
size_t keyHash(const Value& key) {
  uint64_t h = static_cast<uint64_t>(key.hash()) * 0x9e3779b97f4a7c15ULL;
  return static_cast<size_t>(h ^ (h >> 32));
}

}  // namespace

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
    sweep_.snapshot(out);
  }

  void restore(StateReader& in) override {
    clear();
    size_t count = in.count(2);
    for (size_t i = 0; i < count; ++i) {
      Value key = in.value();
      const size_t h = keyHash(key);
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
    sweep_.restore(in);
  }

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
    for (size_t i = keyHash(instance->key) & mask_;; i = (i + 1) & mask_) {
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
      size_t i = keyHash(at->key) & mask_;
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

PartitionInstance& Partition::instanceFor(ExecContext& ctx, const Value& key) const {
  auto& s = state<PartitionState>(ctx);
  const size_t h = keyHash(key);
  PartitionInstance* instance = s.find(key, h);
  if (!instance) [[unlikely]]
    instance = &s.add(ctx, key, h);
  instance->lastEvent = ctx.app.clock.now();
  return *instance;
}

const std::vector<PartitionInstance*>& Partition::instances(ExecContext& ctx) const {
  return state<PartitionState>(ctx).instances();
}

std::unique_ptr<OperatorState> Partition::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<PartitionState>(*this, app, frame);
}

std::string Partition::stateLayout() const {
  std::string layout = "partition(";
  for (size_t i = 0; i < inner_.size(); ++i) layout += (i ? ", " : "") + inner_[i]->stateLayout();
  return layout + ")";
}

// Judged at the sweep's own time, so which keys go does not depend on when the next event came.
void Partition::onTimer(ExecContext& ctx, int64_t due) const { state<PartitionState>(ctx).sweep(due); }

}  // namespace cepheus::runtime
