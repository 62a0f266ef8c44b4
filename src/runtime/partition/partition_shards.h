// A parallel partition (@app:workers('N')): its keys are spread over N shards by a hash of the
// key. A shard is a small app of its own — an executor on the engine's workers, a lane, and an
// AppState with a clock and a scheduler for its keys' timers — that holds the instances of its
// keys. The app's executor routes: each chunk's rows are copied into one batch per shard, in
// order, and posted. A shard runs the partition's queries on its keys, and what they write to
// the app's streams is copied into its outbox and handed back to the app (ShardHost), which
// publishes it on its own executor. So each key's events are processed in order by one shard
// and its outputs keep their order; outputs of keys in different shards interleave as the
// shards get to them.
//
// Time: in playback a batch carries the app's clock, and a shard whose timers are due (or that
// has work in flight) is told each time the app's clock moves on; on the wall clock a shard
// tells the engine's timer service itself when its earliest timer is due.
//
// Snapshots do not depend on N: the partition's state is saved as a sequential partition's
// (every instance, then the purge sweep) and a restore spreads the instances over however many
// shards the restoring app has. The app settles first: it runs what the shards have queued and
// publishes what they handed back, until nothing is left, so a snapshot is a cut between two
// events for the partition too.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "runtime/app_state.h"
#include "runtime/exec/executor.h"
#include "runtime/exec/timer_service.h"
#include "runtime/junction.h"
#include "runtime/partition/partition.h"

namespace cepheus::runtime {

class PartitionState;

// Rows copied to go to another thread.
struct CopiedRows {
  size_t width = 0;
  std::vector<Value> values;
  std::vector<int64_t> times;
  std::vector<EventKind> kinds;

  size_t size() const { return times.size(); }
  void add(const EventRow& row) {
    values.insert(values.end(), row.data, row.data + width);
    times.push_back(row.timestamp);
    kinds.push_back(row.kind);
  }
  // Views of rows [from, to) appended to `chunk`.
  void viewInto(Chunk& chunk, size_t from, size_t to) const {
    for (size_t i = from; i < to; ++i) chunk.rows.push_back({values.data() + i * width, times[i], kinds[i]});
  }
};

// What a shard's queries wrote to the app's streams, in the order they wrote it.
struct ShardOutput {
  struct Part {
    const Junction* target;
    bool independent;
    CopiedRows rows;
  };
  std::vector<Part> parts;
};

// The app a parallel partition belongs to: what its shards run on, and where their output goes.
class ShardHost {
 public:
  virtual ~ShardHost() = default;
  virtual const TimeSource& shardTime() const = 0;
  virtual WorkerPool* shardWorkers() const = 0;
  virtual TimerService* shardTimers() const = 0;  // null: wall-clock timers never fire by themselves
  virtual bool shardPlayback() const = 0;
  virtual size_t shardOperators() const = 0;    // lane size
  virtual size_t shardStateSlots() const = 0;   // app frame size
  // From a shard's thread: publish this in the app (on its executor, in the order handed back).
  virtual void fromShard(ShardOutput output) = 0;
};

// What an inner query writing an app stream inserts into, in a parallel partition: the rows go
// to the outbox of the shard running them (in its lane), not to the app's junction.
class ShardOutbox final : public Operator {
 public:
  ShardOutbox(const Partition& partition, const Junction& target) : partition_(partition), target_(target) {}
  void process(ExecContext& ctx, const Chunk& chunk) const override;

 private:
  const Partition& partition_;
  const Junction& target_;
};

// A routed batch: runs of rows, each run of one key (or, broadcast, for every key).
struct ShardBatch {
  const Junction* target = nullptr;
  int64_t clock = 0;  // the app's playback clock when routed
  bool independent = false;
  bool broadcast = false;
  CopiedRows rows;
  std::vector<Value> keys;       // a key per run
  std::vector<size_t> hashes;    // partitionKeyHash of each run's key
  std::vector<uint32_t> ends;    // where each run ends in rows
};

class PartitionShard final : public TimerClient, public ClockFollower {
 public:
  PartitionShard(const Partition& partition, ShardHost& host, AppState& app, uint64_t timerSequence);
  ~PartitionShard() override;

  void post(std::shared_ptr<const ShardBatch> batch);  // read only: a broadcast shares one
  // On the app's executor: runs what is queued for this shard on the calling thread.
  void settle() { executor_.run([] {}); }
  // No more work or timers (the app is shutting down or replaced).
  void stop();

  PartitionState& keys() { return *keys_; }
  AppState& state() { return state_; }
  uint64_t timerSequence() const { return state_.scheduler.sequence(); }

  void timersDue() override;       // the timer service's thread
  void clockAt(int64_t now) override;  // the app's executor, playback

 private:
  void process(const ShardBatch& batch);
  void advance(int64_t clock);
  void finishWork();
  void handBack();  // the outbox to the host
  void noteTimers();

  const Partition& partition_;
  ShardHost& host_;
  AppState& app_;  // whose clock it follows
  AppState state_;
  Lane lane_;
  PartitionState* keys_;  // in state_.globals
  std::atomic<int64_t> nextDue_{INT64_MAX};
  std::atomic<int> inFlight_{0};
  std::atomic<bool> stopped_{false};
  Executor executor_;  // last: destroyed (drained) first
};

// Its state in the app's frame: the shards.
class ShardedPartitionState final : public OperatorState {
 public:
  ShardedPartitionState(const Partition& partition, AppState& app);
  ~ShardedPartitionState() override;

  size_t shardIndexOf(const Value& key) const;
  PartitionShard& shardOf(const Value& key) { return *shards_[shardIndexOf(key)]; }
  const std::vector<std::unique_ptr<PartitionShard>>& shards() const { return shards_; }
  void stop();

  void snapshot(StateWriter& out) const override;
  void restore(StateReader& in) override;
  bool canDestroy() const override;

 private:
  const Partition& partition_;
  std::vector<std::unique_ptr<PartitionShard>> shards_;
};

std::unique_ptr<OperatorState> makeShardedState(const Partition& partition, AppState& app);

}  // namespace cepheus::runtime
