#include "runtime/partition/partition_router.h"

#include "runtime/app_state.h"
#include "runtime/partition/partition_shards.h"

namespace cepheus::runtime {

// The run of consecutive events with one key being gathered (lane scratch: it holds nothing
// between chunks).
struct PartitionRouter::Scratch final : runtime::Scratch {
  Chunk run;
  Value key;
  bool open = false;
  std::vector<std::shared_ptr<ShardBatch>> batches;  // parallel: this chunk's batch per shard
};

void PartitionRouter::flush(ExecContext& ctx, Scratch& s) const {
  if (!s.open) return;
  s.open = false;
  if (partition_.parallel()) {
    toShard(ctx, s);
  } else {
    PartitionInstance& instance = partition_.instanceFor(ctx, s.key);
    ExecContext inner{ctx.app, instance.frame, ctx.lane};
    target_.publish(inner, s.run);
  }
  s.run.rows.clear();
}

// Parallel: the run is copied into the batch of its key's shard, after what the chunk sent
// there before (a run of the key that batch ended with continues it).
void PartitionRouter::toShard(ExecContext& ctx, Scratch& s) const {
  auto& sharded = partition_.sharded(ctx);
  if (s.batches.empty()) s.batches.resize(sharded.shards().size());
  auto& batch = s.batches[sharded.shardIndexOf(s.key)];
  if (!batch) {
    batch = std::make_shared<ShardBatch>();
    batch->target = &target_;
    batch->clock = ctx.app.clock.now();
    batch->independent = s.run.independent;
    batch->rows.width = target_.width();
  }
  for (const EventRow& row : s.run.rows) batch->rows.add(row);
  if (!batch->keys.empty() && batch->keys.back() == s.key) {
    batch->ends.back() = static_cast<uint32_t>(batch->rows.size());
  } else {
    batch->keys.push_back(s.key);
    batch->ends.push_back(static_cast<uint32_t>(batch->rows.size()));
  }
}

void PartitionRouter::postBatches(ExecContext& ctx, Scratch& s) const {
  if (s.batches.empty()) return;
  auto& shards = partition_.sharded(ctx).shards();
  for (size_t i = 0; i < s.batches.size(); ++i) {
    if (!s.batches[i]) continue;
    shards[i]->post(std::move(s.batches[i]));
    s.batches[i] = nullptr;
  }
}

void PartitionRouter::process(ExecContext& ctx, const Chunk& chunk) const {
  auto& s = ctx.lane.scratch<Scratch>(id());
  s.run.rows.clear();
  s.run.independent = chunk.independent;
  s.open = false;
  const Clock* clock = &ctx.app.clock;
  auto add = [&](const Value& key, const EventRow& row) {
    if (s.open && s.key == key) {
      s.run.rows.push_back(row);
      return;
    }
    flush(ctx, s);
    s.key = key;
    s.open = true;
    s.run.rows.push_back(row);
  };
  for (const EventRow& row : chunk.rows) {
    if (row.kind == EventKind::Reset || row.kind == EventKind::Timer) continue;  // a query's own
    const EventRow* slot = &row;
    EvalContext eval = EvalContext::of(slot, nullptr, clock, &ctx.app);
    try {
      if (value_) {
        Value key = value_->evalValue(eval);
        if (key.isNull()) continue;
        if (asText_) key = Value::ofString(key.toString());
        add(key, row);
        continue;
      }
      for (const Range& range : ranges_) {
        bool meets = false;
        if (range.condition->eval(eval, meets) && meets) add(range.label, row);
      }
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
    }
  }
  flush(ctx, s);
  postBatches(ctx, s);
}

void PartitionBroadcast::process(ExecContext& ctx, const Chunk& chunk) const {
  if (partition_.parallel()) {
    // To every shard, each of which gives it to each of its keys, oldest first: one copy,
    // which the shards only read.
    auto batch = std::make_shared<ShardBatch>();
    batch->target = &target_;
    batch->clock = ctx.app.clock.now();
    batch->independent = chunk.independent;
    batch->broadcast = true;
    batch->rows.width = target_.width();
    for (const EventRow& row : chunk.rows) batch->rows.add(row);
    for (const auto& shard : partition_.sharded(ctx).shards()) shard->post(batch);
    return;
  }
  const auto& instances = partition_.instances(ctx);
  // By index: an instance made meanwhile (by a query feeding the partition back) comes last.
  for (size_t i = 0; i < instances.size(); ++i) {
    ExecContext inner{ctx.app, instances[i]->frame, ctx.lane};
    target_.publish(inner, chunk);
  }
}

}  // namespace cepheus::runtime
