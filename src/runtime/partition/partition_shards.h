// A parallel partition (@app:workers('N')): its keys are spread over N shards by a hash of the
// key. A shard is a small app of its own — an executor, a lane, and an AppState with a clock and
// a scheduler for its keys' timers — that holds the instances of its keys. The app's executor
// routes each chunk's rows into one batch per shard, in order. N threads work on the partition:
// the first shard is the app's own, run on the app's executor right after the chunk is routed,
// on the chunk's rows as they are, and what its queries write is published at once; the others
// run on the engine's workers, on copies of their rows, and hand their output back. Were the
// app's thread only to route, N workers would be N + 1 busy threads, taking turns on N cores.
// A worker's shard copies what its queries write to the app's streams into its outbox and hands
// it back to the app (ShardHost), which publishes it on its own executor. So each key's events
// are processed in order by one shard and its outputs keep their order; outputs of keys in
// different shards interleave as the shards get to them.
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
#include <condition_variable>
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
class PartitionShard;

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
  void clear() {  // keeps the memory, for the next use
    values.clear();
    times.clear();
    kinds.clear();
  }
};

// What a shard's queries wrote to the app's streams, in the order they wrote it. Outputs go
// back to their shard once published, and are filled again with the memory they had.
struct ShardOutput {
  struct Part {
    const Junction* target;
    bool independent;
    CopiedRows rows;
  };
  PartitionShard* from = nullptr;
  std::vector<Part> parts;  // [0, used) hold this output; the rest keep their memory for later
  size_t used = 0;

  bool empty() const { return used == 0; }
  // The part rows for `target` go to: the last one, if it is for the same, else the next.
  CopiedRows& partFor(const Junction& target, bool independent);
  void clear();
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
  // The app's own shard has work queued: run it on the app's executor (now, when called from
  // there; else posted).
  virtual void runAppShard(PartitionShard& shard) = 0;
  // From the app's own shard (on the app's executor): publish this in the app now.
  virtual void publishInApp(const Junction& target, const Chunk& chunk) = 0;
  // From a shard's thread: publish this in the app (on its executor, in the order handed back).
  virtual void fromShard(ShardOutput&& output) = 0;
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
  // The app's own shard runs its batch before the chunk it came from is done, so it takes the
  // chunk's rows as they are; a worker's shard gets copies.
  bool inPlace = false;
  CopiedRows rows;
  std::vector<EventRow> views;   // inPlace
  // A key that is a plain attribute is read in its run's first row (keyColumn >= 0): writing a
  // copy of it for every run was the costliest store of the router's thread, into memory the
  // shard's thread had read last. Any other key is kept in `keys`, one a run.
  int keyColumn = -1;
  std::vector<Value> keys;
  std::vector<size_t> hashes;    // partitionKeyHash of each run's key
  std::vector<uint32_t> ends;    // where each run ends in the rows

  size_t size() const { return inPlace ? views.size() : rows.size(); }
  const Value& runKey(size_t run) const {
    if (keyColumn < 0) return keys[run];
    const size_t first = run ? ends[run - 1] : 0;
    return inPlace ? views[first].data[keyColumn] : rows.values[first * rows.width + static_cast<size_t>(keyColumn)];
  }
  void add(const EventRow& row) {
    if (inPlace) {
      views.push_back(row);
    } else {
      rows.add(row);
    }
  }
  // Rows [from, to) appended to `chunk`.
  void rowsInto(Chunk& chunk, size_t from, size_t to) const {
    if (inPlace) {
      chunk.rows.insert(chunk.rows.end(), views.begin() + static_cast<ptrdiff_t>(from),
                        views.begin() + static_cast<ptrdiff_t>(to));
    } else {
      rows.viewInto(chunk, from, to);
    }
  }
  void clear();  // the rows and runs, keeping the memory (the router sets the rest anew)
};

class PartitionShard final : public TimerClient, public ClockFollower {
 public:
  // `appsOwn`: the app's executor runs it (its executor has no workers).
  PartitionShard(const Partition& partition, ShardHost& host, AppState& app, uint64_t timerSequence, bool appsOwn);
  ~PartitionShard() override;

  // A batch to fill, with the memory of one this shard processed before.
  std::shared_ptr<ShardBatch> spareBatch();
  // Queued (a broadcast batch is shared by every shard: each only reads it). On the app's
  // executor; a worker's shard with too much in flight first works some of it off (the call
  // waits), so a shard slower than the app holds back the app's input instead of queuing it
  // without end.
  void post(std::shared_ptr<ShardBatch> batch);
  // The app's own shard, on the app's executor: what is queued, then `batch` (in place).
  void runHere(std::shared_ptr<ShardBatch> batch);
  bool appsOwn() const { return appsOwn_; }
  // An output the app has published, back for its memory.
  void recycle(ShardOutput&& output);
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
  void recycle(std::shared_ptr<ShardBatch> batch);
  void waitForRoom();  // back-pressure, after post()
  void workedOne();    // after each item of work
  void advance(int64_t clock);
  void finishWork();
  void handBack();  // the outbox to the host
  void noteTimers();
  template <class Work>
  void postCounted(Work work);
  void queued();  // after posting to executor_

  const Partition& partition_;
  ShardHost& host_;
  AppState& app_;  // whose clock it follows
  AppState state_;
  Lane lane_;
  PartitionState* keys_;  // in state_.globals
  std::atomic<int64_t> nextDue_{INT64_MAX};
  std::atomic<int> inFlight_{0};
  // waitForRoom()'s sleep: the worker wakes it once it has worked the queue down to half.
  std::mutex roomMutex_;
  std::condition_variable room_;
  std::atomic<bool> roomWanted_{false};
  std::atomic<bool> stopped_{false};
  const bool appsOwn_;
  // Kept memory: batches (filled on the app's executor, processed here) and outputs (filled
  // here, published on the app's executor) go back and forth instead of being allocated anew.
  std::mutex spareMutex_;
  std::vector<std::shared_ptr<ShardBatch>> spareBatches_;
  std::vector<ShardOutput> spareOutputs_;
  Executor executor_;  // last: destroyed (drained) first
};

// Its state in the app's frame: the shards.
class ShardedPartitionState final : public OperatorState {
 public:
  ShardedPartitionState(const Partition& partition, AppState& app);
  ~ShardedPartitionState() override;

  // `hash`: partitionKeyHash of the key. Its high bits, in N equal parts: a shard's own index
  // uses the low ones.
  size_t shardIndexOf(size_t hash) const {
    return static_cast<size_t>(((static_cast<uint64_t>(hash) >> 32) * shards_.size()) >> 32);
  }
  PartitionShard& shardOf(const Value& key);
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
