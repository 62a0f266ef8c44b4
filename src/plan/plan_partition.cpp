#include "plan/plan_partition.h"

#include <algorithm>

#include "plan/expression_compiler.h"
#include "plan/plan_query.h"
#include "plan/plan_selector.h"
#include "plan/plan_state.h"
#include "runtime/partition/partition_router.h"
#include "runtime/partition/partition_shards.h"

namespace cepheus::plan {

namespace {

using analyze::AppModel;
using analyze::PartitionKeyModel;
using analyze::PartitionModel;

runtime::Junction* appSource(runtime::AppRuntime& app, int stream) {
  return app.windowReaders[stream] ? app.windowReaders[stream].get() : app.junctions[stream].get();
}

// Its router: by value or by ranges, its key errors going where the stream's faults go.
std::unique_ptr<runtime::Operator> makeRouter(const AppModel& model, const PartitionModel& p, const PartitionKeyModel& key,
                                              const runtime::Partition& partition, const runtime::Junction& target,
                                              runtime::AppRuntime& app) {
  const auto& stream = model.streams[key.stream];
  const runtime::Junction* faultStream = stream.faultStream >= 0 ? app.junctions[stream.faultStream].get() : nullptr;
  const runtime::FaultRouter* faults = app.addFaultRouter(std::make_unique<runtime::FaultRouter>(
      app.name() + ": partition key of '" + stream.info.name + "'", stream.info.attributes.size(), faultStream));
  if (key.value) return std::make_unique<runtime::PartitionRouter>(partition, target, rowValue(*key.value), p.textKeys, faults);
  std::vector<runtime::PartitionRouter::Range> ranges;
  for (const auto& range : key.ranges) ranges.push_back({compileCondition(range.condition), Value::ofString(range.label)});
  return std::make_unique<runtime::PartitionRouter>(partition, target, std::move(ranges), faults);
}

}  // namespace

void buildPartition(const AppModel& model, int index, runtime::AppRuntime& app) {
  const PartitionModel& p = model.partitions[index];
  runtime::PartitionPurge purge{p.purge.enabled, p.purge.interval, p.purge.idlePeriod};
  auto* partition = app.add(std::make_unique<runtime::Partition>(partitionIdentity(model, p), purge));

  // The app streams its queries read, in the order they first read them.
  std::vector<int> read;
  for (int q : p.queries)
    for (int stream : streamsRead(model.queries[q]))
      if (model.streams[stream].partition < 0 && std::find(read.begin(), read.end(), stream) == read.end())
        read.push_back(stream);
  if (app.partitionSources.size() <= static_cast<size_t>(index)) app.partitionSources.resize(index + 1);
  auto& sources = app.partitionSources[index];
  sources.resize(model.streams.size());
  for (int stream : read) {
    sources[stream] = std::make_unique<runtime::Junction>(model.streams[stream].info, runtime::Junction::Frames::Publisher);
    const PartitionKeyModel* key = nullptr;
    for (const auto& k : p.keys)
      if (k.stream == stream) key = &k;
    if (key) {
      appSource(app, stream)->subscribe(app.add(makeRouter(model, p, *key, *partition, *sources[stream], app)));
    } else {
      appSource(app, stream)->subscribe(app.add(std::make_unique<runtime::PartitionBroadcast>(*partition, *sources[stream])));
    }
  }

  if (app.partitions.size() <= static_cast<size_t>(index)) app.partitions.resize(index + 1);
  app.partitions[index] = partition;
  if (p.parallel) app.runInParallel(partition);

  app.beginPartition(partition);
  for (int q : p.queries) buildQuery(model, model.queries[q], app);
  app.endPartition();
}

runtime::Junction* querySource(const AppModel& model, const analyze::QueryModel& query, int stream,
                               runtime::AppRuntime& app) {
  if (query.partition < 0 || model.streams[stream].partition >= 0) return appSource(app, stream);
  return app.partitionSources[query.partition][stream].get();
}

runtime::Junction* queryTarget(const AppModel& model, const analyze::QueryModel& query, int stream,
                               runtime::AppRuntime& app) {
  runtime::Junction* own = app.junctions[stream].get();
  if (query.partition < 0 || model.streams[stream].partition >= 0) return own;
  runtime::Partition* partition = app.partitions[query.partition];
  if (!partition->parallel()) return own;
  auto& outboxes = app.partitionOutboxes;
  if (outboxes.size() <= static_cast<size_t>(query.partition)) outboxes.resize(query.partition + 1);
  auto& boxes = outboxes[query.partition];
  boxes.resize(model.streams.size());
  if (!boxes[stream]) {
    boxes[stream] = std::make_unique<runtime::Junction>(model.streams[stream].info, runtime::Junction::Frames::Publisher);
    boxes[stream]->subscribe(app.add(std::make_unique<runtime::ShardOutbox>(*partition, *own)));
  }
  return boxes[stream].get();
}

}  // namespace cepheus::plan
