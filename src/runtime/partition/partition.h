// `partition with (card of Payments) begin ... end`: the same queries for each key, each key with
// state of its own. The queries are built once, like any others; what a key owns is a state
// frame (an instance) holding its operators' states, made at the key's first event and dropped
// when @purge finds it idle. A key that never saw an event costs nothing; one that did costs
// what its states hold.
//
// Events enter through routers (partition_router.h): each divided stream's router finds the
// key of every event and runs the partition's queries on it in that key's frame. The partition
// itself is the stateful operator holding the instances: its state sits in the app's frame,
// is saved with every live instance, and its timer sweeps idle keys.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cepheus/value.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

struct PartitionPurge {
  bool enabled = false;
  int64_t interval = 0;    // engine milliseconds between sweeps
  int64_t idlePeriod = 0;  // a key without events for longer than this is dropped
};

// One key's instance of the partition's queries.
struct PartitionInstance {
  PartitionInstance(Value key, size_t slots) : key(std::move(key)), frame(slots) {}
  Value key;
  int64_t lastEvent = 0;  // engine clock when an event last reached it
  StateFrame frame;
};

class PartitionState;
class ShardHost;
class ShardedPartitionState;

class Partition final : public StatefulOperator {
 public:
  Partition(std::string identity, PartitionPurge purge) : identity_(std::move(identity)), purge_(purge) {}

  // --- while the planner builds the partition's queries ---
  // A stateful operator of one of its queries: its state lives in each key's frame.
  uint32_t adopt(const StatefulOperator* op) {
    inner_.push_back(op);
    return slots_++;
  }
  // One whose state must exist as soon as a key's instance does (a pattern that starts with an
  // absent state arms its timer then).
  void startWithInstance(const StatefulOperator* op) { startingWithInstance_.push_back(op); }
  const std::string& identity() const { return identity_; }
  // @app:workers('N'): the keys are spread over `shards` shards by a hash of the key, each run
  // by an executor of its own (partition_shards.h); what the queries write to the app's streams
  // goes back to the app through `host`.
  void runInShards(size_t shards, ShardHost* host) {
    shards_ = shards;
    host_ = host;
  }
  size_t shards() const { return shards_; }
  ShardHost* host() const { return host_; }
  bool parallel() const { return shards_ > 1; }
  // Parallel: its shards (the state in the app's frame).
  ShardedPartitionState& sharded(ExecContext& ctx) const;
  // The instances of one shard's keys, with their timers in `app`'s scheduler.
  std::unique_ptr<OperatorState> makeKeysState(AppState& app, StateFrame& frame) const;

  // --- running ---
  // The instance of `key` (made when the key is new), marked as used at `now` (the engine clock,
  // read once per chunk by the caller: a wall clock read per event cost a fifth of the time).
  // `hash` is partitionKeyHash(key).
  PartitionInstance& instanceFor(ExecContext& ctx, const Value& key, size_t hash, int64_t now) const;
  // The instances by key, for lookups that ask for their memory ahead (partition_state.h).
  PartitionState& keys(ExecContext& ctx) const;
  // Every live instance, oldest first (events of a stream the partition reads but does not
  // divide go to each of them).
  const std::vector<PartitionInstance*>& instances(ExecContext& ctx) const;

  // A partition is entered through its routers, never processed itself.
  void process(ExecContext&, const Chunk&) const override {}
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;
  void onTimer(ExecContext& ctx, int64_t due) const override;  // the purge sweep

 private:
  friend class PartitionState;
  std::string identity_;
  PartitionPurge purge_;
  uint32_t slots_ = 0;
  size_t shards_ = 1;
  ShardHost* host_ = nullptr;
  std::vector<const StatefulOperator*> inner_;  // by slot
  std::vector<const StatefulOperator*> startingWithInstance_;
};

}  // namespace cepheus::runtime
