#include "runtime/partition/partition.h"

#include "runtime/partition/partition_shards.h"
#include "runtime/partition/partition_state.h"

namespace cepheus::runtime {

PartitionInstance& Partition::instanceFor(ExecContext& ctx, const Value& key, size_t h, int64_t now) const {
  auto& s = state<PartitionState>(ctx);
  PartitionInstance* instance = s.find(key, h);
  if (!instance) [[unlikely]]
    instance = &s.add(ctx, key, h);
  instance->lastEvent = now;
  return *instance;
}

PartitionState& Partition::keys(ExecContext& ctx) const { return state<PartitionState>(ctx); }

const std::vector<PartitionInstance*>& Partition::instances(ExecContext& ctx) const {
  return state<PartitionState>(ctx).instances();
}

std::unique_ptr<OperatorState> Partition::makeKeysState(AppState& app, StateFrame& frame) const {
  return std::make_unique<PartitionState>(*this, app, frame);
}

std::unique_ptr<OperatorState> Partition::makeState(AppState& app, StateFrame& frame) const {
  if (parallel()) return makeShardedState(*this, app);
  return makeKeysState(app, frame);
}

std::string Partition::stateLayout() const {
  std::string layout = "partition(";
  for (size_t i = 0; i < inner_.size(); ++i) layout += (i ? ", " : "") + inner_[i]->stateLayout();
  return layout + ")";
}

// Judged at the sweep's own time, so which keys go does not depend on when the next event came.
void Partition::onTimer(ExecContext& ctx, int64_t due) const { state<PartitionState>(ctx).sweep(due); }

}  // namespace cepheus::runtime
