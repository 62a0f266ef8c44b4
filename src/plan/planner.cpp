#include "plan/planner.h"

#include <algorithm>
#include <functional>

#include "plan/build_context.h"
#include "plan/plan_aggregation.h"
#include "plan/plan_partition.h"
#include "plan/plan_query.h"
#include "plan/plan_table.h"
#include "plan/plan_trigger.h"
#include "plan/shared_state.h"
#include "plan/plan_window.h"

namespace cepheus::plan {

namespace {

using analyze::AppModel;

// Whether some query's output can reach its own input (directly, through other queries, named
// windows or fault streams).
bool hasCycle(const AppModel& model) {
  size_t n = model.streams.size();
  std::vector<std::vector<int>> next(n);
  for (const auto& q : model.queries) {
    for (int input : q.inputStreams()) {
      if (q.outputStream >= 0) next[input].push_back(q.outputStream);
      int fault = model.streams[input].faultStream;
      if (fault >= 0) next[input].push_back(fault);
    }
  }
  enum class Mark { New, Open, Done };
  std::vector<Mark> mark(n, Mark::New);
  std::function<bool(int)> reachesOpen = [&](int s) {
    mark[s] = Mark::Open;
    for (int t : next[s])
      if (mark[t] == Mark::Open || (mark[t] == Mark::New && reachesOpen(t))) return true;
    mark[s] = Mark::Done;
    return false;
  };
  for (size_t s = 0; s < n; ++s)
    if (mark[s] == Mark::New && reachesOpen(static_cast<int>(s))) return true;
  return false;
}

}  // namespace

std::unique_ptr<runtime::AppRuntime> buildApp(const AppModel& model, const std::string& name,
                                              runtime::EngineServices services,
                                              const std::vector<std::shared_ptr<TableStore>>& stores) {
  auto app = std::make_unique<runtime::AppRuntime>(name, !model.name.empty(), model.playback, services);
  app->setHeartbeat(model.heartbeat.idleTime, model.heartbeat.increment);
  app->setWorkers(static_cast<size_t>(model.workers));
  for (const auto& stream : model.streams) {
    app->streams.push_back(stream.info);
    // A partition's inner stream delivers in the instance of the key that wrote it.
    app->junctions.push_back(std::make_unique<runtime::Junction>(
        stream.info, stream.partition >= 0 ? runtime::Junction::Frames::Publisher : runtime::Junction::Frames::App));
  }
  // Only the trigger writes a trigger's stream. A fault stream `!S` takes input: a sink of S
  // with on.error='STREAM' sends the events it could not deliver there, from outside the app's
  // queries.
  std::vector<bool> triggerStream(model.streams.size(), false);
  for (const auto& trigger : model.triggers) triggerStream[static_cast<size_t>(trigger.stream)] = true;
  for (size_t i = 0; i < model.streams.size(); ++i) {
    const auto& stream = model.streams[i];
    app->inputs.push_back(stream.queryResult || triggerStream[i] || stream.partition >= 0
                              ? nullptr
                              : std::make_unique<runtime::InputPort>(*app, *app->junctions[i]));
  }
  app->windowReaders.resize(model.streams.size());
  app->windowContents.resize(model.streams.size());
  BuildContext building(*app);
  for (size_t i = 0; i < model.tables.size(); ++i)
    buildTable(model.tables[i], *app, i < stores.size() ? stores[i] : nullptr);
  for (const auto& trigger : model.triggers) {
    buildTrigger(trigger, *app);
    // In playback a periodic or cron trigger fires between events as the clock passes its times.
    if (model.playback && trigger.kind != analyze::TriggerModel::Kind::Start) app->batchable = false;
  }
  for (const auto& w : model.windows) {
    buildNamedWindow(model, w, *app);
    if (model.playback && windowReadsClock(w.window)) app->batchable = false;
  }
  for (const auto& aggregation : model.aggregations) {
    buildAggregation(model, aggregation, *app);
    if (model.playback && aggregationReadsClock(aggregation)) app->batchable = false;
  }
  // In the order written; a partition's queries are built together, where the first of them is.
  std::vector<bool> partitionBuilt(model.partitions.size());
  for (const auto& q : model.queries) {
    if (q.partition < 0) {
      buildQuery(model, q, *app);
    } else if (!partitionBuilt[q.partition]) {
      partitionBuilt[q.partition] = true;
      buildPartition(model, q.partition, *app);
    }
    if (model.playback && dependsOnClockBetweenEvents(q)) app->batchable = false;
    if (q.outputStream < 0) continue;  // it changes a table
    if (model.streams[q.outputStream].partition >= 0) continue;  // seen only inside its partition
    const std::string& target = model.streams[q.outputStream].info.name;
    if (std::find(app->outputStreams.begin(), app->outputStreams.end(), target) == app->outputStreams.end())
      app->outputStreams.push_back(target);
  }
  if (!independentOfSharedState(model)) app->batchable = false;
  // A join reading an aggregation must see the buckets as they were when its event arrived, not
  // with the events sent after it in the same call.
  for (const auto& q : model.queries)
    if (q.join && q.join->read) app->batchable = false;
  if (hasCycle(model)) {
    for (auto& junction : app->junctions) junction->setDeferNested(true);
    for (auto& junction : app->windowReaders)
      if (junction) junction->setDeferNested(true);
    for (auto& sources : app->partitionSources)
      for (auto& junction : sources)
        if (junction) junction->setDeferNested(true);
  }
  app->ready();
  return app;
}

}  // namespace cepheus::plan
