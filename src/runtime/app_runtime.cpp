#include "runtime/app_runtime.h"

#include <algorithm>

#include "runtime/trigger/trigger.h"

namespace cepheus::runtime {

AppRuntime::AppRuntime(std::string name, bool explicitName, bool playback, EngineServices services)
    : name_(std::move(name)),
      explicitName_(explicitName),
      playback_(playback),
      services_(services),
      executor_(services.workers) {}

AppRuntime::~AppRuntime() { shutdown(); }

const FaultRouter* AppRuntime::addFaultRouter(std::unique_ptr<FaultRouter> router) {
  faultRouters_.push_back(std::move(router));
  return faultRouters_.back().get();
}

const Findable* AppRuntime::addSource(std::unique_ptr<Findable> source) {
  sources_.push_back(std::move(source));
  return sources_.back().get();
}

void AppRuntime::addElement(StateElement element) {
  if (building_) {
    buildingQueries_.push_back(std::move(element));
    return;
  }
  std::string identity = element.identity;
  for (int n = 2; std::any_of(elements_.begin(), elements_.end(),
                              [&](const StateElement& e) { return e.identity == element.identity; });
       ++n)
    element.identity = identity + " #" + std::to_string(n);
  elements_.push_back(std::move(element));
}

void AppRuntime::beginPartition(Partition* partition) {
  building_ = partition;
  buildingQueries_.clear();
}

void AppRuntime::endPartition() {
  Partition* partition = building_;
  building_ = nullptr;
  StateElement element;
  element.identity = partition->identity();
  element.description = "partition of ";
  element.layout = partition->stateLayout();
  for (size_t i = 0; i < buildingQueries_.size(); ++i) {
    const StateElement& query = buildingQueries_[i];
    element.description += (i == 0 ? "" : i + 1 == buildingQueries_.size() ? " and " : ", ") + query.description;
    element.layout += " | " + query.layout;
  }
  element.operators = {partition};
  addElement(std::move(element));
}

void AppRuntime::ready() {
  state_ = std::make_unique<AppState>(playback_, *services_.time, stateSlots_);
  lane_ = std::make_unique<Lane>(operators_.size());
  makeStartingStates(*state_);
}

void AppRuntime::makeStartingStates(AppState& state) const {
  for (const StatefulOperator* op : startingWithApp_) op->stateIn(state, state.globals);
}

int AppRuntime::findStream(std::string_view name) const {
  for (size_t i = 0; i < streams.size(); ++i)
    if (streams[i].name == name) return static_cast<int>(i);
  return -1;
}

void AppRuntime::postToExecutor(Executor::Work work) {
  if (!executor_.post(std::move(work))) throw std::logic_error("app '" + name_ + "' has been shut down");
}

void AppRuntime::subscribe(size_t stream, StreamCallback callback) {
  runOnExecutor([&] { junctions[stream]->subscribe(std::move(callback)); });
}

void AppRuntime::subscribe(size_t stream, BatchCallback callback) {
  runOnExecutor([&] { junctions[stream]->subscribe(std::move(callback)); });
}

void AppRuntime::start() {
  runOnExecutor([&] {
    if (started_) return;
    started_ = true;
    watchTimers(*state_);
    ExecContext ctx{*state_, state_->globals, *lane_};
    for (const Trigger* trigger : triggers) trigger->start(ctx);
  });
}

void AppRuntime::watchTimers(AppState& state) {
  if (playback_ || !started_ || !services_.timers) return;
  Scheduler& scheduler = state.scheduler;
  scheduler.setOnEarlier([this, &scheduler] {
    if (!stopping_) services_.timers->schedule(this, scheduler.nextDue());
  });
  if (!scheduler.empty()) services_.timers->schedule(this, scheduler.nextDue());
}

// On the timer service's thread: the earliest timer is due. The timers fire on the executor.
void AppRuntime::timersDue() {
  executor_.post([this] { tick(); });
}

void AppRuntime::tick() {
  if (stopping_) return;
  if (playback_) {
    heartbeat();
    return;
  }
  state_->fireTimersUntil(*lane_, state_->clock.now());
  // The earliest timer is now a later one (or none): the service forgot this app when it fired.
  if (!state_->scheduler.empty()) services_.timers->schedule(this, state_->scheduler.nextDue());
}

// As Siddhi's playback timestamp generator: the heartbeat starts with the first events and, once
// running, beats each idle time (of wall time) that passes without events.
void AppRuntime::heartbeatArrival() {
  lastArrival_ = services_.time->now();
  if (heartbeatArmed_ || !started_ || !services_.timers || stopping_) return;
  heartbeatArmed_ = true;
  services_.timers->schedule(this, lastArrival_ + heartbeatIdle_);
}

void AppRuntime::heartbeat() {
  heartbeatArmed_ = false;
  const int64_t now = services_.time->now();
  if (now - lastArrival_ >= heartbeatIdle_) {
    // The timers the new time passes fire, as if an event had come at it.
    state_->advanceTo(*lane_, state_->clock.now() + heartbeatIncrement_);
    lastArrival_ = now;
  }
  heartbeatArmed_ = true;
  services_.timers->schedule(this, lastArrival_ + heartbeatIdle_);
}

void AppRuntime::shutdown() {
  if (stopping_.exchange(true)) return;
  // What the shards have is processed and published first; then they stop with the app.
  if (!parallel_.empty() && !executor_.closed() && Executor::current() != &executor_)
    executor_.run([this] {
      settleShards();
      forEachShard([](PartitionShard& shard) { shard.stop(); });
    });
  executor_.close();  // what was posted is processed; ticks no longer fire or re-arm
  if (services_.timers) services_.timers->remove(this);
}

void AppRuntime::drain() {
  if (Executor::current() == &executor_) return;  // from its own work: nothing to wait for
  // Waiting for one app from inside another's work could wait for itself through a cycle.
  if (Executor::current()) throw std::logic_error("drain() is called from inside another app's callback");
  executor_.drain();
  if (!parallel_.empty() && !executor_.closed()) executor_.run([this] { settleShards(); });
}

std::vector<uint8_t> AppRuntime::snapshot() {
  if (Executor::current())
    throw std::logic_error("snapshot() is called from inside an app's callback, which is not between two events");
  std::vector<uint8_t> bytes;
  runOnExecutor([&] {
    settleShards();
    bytes = writeSnapshot();
  });
  return bytes;
}

RestoreReport AppRuntime::restore(std::span<const uint8_t> bytes) {
  if (Executor::current()) throw std::logic_error("restore() is called from inside an app's callback");
  RestoreReport report;
  runOnExecutor([&] {
    settleShards();
    report = readSnapshot(bytes);
  });
  return report;
}

void AppRuntime::fromShard(ShardOutput&& output) {
  bool post = false;
  {
    std::lock_guard lock(shardOutputMutex_);
    shardOutputs_.push_back(std::move(output));
    post = !shardDeliveryPosted_;
    shardDeliveryPosted_ = true;
  }
  // Refused once the app has shut down: it settled its shards before, so nothing is lost.
  if (post) executor_.post([this] { deliverFromShards(); });
}

void AppRuntime::runAppShard(PartitionShard& shard) {
  if (Executor::current() == &executor_) {
    shard.settle();
  } else {
    executor_.post([&shard] { shard.settle(); });  // refused after shutdown, which settled it
  }
}

void AppRuntime::publishInApp(const Junction& target, const Chunk& chunk) {
  ExecContext ctx{*state_, state_->globals, *lane_};
  target.publish(ctx, chunk);
}

size_t AppRuntime::deliverFromShards() {
  // The list's memory is kept between calls (a call from inside publishing gets an empty one).
  std::vector<ShardOutput> outputs = std::move(deliveredOutputs_);
  outputs.clear();
  {
    std::lock_guard lock(shardOutputMutex_);
    outputs.swap(shardOutputs_);
    shardDeliveryPosted_ = false;
  }
  size_t parts = 0;
  ExecContext ctx{*state_, state_->globals, *lane_};
  Chunk chunk;
  chunk.rows = std::move(deliveredRows_);  // grown from nothing each call, it was a malloc a part
  for (const ShardOutput& output : outputs) {
    for (size_t i = 0; i < output.used; ++i) {
      const ShardOutput::Part& part = output.parts[i];
      chunk.rows.clear();
      chunk.independent = part.independent;
      part.rows.viewInto(chunk, 0, part.rows.size());
      part.target->publish(ctx, chunk);
      ++parts;
    }
  }
  for (ShardOutput& output : outputs) output.from->recycle(std::move(output));
  outputs.clear();
  deliveredOutputs_ = std::move(outputs);
  chunk.rows.clear();
  deliveredRows_ = std::move(chunk.rows);
  return parts;
}

void AppRuntime::forEachShard(const std::function<void(PartitionShard&)>& visit) {
  ExecContext ctx{*state_, state_->globals, *lane_};
  for (Partition* partition : parallel_)
    for (const auto& shard : partition->sharded(ctx).shards()) visit(*shard);
}

void AppRuntime::settleShards() {
  if (parallel_.empty()) return;
  // Bounded by the work there is: each round runs what is queued; publishing can queue more
  // only through a query feeding a partition its own output.
  for (;;) {
    forEachShard([](PartitionShard& shard) { shard.settle(); });
    if (deliverFromShards() == 0) return;
  }
}

uint64_t AppRuntime::timerSequence() {
  uint64_t sequence = state_->scheduler.sequence();
  if (!parallel_.empty())
    forEachShard([&](PartitionShard& shard) { sequence = std::max(sequence, shard.timerSequence()); });
  return sequence;
}

}  // namespace cepheus::runtime
