// A deployed app at run time: the definitions the planner built (streams and their junctions,
// input ports, the operator chains of its queries and named windows) and what runs them: its
// executor, its state (clock, timers, the frame of its operators' states) and the lane of
// scratch buffers its executor uses. Driven through the public API.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cepheus/snapshot.h"
#include "cepheus/stream.h"
#include "cepheus/time_source.h"
#include "runtime/app_state.h"
#include "runtime/exec/executor.h"
#include "runtime/exec/timer_service.h"
#include "runtime/fault_router.h"
#include "runtime/input_port.h"
#include "runtime/join/findable.h"
#include "runtime/junction.h"
#include "runtime/operator.h"
#include "runtime/table/table.h"
#include "runtime/partition/partition.h"
#include "runtime/partition/partition_shards.h"

namespace cepheus::runtime {

class IncrementalAggregation;

// What an engine lends each of its apps.
struct EngineServices {
  const TimeSource* time = nullptr;
  WorkerPool* workers = nullptr;   // null: posted work runs only when a caller drains
  TimerService* timers = nullptr;  // null: wall-clock timers never fire by themselves
};

// A unit of saved state: a query or a named window, under an identity that survives edits of
// the app (its name when it has one, else a fingerprint of its text and the schemas it reads).
struct StateElement {
  std::string identity;
  std::string description;  // how reports name it: "query 'alerts'"
  std::string layout;       // what its states hold: a snapshot's state fits only the same layout
  std::vector<const StatefulOperator*> operators;
};

class Trigger;

class AppRuntime final : public TimerClient, public ShardHost {
 public:
  AppRuntime(std::string name, bool explicitName, bool playback, EngineServices services);
  ~AppRuntime() override;
  AppRuntime(const AppRuntime&) = delete;
  AppRuntime& operator=(const AppRuntime&) = delete;

  const std::string& name() const { return name_; }
  bool playback() const { return playback_; }

  // --- filled by the planner ---
  std::vector<StreamInfo> streams;
  std::vector<std::unique_ptr<Junction>> junctions;      // parallel to streams
  std::vector<std::unique_ptr<InputPort>> inputs;        // parallel to streams; null: no input
  std::vector<std::unique_ptr<Junction>> windowReaders;  // named windows' output; null for streams
  // Named windows' content, as joins and on-demand queries search it; null for streams.
  std::vector<std::unique_ptr<Findable>> windowContents;
  std::vector<Table*> tables;  // in definition order
  std::vector<const Trigger*> triggers;  // started by start()
  // Each partition's view of the app streams its queries read: [partition][stream] is the
  // junction they read the stream from (fed by the partition's router), or null.
  std::vector<std::vector<std::unique_ptr<Junction>>> partitionSources;
  std::vector<Partition*> partitions;  // by partition index
  // A parallel partition's view of the app streams its queries write: [partition][stream] is
  // the junction they write it through (a ShardOutbox reads it), or null.
  std::vector<std::vector<std::unique_ptr<Junction>>> partitionOutboxes;
  std::vector<std::string> outputStreams;
  // `define aggregation`s, in the model's order: what joins and on-demand queries read.
  std::vector<const IncrementalAggregation*> aggregations;
  // Several events sent in one call may travel as one chunk: nothing in the app depends on the
  // clock between them (see Chunk::independent).
  bool batchable = true;

  // Takes an operator into the app: gives it its id (its scratch in a lane) and, when it keeps
  // state, its slot in the app's state frame.
  template <class Op>
  Op* add(std::unique_ptr<Op> op) {
    Op* raw = op.get();
    raw->setId(static_cast<uint32_t>(operators_.size()));
    if constexpr (std::is_base_of_v<StatefulOperator, Op>) {
      if (raw->hasState()) raw->setStateSlot(building_ ? building_->adopt(raw) : stateSlots_++);
      // One that starts with the app (or, in a partition, with each key's instance) has its
      // state made then, not at its first event.
      if (raw->startsWithApp()) {
        if (building_)
          building_->startWithInstance(raw);
        else
          startingWithApp_.push_back(raw);
      }
    }
    operators_.push_back(std::move(op));
    return raw;
  }
  const FaultRouter* addFaultRouter(std::unique_ptr<FaultRouter> router);
  // Takes a search source the app's operators use (a join side's window content).
  const Findable* addSource(std::unique_ptr<Findable> source);
  // Identical unnamed queries share a fingerprint: the second is told apart by its place. The
  // queries of a partition are saved as part of it, one element.
  void addElement(StateElement element);
  // While the planner builds a partition's queries: their stateful operators keep their state
  // in each key's frame of `partition` (which was added before), not in the app's frame.
  void beginPartition(Partition* partition);
  void endPartition();
  // Playback with a heartbeat (@app:playback(idle.time, increment)): once events have come, each
  // time none arrives for `idleTime` of wall time the playback clock moves on by `increment`.
  void setHeartbeat(int64_t idleTime, int64_t increment) {
    heartbeatIdle_ = idleTime;
    heartbeatIncrement_ = increment;
  }
  // @app:workers('N'): partitions may run their keys on N shards (N > 1).
  void setWorkers(size_t workers) { workers_ = workers; }
  size_t workers() const { return workers_; }
  // This partition runs its keys in parallel, on workers() shards.
  void runInParallel(Partition* partition) {
    partition->runInShards(workers_, this);
    parallel_.push_back(partition);
  }
  // The planner is done: makes the app's state and lane.
  void ready();

  int findStream(std::string_view name) const;

  // --- running ---
  // On the calling thread (or inline when already on this app's executor); throws once the app
  // is shut down.
  template <class F>
  void runOnExecutor(F&& work) {
    if (Executor::current() == &executor_) {
      work();
      return;
    }
    if (executor_.closed()) throw std::logic_error("app '" + name_ + "' has been shut down");
    executor_.run(std::forward<F>(work));
  }
  void postToExecutor(Executor::Work work);
  const Executor* executor() const { return &executor_; }
  // On the executor, when events arrive in playback: puts the heartbeat off (or starts it).
  void noteArrival() {
    if (heartbeatIdle_ > 0) heartbeatArrival();
  }
  // The state and lane, for work running on the executor.
  AppState& state() { return *state_; }
  Lane& lane() { return *lane_; }

  void subscribe(size_t stream, StreamCallback callback);
  void subscribe(size_t stream, BatchCallback callback);
  // Wall clock: from now on the engine's timer service fires this app's timers when due. The
  // app's triggers start (a start trigger fires; periodic and cron ones are scheduled).
  void start();
  // Processes what was posted, then stops: no more events or timers. Idempotent.
  void shutdown();
  // Waits until everything posted so far has been processed.
  void drain();

  // The whole state as bytes: a consistent cut between two events. Not from inside an app's
  // work (a callback): it would not be between two events.
  std::vector<uint8_t> snapshot();
  // Loads a snapshot into this app (of the same or an edited text): every element whose
  // identity and layout are unchanged gets its state back. Throws SnapshotError, leaving the app
  // as it was, for another app's snapshot or bytes that are truncated, corrupted or newer.
  RestoreReport restore(std::span<const uint8_t> bytes);

 private:
  void timersDue() override;
  // ShardHost: what a parallel partition's shards run with, and their output.
  const TimeSource& shardTime() const override { return *services_.time; }
  WorkerPool* shardWorkers() const override { return services_.workers; }
  TimerService* shardTimers() const override { return playback_ ? nullptr : services_.timers; }
  bool shardPlayback() const override { return playback_; }
  size_t shardOperators() const override { return operators_.size(); }
  size_t shardStateSlots() const override { return stateSlots_; }
  void fromShard(ShardOutput&& output) override;
  void runAppShard(PartitionShard& shard) override;
  void publishInApp(const Junction& target, const Chunk& chunk) override;
  // On the executor: publishes what the shards handed back; how many parts.
  size_t deliverFromShards();
  // On the executor: runs what the shards have queued and publishes their output, until
  // nothing is left (a cut between two events for parallel partitions too).
  void settleShards();
  void forEachShard(const std::function<void(PartitionShard&)>& visit);
  uint64_t timerSequence();
  void tick();
  void heartbeatArrival();
  void heartbeat();
  // Tells the timer service when the earliest timer is due (wall clock, once started).
  void watchTimers(AppState& state);
  std::vector<uint8_t> writeSnapshot();
  RestoreReport readSnapshot(std::span<const uint8_t> bytes);

  std::string name_;
  bool explicitName_;
  bool playback_;
  EngineServices services_;
  Executor executor_;  // destroyed last: nothing is queued by then
  std::vector<std::unique_ptr<Operator>> operators_;
  std::vector<std::unique_ptr<FaultRouter>> faultRouters_;
  std::vector<std::unique_ptr<Findable>> sources_;
  std::vector<StateElement> elements_;
  uint32_t stateSlots_ = 0;
  Partition* building_ = nullptr;              // the partition whose queries are being added
  std::vector<StateElement> buildingQueries_;  // their elements, saved as the partition's
  std::vector<const StatefulOperator*> startingWithApp_;  // their states are made with the app's
  // Makes the states of the operators that start with the app (see startsWithApp()).
  void makeStartingStates(AppState& state) const;
  std::unique_ptr<AppState> state_;
  std::unique_ptr<Lane> lane_;
  bool started_ = false;
  std::atomic<bool> stopping_{false};
  int64_t heartbeatIdle_ = 0;       // wall milliseconds; 0: no heartbeat
  int64_t heartbeatIncrement_ = 0;  // playback milliseconds
  int64_t lastArrival_ = 0;         // wall time of the latest events, or of the latest beat
  bool heartbeatArmed_ = false;     // the timer service will call back
  size_t workers_ = 1;
  std::vector<Partition*> parallel_;  // partitions running on shards
  std::mutex shardOutputMutex_;       // over the two below
  std::vector<ShardOutput> shardOutputs_;
  std::vector<ShardOutput> deliveredOutputs_;  // on the executor: kept for its memory
  std::vector<EventRow> deliveredRows_;        // idem, the views of the rows being published
  bool shardDeliveryPosted_ = false;
};

}  // namespace cepheus::runtime
