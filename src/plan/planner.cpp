#include "plan/planner.h"

#include <algorithm>
#include <functional>

#include "plan/plan_query.h"
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
    std::vector<int> inputs = q.pattern ? q.pattern->streams : std::vector<int>{q.inputStream};
    for (int input : inputs) {
      next[input].push_back(q.outputStream);
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
                                              runtime::EngineServices services) {
  auto app = std::make_unique<runtime::AppRuntime>(name, !model.name.empty(), model.playback, services);
  app->setHeartbeat(model.heartbeat.idleTime, model.heartbeat.increment);
  for (const auto& stream : model.streams) {
    app->streams.push_back(stream.info);
    app->junctions.push_back(std::make_unique<runtime::Junction>(stream.info));
  }
  // A fault stream `!S` takes input too: a sink of S with on.error='STREAM' sends the events it
  // could not deliver there, from outside the app's queries.
  for (size_t i = 0; i < model.streams.size(); ++i)
    app->inputs.push_back(model.streams[i].queryResult
                              ? nullptr
                              : std::make_unique<runtime::InputPort>(*app, *app->junctions[i]));
  app->windowReaders.resize(model.streams.size());
  for (const auto& w : model.windows) {
    buildNamedWindow(model, w, *app);
    if (model.playback && windowReadsClock(w.window)) app->batchable = false;
  }
  for (const auto& q : model.queries) {
    buildQuery(model, q, *app);
    if (model.playback && dependsOnClockBetweenEvents(q)) app->batchable = false;
    const std::string& target = model.streams[q.outputStream].info.name;
    if (std::find(app->outputStreams.begin(), app->outputStreams.end(), target) == app->outputStreams.end())
      app->outputStreams.push_back(target);
  }
  if (hasCycle(model)) {
    for (auto& junction : app->junctions) junction->setDeferNested(true);
    for (auto& junction : app->windowReaders)
      if (junction) junction->setDeferNested(true);
  }
  app->ready();
  return app;
}

}  // namespace cepheus::plan
