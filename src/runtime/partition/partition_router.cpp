#include "runtime/partition/partition_router.h"

#include "runtime/app_state.h"
#include "runtime/partition/partition_shards.h"
#include "runtime/partition/partition_state.h"

namespace cepheus::runtime {

// The run of consecutive events with one key being gathered (lane scratch: it holds nothing
// between chunks).
struct PartitionRouter::Scratch final : runtime::Scratch {
  Chunk run;
  Value key;
  size_t hash = 0;  // partitionKeyHash(key)
  bool open = false;
  int64_t now = 0;  // the engine clock when the chunk came
  // By value: the chunk's keyed rows, their keys and hashes, found before any is delivered so
  // that the lookups can ask for their memory ahead.
  std::vector<uint32_t> keyedRows;
  std::vector<Value> keys;
  std::vector<size_t> hashes;
  std::vector<std::shared_ptr<ShardBatch>> batches;  // parallel: this chunk's batch per shard
};

void PartitionRouter::flush(ExecContext& ctx, Scratch& s) const {
  if (!s.open) return;
  s.open = false;
  if (partition_.parallel()) {
    auto& sharded = partition_.sharded(ctx);
    for (const EventRow& row : s.run.rows) toShard(sharded, s, s.key, s.hash, row);
  } else {
    PartitionInstance& instance = partition_.instanceFor(ctx, s.key, s.hash, s.now);
    ExecContext inner{ctx.app, instance.frame, ctx.lane};
    target_.publish(inner, s.run);
  }
  s.run.rows.clear();
}

// Parallel: the row goes to the batch of its key's shard, after what the chunk sent there before
// (a run of the key that batch ended with continues it).
void PartitionRouter::toShard(ShardedPartitionState& sharded, Scratch& s, const Value& key, size_t hash,
                              const EventRow& row) const {
  const size_t index = sharded.shardIndexOf(hash);
  auto& batch = s.batches[index];
  if (!batch) {
    PartitionShard& shard = *sharded.shards()[index];
    batch = shard.spareBatch();
    batch->target = &target_;
    batch->clock = s.now;
    batch->independent = s.run.independent;
    batch->inPlace = shard.appsOwn();
    batch->rows.width = target_.width();
    batch->keyColumn = keyInRow() ? value_.direct : -1;
  }
  const bool continues =
      !batch->hashes.empty() && batch->hashes.back() == hash && batch->runKey(batch->hashes.size() - 1) == key;
  batch->add(row);
  if (continues) {
    ++batch->ends.back();
  } else {
    if (batch->keyColumn < 0) batch->keys.push_back(key);
    batch->hashes.push_back(hash);
    batch->ends.push_back(static_cast<uint32_t>(batch->size()));
  }
}

// The workers' shards get theirs first, then the app's own shard runs its share meanwhile.
void PartitionRouter::postBatches(ExecContext& ctx, Scratch& s) const {
  if (s.batches.empty()) return;
  auto& shards = partition_.sharded(ctx).shards();
  for (size_t i = 0; i < s.batches.size(); ++i) {
    if (!s.batches[i] || shards[i]->appsOwn()) continue;
    shards[i]->post(std::move(s.batches[i]));
    s.batches[i] = nullptr;
  }
  for (size_t i = 0; i < s.batches.size(); ++i) {
    if (!s.batches[i]) continue;
    shards[i]->runHere(std::move(s.batches[i]));
    s.batches[i] = nullptr;
  }
}

void PartitionRouter::add(ExecContext& ctx, Scratch& s, const Value& key, size_t hash, const EventRow& row) const {
  if (s.open && s.hash == hash && s.key == key) {
    s.run.rows.push_back(row);
    return;
  }
  flush(ctx, s);
  s.key = key;
  s.hash = hash;
  s.open = true;
  s.run.rows.push_back(row);
}

void PartitionRouter::process(ExecContext& ctx, const Chunk& chunk) const {
  auto& s = ctx.lane.scratch<Scratch>(id());
  s.run.rows.clear();
  s.run.independent = chunk.independent;
  s.open = false;
  s.now = ctx.app.clock.now();
  if (partition_.parallel() && s.batches.empty()) s.batches.resize(partition_.shards());
  if (byValue_)
    routeByValue(ctx, s, chunk);
  else
    routeByRanges(ctx, s, chunk);
  flush(ctx, s);
  postBatches(ctx, s);
}

void PartitionRouter::routeByValue(ExecContext& ctx, Scratch& s, const Chunk& chunk) const {
  if (partition_.parallel() && keyInRow()) {
    // The key is a plain attribute: read in the row and handed on as it is, with no copy of it
    // and no list of the chunk's keys first (the router is the busier thread in parallel mode).
    auto& sharded = partition_.sharded(ctx);
    for (const EventRow& row : chunk.rows) {
      if (row.kind == EventKind::Reset || row.kind == EventKind::Timer) continue;  // a query's own
      const Value& key = row.data[value_.direct];
      if (!key.isNull()) toShard(sharded, s, key, partitionKeyHash(key), row);
    }
    return;
  }
  s.keyedRows.clear();
  s.keys.clear();
  s.hashes.clear();
  for (uint32_t r = 0; r < chunk.rows.size(); ++r) {
    const EventRow& row = chunk.rows[r];
    if (row.kind == EventKind::Reset || row.kind == EventKind::Timer) continue;  // a query's own
    const EventRow* slot = &row;
    try {
      // A plain attribute straight from the row; only an expression needs an evaluation context.
      Value key = value_.direct >= 0
                      ? row.data[value_.direct]
                      : value_.expression->evalValue(EvalContext::of(slot, nullptr, &ctx.app.clock, &ctx.app));
      if (key.isNull()) continue;
      if (asText_) key = Value::ofString(key.toString());
      s.hashes.push_back(partitionKeyHash(key));
      s.keys.push_back(std::move(key));
      s.keyedRows.push_back(r);
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
    }
  }
  if (partition_.parallel()) {  // straight to the shards' batches: the shards look the keys up
    auto& sharded = partition_.sharded(ctx);
    for (size_t i = 0; i < s.keys.size(); ++i) toShard(sharded, s, s.keys[i], s.hashes[i], chunk.rows[s.keyedRows[i]]);
    return;
  }
  auto deliver = [&](size_t i) { add(ctx, s, s.keys[i], s.hashes[i], chunk.rows[s.keyedRows[i]]); };
  partition_.keys(ctx).visitAhead(s.hashes.data(), s.hashes.size(), deliver);
}

void PartitionRouter::routeByRanges(ExecContext& ctx, Scratch& s, const Chunk& chunk) const {
  for (const EventRow& row : chunk.rows) {
    if (row.kind == EventKind::Reset || row.kind == EventKind::Timer) continue;  // a query's own
    const EventRow* slot = &row;
    EvalContext eval = EvalContext::of(slot, nullptr, &ctx.app.clock, &ctx.app);
    try {
      for (const Range& range : ranges_) {
        bool meets = false;
        if (range.condition->eval(eval, meets) && meets) add(ctx, s, range.label, partitionKeyHash(range.label), row);
      }
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
    }
  }
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
