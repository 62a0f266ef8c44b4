#include "runtime/partition/partition_shards.h"

#include <chrono>

#include "runtime/partition/partition_state.h"

namespace cepheus::runtime {

namespace {

// The outbox of the shard whose lane runs the query: what it wrote since it last handed back.
struct OutboxScratch final : Scratch {
  ShardOutput output;
  // The app's own shard: its queries run on the app's executor, so what they write is published
  // in the app at once, with nothing to copy or hand back.
  bool inApp = false;
};

// A worker's shard has at most this many items of work queued or running: past it, the app's
// thread waits until the worker has done half of them (waitForRoom) before it routes on.
// Without the bound a shard slower than the app's thread (a hot key's) let the router queue
// without end: a single key on a worker's shard took 441 MB after 16 M events.
constexpr int kMaxInFlight = 16;

// How long the shard may sit with work and no worker on it before the app's thread, waiting
// for room, runs the work itself; and how long that thread spins before it sleeps.
constexpr auto kUnattended = std::chrono::microseconds(200);
constexpr auto kSpinFor = std::chrono::microseconds(50);

// A shard keeps this many spare batches and outputs: enough for what is in flight between it
// and the app at once. Outputs need more than the bound: while the app's thread waits for room
// inside a send, it publishes nothing, and the outputs handed back meanwhile wait for it.
constexpr size_t kSpares = 4 * kMaxInFlight;

}  // namespace

CopiedRows& ShardOutput::partFor(const Junction& target, bool independent) {
  if (used > 0 && parts[used - 1].target == &target && parts[used - 1].independent == independent)
    return parts[used - 1].rows;
  if (used == parts.size()) parts.emplace_back();
  Part& part = parts[used++];
  part.target = &target;
  part.independent = independent;
  part.rows.width = target.width();
  part.rows.clear();
  return part.rows;
}

void ShardOutput::clear() {
  for (size_t i = 0; i < used; ++i) parts[i].rows.clear();
  used = 0;
}

void ShardBatch::clear() {
  rows.clear();
  views.clear();
  keys.clear();
  hashes.clear();
  ends.clear();
}

void ShardOutbox::process(ExecContext& ctx, const Chunk& chunk) const {
  auto& outbox = ctx.lane.scratch<OutboxScratch>(partition_.id());
  if (outbox.inApp) {
    partition_.host()->publishInApp(target_, chunk);
    return;
  }
  CopiedRows& rows = outbox.output.partFor(target_, chunk.independent);
  for (const EventRow& row : chunk.rows) rows.add(row);
}

PartitionShard::PartitionShard(const Partition& partition, ShardHost& host, AppState& app, uint64_t timerSequence,
                               bool appsOwn)
    : partition_(partition),
      host_(host),
      app_(app),
      state_(host.shardPlayback(), host.shardTime(), host.shardStateSlots()),
      lane_(host.shardOperators()),
      appsOwn_(appsOwn),
      executor_(appsOwn ? nullptr : host.shardWorkers()) {
  state_.scheduler.setSequence(timerSequence);
  state_.startTime = app.startTime;
  state_.clock.setPlaybackTime(app.clock.playbackTime());
  if (appsOwn) lane_.scratch<OutboxScratch>(partition.id()).inApp = true;
  auto keys = partition.makeKeysState(state_, state_.globals);
  keys_ = static_cast<PartitionState*>(keys.get());
  state_.globals.slot(partition.stateSlot()) = std::move(keys);
  if (host.shardPlayback()) {
    app_.clockFollowers.push_back(this);
  } else if (TimerService* timers = host.shardTimers()) {
    state_.scheduler.setOnEarlier([this, timers] {
      if (!stopped_) timers->schedule(this, state_.scheduler.nextDue());
    });
  }
}

PartitionShard::~PartitionShard() {
  stop();
  auto& followers = app_.clockFollowers;
  std::erase(followers, this);
}

void PartitionShard::stop() {
  if (stopped_.exchange(true)) return;
  executor_.close();
  if (TimerService* timers = host_.shardTimers()) timers->remove(this);
}

std::shared_ptr<ShardBatch> PartitionShard::spareBatch() {
  {
    std::lock_guard lock(spareMutex_);
    if (!spareBatches_.empty()) {
      auto batch = std::move(spareBatches_.back());
      spareBatches_.pop_back();
      return batch;
    }
  }
  return std::make_shared<ShardBatch>();
}

void PartitionShard::recycle(std::shared_ptr<ShardBatch> batch) {
  if (batch->broadcast) return;  // shared
  batch->clear();
  std::lock_guard lock(spareMutex_);
  if (spareBatches_.size() < kSpares) spareBatches_.push_back(std::move(batch));
}

void PartitionShard::recycle(ShardOutput&& output) {
  output.clear();
  std::lock_guard lock(spareMutex_);
  if (spareOutputs_.size() < kSpares) spareOutputs_.push_back(std::move(output));
}

// Queued on this shard's executor and counted in flight until it has run (clockAt() reads the
// count); the app's own shard is then run by the app's executor.
template <class Work>
void PartitionShard::postCounted(Work work) {
  inFlight_.fetch_add(1);
  const bool posted = executor_.post([this, work = std::move(work)]() mutable {
    work();
    workedOne();
  });
  if (!posted) {
    inFlight_.fetch_sub(1);
    return;
  }
  queued();
}

void PartitionShard::post(std::shared_ptr<ShardBatch> batch) {
  postCounted([this, batch = std::move(batch)]() mutable {
    process(*batch);
    recycle(std::move(batch));
  });
  if (!appsOwn_ && inFlight_.load(std::memory_order_relaxed) > kMaxInFlight) waitForRoom();
}

// Waits for the worker rather than taking its queue over, so that it goes on while the router
// fills the next batches: running the queue here instead (settle) left the worker idle while
// the router waited and the router idle while the worker worked — one hot key on a worker's
// shard: 13.5 M events/s against 15.4 M waiting (medians of five). A queue no worker takes up
// (every worker busy elsewhere, or on this app's own executor) is run here: the wait could be for
// ever. A short wait spins; a longer one sleeps until the worker has done half of the queue, so
// that a thread held back by a hot key leaves its core to the server's other apps.
void PartitionShard::waitForRoom() {
  using Clock = std::chrono::steady_clock;
  auto roomy = [this] { return inFlight_.load() <= kMaxInFlight / 2; };
  const Clock::time_point spinUntil = Clock::now() + kSpinFor;
  for (unsigned i = 1; !roomy(); ++i) {
    cpuRelax();
    if (i % 64 == 0 && Clock::now() > spinUntil) break;
  }
  std::unique_lock lock(roomMutex_);
  roomWanted_.store(true);  // before the test below: a worker then either sees it or left room
  bool unattended = false;
  while (!room_.wait_for(lock, kUnattended, roomy)) {
    if ((unattended = !executor_.running())) break;  // no worker on it: run it here
  }
  roomWanted_.store(false);
  lock.unlock();
  if (unattended) settle();
}

void PartitionShard::workedOne() {
  const int left = inFlight_.fetch_sub(1) - 1;
  if (left <= kMaxInFlight / 2 && roomWanted_.load()) {
    std::lock_guard lock(roomMutex_);
    room_.notify_one();
  }
}

void PartitionShard::runHere(std::shared_ptr<ShardBatch> batch) {
  if (stopped_) return;
  settle();
  executor_.run([&] { process(*batch); });
  recycle(std::move(batch));
}

void PartitionShard::queued() {
  if (appsOwn_) host_.runAppShard(*this);
}

void PartitionShard::process(const ShardBatch& batch) {
  advance(batch.clock);
  Chunk chunk;
  chunk.independent = batch.independent;
  if (batch.broadcast) {
    batch.rowsInto(chunk, 0, batch.size());
    ExecContext outer{state_, state_.globals, lane_};
    const auto& instances = partition_.instances(outer);
    for (size_t i = 0; i < instances.size(); ++i) {
      ExecContext inner{state_, instances[i]->frame, lane_};
      batch.target->publish(inner, chunk);
    }
  } else {
    ExecContext outer{state_, state_.globals, lane_};
    const int64_t now = state_.clock.now();
    keys_->visitAhead(batch.hashes.data(), batch.hashes.size(), [&](size_t run) {
      chunk.rows.clear();
      batch.rowsInto(chunk, run ? batch.ends[run - 1] : 0, batch.ends[run]);
      PartitionInstance& instance = partition_.instanceFor(outer, batch.runKey(run), batch.hashes[run], now);
      ExecContext inner{state_, instance.frame, lane_};
      batch.target->publish(inner, chunk);
    });
  }
  finishWork();
}

// Playback: the app's clock is at `clock`; this shard's timers it passes fire first, as they
// would have in the app.
void PartitionShard::advance(int64_t clock) {
  if (!state_.clock.playback()) return;
  state_.advanceTo(lane_, clock);
}

// After each item of work: what the queries wrote goes back to the app, and the app learns
// when this shard's next timer is due.
void PartitionShard::finishWork() {
  handBack();
  noteTimers();
}

void PartitionShard::handBack() {
  auto& output = lane_.scratch<OutboxScratch>(partition_.id()).output;
  if (output.empty()) return;
  output.from = this;
  host_.fromShard(std::move(output));
  std::lock_guard lock(spareMutex_);
  if (spareOutputs_.empty()) {
    output = ShardOutput{};
  } else {
    output = std::move(spareOutputs_.back());
    spareOutputs_.pop_back();
  }
}

void PartitionShard::noteTimers() {
  nextDue_.store(state_.scheduler.empty() ? INT64_MAX : state_.scheduler.nextDue());
}

void PartitionShard::clockAt(int64_t now) {
  if (stopped_ || (now < nextDue_.load() && inFlight_.load() == 0)) return;
  postCounted([this, now] {
    advance(now);
    finishWork();
  });
}

void PartitionShard::timersDue() {
  const bool posted = executor_.post([this] {
    if (stopped_) return;
    state_.fireTimersUntil(lane_, state_.clock.now());
    finishWork();
    if (!state_.scheduler.empty()) host_.shardTimers()->schedule(this, state_.scheduler.nextDue());
  });
  if (posted) queued();
}

ShardedPartitionState::ShardedPartitionState(const Partition& partition, AppState& app) : partition_(partition) {
  for (size_t i = 0; i < partition.shards(); ++i)
    shards_.push_back(
        std::make_unique<PartitionShard>(partition, *partition.host(), app, app.scheduler.sequence(), i == 0));
}

ShardedPartitionState::~ShardedPartitionState() { stop(); }

void ShardedPartitionState::stop() {
  for (auto& shard : shards_) shard->stop();
}

PartitionShard& ShardedPartitionState::shardOf(const Value& key) {
  return *shards_[shardIndexOf(partitionKeyHash(key))];
}

// As a sequential partition's: every instance (shard by shard, each oldest first), then the
// earliest purge sweep pending in any shard.
void ShardedPartitionState::snapshot(StateWriter& out) const {
  size_t count = 0;
  for (const auto& shard : shards_) count += shard->keys().instances().size();
  out.varint(count);
  const Timer* sweep = nullptr;
  for (const auto& shard : shards_) {
    shard->keys().writeInstances(out);
    const Timer& own = shard->keys().sweepTimer();
    if (own.pending() && (!sweep || own.due() < sweep->due())) sweep = &own;
  }
  if (sweep) {
    sweep->snapshot(out);
  } else {
    out.boolean(false);
  }
}

void ShardedPartitionState::restore(StateReader& in) {
  size_t count = in.count(2);
  for (size_t i = 0; i < count; ++i) {
    Value key = in.value();
    shardOf(key).keys().readInstance(in, key);
  }
  // The sweep, in every shard holding keys (a sweep only drops keys idle at its own time, so
  // one sooner than a shard would have armed it drops nothing it should keep).
  std::vector<uint8_t> sweep;
  {
    StateWriter copy;
    const bool pending = in.boolean();
    copy.boolean(pending);
    if (pending) {
      copy.svarint(in.svarint());
      copy.varint(in.varint());
    }
    sweep = std::move(copy.bytes());
  }
  for (auto& shard : shards_) {
    if (shard->keys().instances().empty()) continue;
    StateReader again(sweep);
    shard->keys().sweepTimer().restore(again);
  }
}

bool ShardedPartitionState::canDestroy() const {
  for (const auto& shard : shards_)
    if (!shard->keys().instances().empty()) return false;
  return true;
}

ShardedPartitionState& Partition::sharded(ExecContext& ctx) const { return state<ShardedPartitionState>(ctx); }

std::unique_ptr<OperatorState> makeShardedState(const Partition& partition, AppState& app) {
  return std::make_unique<ShardedPartitionState>(partition, app);
}

}  // namespace cepheus::runtime
