// The public API over parse -> analyze -> plan -> runtime.
#include "cepheus/engine.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "analyze/analyzer.h"
#include "analyze/on_demand_model.h"
#include "parse/parser.h"
#include "plan/plan_on_demand.h"
#include "plan/planner.h"
#include "runtime/app_runtime.h"
#include "runtime/exec/executor.h"
#include "runtime/exec/timer_service.h"

namespace cepheus {

namespace {

std::string summary(const Diagnostics& diagnostics, const char* rejected = "app rejected") {
  auto first = std::find_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.isError(); });
  if (first == diagnostics.end()) return rejected;
  std::string text = first->line > 0 ? std::to_string(first->line) + ":" + std::to_string(first->col) + ": " : "";
  text += first->message;
  if (diagnostics.size() > 1) text += " (and " + std::to_string(diagnostics.size() - 1) + " more)";
  return text;
}

// Parse and analyze; the model is null when an error was reported (warnings may remain).
std::unique_ptr<analyze::AppModel> checkedModel(std::string_view text, Diagnostics& diagnostics,
                                                const FunctionRegistry* userFunctions) {
  parse::AppParse parsed = parse::parseApp(text);
  if (!parsed.app) {
    diagnostics = std::move(parsed.errors);
    return nullptr;
  }
  auto model = analyze::analyze(*parsed.app, diagnostics, userFunctions);
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  });
  return model;
}

// The store of each table with @store, made by the factory registered for its type; a type
// without one, or options the factory refuses, fail the deploy at the annotation.
std::vector<std::shared_ptr<TableStore>> makeTableStores(const analyze::AppModel& model,
                                                         const TableStoreRegistry& registry) {
  std::vector<std::shared_ptr<TableStore>> stores(model.tables.size());
  Diagnostics errors;
  for (size_t i = 0; i < model.tables.size(); ++i) {
    const analyze::TableModel& table = model.tables[i];
    if (!table.store) continue;
    const analyze::TableStoreModel& store = *table.store;
    TableStoreFactory factory = registry.find(store.type);
    if (!factory) {
      std::string known;
      for (const std::string& type : registry.types()) known += (known.empty() ? "" : ", ") + type;
      errors.push_back(Diagnostic{store.pos.line, store.pos.col,
                                  "table '" + table.name + "': no table store of type '" + store.type + "'" +
                                      (known.empty() ? " (this engine has none)" : " (this engine has: " + known + ")")});
      continue;
    }
    TableStoreSpec spec{table.name, table.attributes, table.primaryKey, store.options, store.pos.line, store.pos.col};
    try {
      stores[i] = factory(spec);
    } catch (const std::exception& e) {
      errors.push_back(Diagnostic{store.pos.line, store.pos.col, "table '" + table.name + "': " + e.what()});
    }
  }
  if (!errors.empty()) throw DeployError(std::move(errors));
  return stores;
}

}  // namespace

// The engine's shared machinery: the time source, the worker pool and the timer thread. The
// timer service goes before the pool: it may still hand work to apps while it stops.
struct Engine::Services {
  explicit Services(EngineOptions options)
      : time(options.time ? std::move(options.time) : std::make_shared<WallClock>()),
        pool(options.workers > 0 ? options.workers : std::max(1u, std::thread::hardware_concurrency())),
        timers(*time) {}

  std::shared_ptr<TimeSource> time;
  runtime::WorkerPool pool;
  runtime::TimerService timers;
};

// The engine's apps still alive. An engine that goes first shuts them down (their workers and
// timer thread are about to go); an app that goes first leaves the list.
struct detail::LiveApps {
  std::mutex mutex;
  std::vector<runtime::AppRuntime*> live;
  bool engineGone = false;
};

DeployError::DeployError(Diagnostics diagnostics)
    : std::runtime_error(summary(diagnostics)), diagnostics_(std::move(diagnostics)) {}

QueryError::QueryError(Diagnostics diagnostics)
    : std::runtime_error(summary(diagnostics, "query rejected")), diagnostics_(std::move(diagnostics)) {}

void InputHandler::send(int64_t timestamp, std::span<const Value> data) const { port_->send(timestamp, data); }

void InputHandler::send(std::span<const EventView> events) const { port_->send(events); }

void InputHandler::post(std::span<const EventView> events) const { port_->post(events); }

void InputHandler::post(int64_t timestamp, std::span<const Value> data) const { port_->post(timestamp, data); }

const StreamInfo& InputHandler::stream() const { return port_->stream(); }

App::App(std::unique_ptr<runtime::AppRuntime> runtime, std::shared_ptr<const analyze::AppModel> model,
         const FunctionRegistry* functions, std::shared_ptr<detail::LiveApps> apps)
    : runtime_(std::move(runtime)), model_(std::move(model)), functions_(functions), apps_(std::move(apps)) {
  std::lock_guard lock(apps_->mutex);
  apps_->live.push_back(runtime_.get());
}

App::~App() {
  std::lock_guard lock(apps_->mutex);
  if (apps_->engineGone) return;  // shut down with its engine
  runtime_->shutdown();
  std::erase(apps_->live, runtime_.get());
}

const std::string& App::name() const { return runtime_->name(); }

bool App::named() const { return named_; }

bool App::playback() const { return runtime_->playback(); }

InputHandler App::input(std::string_view stream) {
  int index = runtime_->findStream(stream);
  if (index < 0 || !runtime_->inputs[index])
    throw std::out_of_range("app '" + name() + "' has no input stream '" + std::string(stream) + "'");
  return InputHandler(runtime_->inputs[index].get());
}

void App::subscribe(std::string_view stream, StreamCallback callback) {
  int index = runtime_->findStream(stream);
  if (index < 0) throw std::out_of_range("app '" + name() + "' has no stream '" + std::string(stream) + "'");
  runtime_->subscribe(static_cast<size_t>(index), std::move(callback));
}

void App::subscribeBatches(std::string_view stream, BatchCallback callback) {
  int index = runtime_->findStream(stream);
  if (index < 0) throw std::out_of_range("app '" + name() + "' has no stream '" + std::string(stream) + "'");
  runtime_->subscribe(static_cast<size_t>(index), std::move(callback));
}

const std::vector<StreamInfo>& App::streams() const { return runtime_->streams; }

std::vector<std::pair<std::string, TableStoreCounters>> App::tableStoreCounters() const {
  std::vector<std::pair<std::string, TableStoreCounters>> counters;
  for (const runtime::Table* table : runtime_->tables)
    if (const TableStore* store = table->store()) counters.emplace_back(table->name(), store->counters());
  return counters;
}

std::vector<std::string> App::outputStreams() const { return runtime_->outputStreams; }

void App::start() { runtime_->start(); }

void App::drain() { runtime_->drain(); }

void App::shutdown() { runtime_->shutdown(); }

std::vector<uint8_t> App::snapshot() { return runtime_->snapshot(); }

RestoreReport App::restore(std::span<const uint8_t> snapshot) { return runtime_->restore(snapshot); }

QueryResult App::query(std::string_view text) {
  parse::OnDemandParse parsed = parse::parseOnDemandQuery(text);
  if (!parsed.query) throw QueryError(std::move(parsed.errors));
  Diagnostics diagnostics;
  std::unique_ptr<analyze::OnDemandModel> checked;
  {
    // The engine's user functions are read while the engine cannot go away.
    std::lock_guard lock(apps_->mutex);
    checked = analyze::analyzeOnDemand(*model_, *parsed.query, diagnostics, apps_->engineGone ? nullptr : functions_);
  }
  if (!checked) throw QueryError(std::move(diagnostics));
  std::unique_ptr<runtime::OnDemandQuery> planned = plan::planOnDemand(*checked, *model_, *runtime_);
  if (runtime::Executor::current() && runtime::Executor::current() != runtime_->executor())
    throw std::logic_error("query() is called from inside another app's callback");
  runtime::OnDemandRows rows;
  runtime_->runOnExecutor([&] { rows = planned->run(runtime_->state(), runtime_->lane()); });
  if (!rows.errors.empty()) {
    Diagnostics failed;
    for (const std::string& message : rows.errors) failed.push_back(Diagnostic{0, 0, message});
    throw QueryError(std::move(failed));
  }
  return QueryResult{std::move(rows.schema), std::move(rows.rows)};
}

Engine::Engine(EngineOptions options)
    : services_(std::make_unique<Services>(std::move(options))), apps_(std::make_shared<detail::LiveApps>()) {}

Engine::~Engine() {
  std::lock_guard lock(apps_->mutex);
  for (runtime::AppRuntime* app : apps_->live) app->shutdown();
  apps_->live.clear();
  apps_->engineGone = true;
}

TimeSource& Engine::time() { return *services_->time; }

size_t Engine::workers() const { return services_->pool.size(); }

std::unique_ptr<App> Engine::deploy(std::string_view text) {
  Diagnostics diagnostics;
  auto model = checkedModel(text, diagnostics, &functions_);
  if (!model) throw DeployError(std::move(diagnostics));
  std::string name = model->name;
  if (name.empty()) {
    static std::atomic<int> unnamed{0};
    name = "app-" + std::to_string(++unnamed);
  }
  std::vector<std::shared_ptr<TableStore>> stores = makeTableStores(*model, tableStores_);
  runtime::EngineServices services{services_->time.get(), &services_->pool, &services_->timers};
  auto runtime = plan::buildApp(*model, name, services, stores);
  const analyze::AppModel& kept = *model;  // the app keeps the model (on-demand queries read it)
  auto app = std::unique_ptr<App>(new App(std::move(runtime), std::move(model), &functions_, apps_));
  app->warnings_ = std::move(diagnostics);  // with a model, every diagnostic is a warning
  app->named_ = !kept.name.empty();
  auto streamName = [&](int index) { return index >= 0 ? kept.streams[index].info.name : std::string(); };
  for (const analyze::QueryModel& query : kept.queries)
    app->queries_.push_back({query.name, streamName(query.inputStream), streamName(query.outputStream)});
  app->transports_ = kept.transports;
  return app;
}

Diagnostics Engine::check(std::string_view text, const FunctionRegistry* userFunctions) {
  Diagnostics diagnostics;
  checkedModel(text, diagnostics, userFunctions);
  return diagnostics;
}

}  // namespace cepheus
