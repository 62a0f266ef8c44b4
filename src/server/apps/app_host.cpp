#include "server/apps/app_host.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace cepheus::server {

namespace {

bool sameConfiguration(const TransportInfo& a, const TransportInfo& b) {
  return a.type == b.type && a.options == b.options && a.mapType == b.mapType && a.mapOptions == b.mapOptions &&
         a.payload == b.payload;
}

std::string sinkIdOf(const TransportInfo& info) { return info.stream + "/" + std::to_string(info.ordinal); }

const StreamInfo* findStream(const App& app, const std::string& name) {
  for (const StreamInfo& stream : app.streams())
    if (stream.name == name) return &stream;
  return nullptr;
}

bool sameSchema(const StreamInfo& a, const StreamInfo& b) {
  if (a.attributes.size() != b.attributes.size()) return false;
  for (size_t i = 0; i < a.attributes.size(); ++i)
    if (a.attributes[i].name != b.attributes[i].name || a.attributes[i].type != b.attributes[i].type) return false;
  return true;
}

}  // namespace

AppHost::AppHost(std::string name, HostServices services) : name_(std::move(name)), services_(std::move(services)) {
  if (services_.state) deadLetters_ = std::make_unique<io::DeadLetterStore>(services_.state->deadLetterFile(name_));
}

AppHost::~AppHost() {
  if (!stopped_ && app_) shutdown(std::chrono::steady_clock::now(), Ending::Save);
}

std::vector<std::shared_ptr<io::Sink>> AppHost::buildSinks(App& app, const std::vector<std::shared_ptr<io::Sink>>& reuse,
                                                           std::vector<std::shared_ptr<io::Sink>>& replaced) {
  std::vector<std::shared_ptr<io::Sink>> sinks;
  for (const TransportInfo& info : app.transports()) {
    if (info.direction != TransportInfo::Direction::Sink) continue;
    std::string id = sinkIdOf(info);
    auto old = std::find_if(reuse.begin(), reuse.end(), [&](const auto& sink) { return sink->id() == id; });
    if (old != reuse.end() && sameConfiguration((*old)->info(), info)) {
      sinks.push_back(*old);
      continue;
    }
    if (old != reuse.end()) replaced.push_back(*old);
    io::SinkEnvironment environment;
    environment.appName = name_;
    environment.stream = *findStream(app, info.stream);
    environment.io = services_.io;
    environment.deadLetters = deadLetters_.get();
    environment.kafkaBootstrap = services_.kafkaBootstrap;
    std::string fault = "!" + info.stream;
    if (info.option("on.error") == "STREAM" && findStream(app, fault)) {
      environment.toFaultStream = [weak = weak_from_this(), fault](std::span<const EventView> events) {
        if (auto host = weak.lock()) host->withApp([&](App& running) { running.input(fault).post(events); });
      };
    }
    sinks.push_back(io::makeSink(info, std::move(environment)));
  }
  return sinks;
}

void AppHost::subscribe(App& app, const std::vector<std::shared_ptr<io::Sink>>& sinks) {
  std::unique_lock lock(gate_);  // for observers_; the app subscribed to is not running yet
  for (const StreamInfo& stream : app.streams()) {
    auto& observer = observers_[stream.name];
    if (observer && !sameSchema(observer->stream(), stream)) {
      observer->closeTails();  // a stream redefined with other attributes: its tails end
      observer.reset();
    }
    if (!observer) observer = std::make_shared<StreamObserver>(stream);
    app.subscribeBatches(stream.name, [observer](std::span<const EventView> events) { observer->arrived(events); });
  }
  for (const auto& sink : sinks)
    app.subscribeBatches(sink->info().stream, [sink](std::span<const EventView> events) { sink->publish(events); });
}

io::SourceEnvironment AppHost::sourceEnvironment(App& app, const TransportInfo& info) {
  io::SourceEnvironment environment{name_, *findStream(app, info.stream), app.input(info.stream), nullptr, nullptr, nullptr, nullptr};
  if (services_.servePath) {
    environment.servePath = [serve = services_.servePath, app = name_, stream = info.stream](const std::string& path) {
      serve(app, stream, path);
    };
  }
  // The gate held shared around a delivery: a checkpoint (exclusive) falls between two.
  environment.guarded = [this](const std::function<void()>& deliver) {
    std::shared_lock lock(gate_);
    deliver();
  };
  std::string fault = "!" + info.stream;
  if (info.option("on.error") == "STREAM" && findStream(app, fault)) {
    InputHandler faultInput = app.input(fault);
    environment.toFaultStream = [faultInput](std::span<const EventView> events) { faultInput.send(events); };
  }
  environment.kafkaBootstrap = services_.kafkaBootstrap;
  return environment;
}

void AppHost::startSources(App& app, const std::map<std::string, std::string>& positions) {
  sources_.clear();
  for (const TransportInfo& info : app.transports()) {
    if (info.direction != TransportInfo::Direction::Source) continue;
    auto source = io::makeSource(info, sourceEnvironment(app, info));
    auto position = positions.find(source->id());
    if (position != positions.end()) {
      try {
        source->restoreCheckpoint(position->second);
      } catch (const std::exception& error) {
        spdlog::warn("{}: source {}: saved position not restored: {}", name_, source->id(), error.what());
      }
    }
    source->start();
    sources_.push_back(std::move(source));
  }
}

void AppHost::install(std::unique_ptr<App> app, std::string text, std::vector<std::string>& notes) {
  std::vector<std::shared_ptr<io::Sink>> unused;
  auto sinks = buildSinks(*app, {}, unused);
  subscribe(*app, sinks);
  std::optional<Checkpoint> saved;
  if (services_.state) {
    try {
      saved = services_.state->loadCheckpoint(name_);
    } catch (const std::exception& error) {
      notes.push_back(std::string("saved state not restored: ") + error.what());
    }
  }
  if (saved) {
    try {
      RestoreReport report = app->restore(saved->snapshot);
      notes.push_back("state restored (" + std::to_string(report.restored.size()) + " restored, " +
                      std::to_string(report.fresh.size()) + " fresh)");
      for (const std::string& fresh : report.fresh) notes.push_back(fresh + " starts empty");
    } catch (const SnapshotError& error) {
      notes.push_back(std::string("saved state not restored: ") + error.what());
      saved->sources.clear();  // positions without the state they belong to would skip events
    }
    for (const auto& sink : sinks) {
      auto state = saved->sinks.find(sink->id());
      if (state == saved->sinks.end() || state->second.empty()) continue;
      try {
        sink->restoreState(state->second);
        notes.push_back("sink " + sink->id() + ": undelivered events resumed");
      } catch (const std::exception& error) {
        notes.push_back("sink " + sink->id() + ": saved requests not restored: " + error.what());
      }
    }
  }
  app->start();
  {
    std::unique_lock lock(gate_);
    app_ = std::move(app);
    text_ = std::move(text);
    sinks_ = std::move(sinks);
  }
  startSources(*app_, saved ? saved->sources : std::map<std::string, std::string>{});
  // An app that replays its input after a crash (a Kafka source) needs a checkpoint before its
  // first event: without one a crash would restart its sinks with another run id
  // (io/message_ids.h), and the replayed outputs would not be known for what they are.
  if (!saved && !sourcePositions().empty()) checkpoint();
}

RestoreReport AppHost::update(std::unique_ptr<App> app, std::string text) {
  std::vector<std::shared_ptr<io::Sink>> replaced;
  auto sinks = buildSinks(*app, sinks_, replaced);
  subscribe(*app, sinks);
  RestoreReport report;
  std::unique_ptr<App> old;
  // Sources stop outside the gate: a delivery waiting for it must be able to finish.
  for (const auto& source : sources_) source->stop();
  std::map<std::string, std::string> positions = sourcePositions();
  {
    std::unique_lock lock(gate_);
    app_->drain();
    try {
      report = app->restore(app_->snapshot());
    } catch (const SnapshotError& error) {
      spdlog::warn("{}: the running version's state does not fit the new one: {}", name_, error.what());
    }
    for (const auto& previous : replaced) {
      previous->stop(std::chrono::steady_clock::now());
      std::string state = previous->saveState();
      auto successor = std::find_if(sinks.begin(), sinks.end(), [&](const auto& s) { return s->id() == previous->id(); });
      if (state.empty()) continue;
      try {
        if (successor != sinks.end()) (*successor)->restoreState(state);
      } catch (const std::exception&) {
        previous->restoreState(state);
        previous->abandonPending("the sink's type changed in an update of the app");
      }
    }
    for (const auto& sink : sinks_) {
      bool kept = std::find(sinks.begin(), sinks.end(), sink) != sinks.end();
      bool succeeded = std::find(replaced.begin(), replaced.end(), sink) != replaced.end();
      if (!kept && !succeeded) sink->abandonPending("the sink was removed by an update of the app");
    }
    old = std::move(app_);
    app_ = std::move(app);
    text_ = std::move(text);
    sinks_ = std::move(sinks);
    app_->start();
  }
  startSources(*app_, positions);
  old->shutdown();
  std::unique_lock lock(gate_);
  for (auto it = observers_.begin(); it != observers_.end();) {
    if (!findStream(*app_, it->first)) {
      it->second->closeTails();
      it = observers_.erase(it);
    } else {
      ++it;
    }
  }
  return report;
}

std::map<std::string, std::string> AppHost::sourcePositions() const {
  std::map<std::string, std::string> positions;
  for (const auto& source : sources_) {
    std::string position = source->checkpoint();
    if (!position.empty()) positions[source->id()] = position;
  }
  return positions;
}

void AppHost::writeCheckpoint(const Checkpoint& checkpoint) {
  try {
    services_.state->saveCheckpoint(name_, checkpoint);
  } catch (const std::exception& error) {
    spdlog::error("{}: cannot save the state: {}", name_, error.what());
    return;
  }
  for (const auto& source : sources_) {
    auto position = checkpoint.sources.find(source->id());
    if (position != checkpoint.sources.end()) source->checkpointSaved(position->second);
  }
}

bool AppHost::checkpoint() {
  if (!services_.state) return false;
  std::lock_guard writing(checkpointMutex_);
  Checkpoint checkpoint;
  std::vector<std::pair<std::string, std::function<std::string()>>> captured;  // each sink's state, written after
  {
    std::unique_lock lock(gate_);
    if (stopped_ || !app_) return false;
    app_->drain();
    checkpoint.snapshot = app_->snapshot();
    checkpoint.sources = sourcePositions();
    // Nothing happened since the last one: keep it.
    uint64_t hash = std::hash<std::string_view>()(
        std::string_view(reinterpret_cast<const char*>(checkpoint.snapshot.data()), checkpoint.snapshot.size()));
    for (const auto& [id, position] : checkpoint.sources) hash = hash * 31 + std::hash<std::string>()(position);
    if (hash == lastCheckpointHash_) return false;
    lastCheckpointHash_ = hash;
    for (const auto& sink : sinks_) captured.emplace_back(sink->id(), sink->captureCheckpoint());
  }
  for (auto& [id, render] : captured) {
    std::string state = render();
    if (!state.empty()) checkpoint.sinks[id] = std::move(state);
  }
  writeCheckpoint(checkpoint);
  return true;
}

void AppHost::shutdown(std::chrono::steady_clock::time_point deadline, Ending ending) {
  {
    std::shared_lock lock(gate_);
    if (stopped_ || !app_) return;
  }
  // Outside the gate: a source delivery or a publish waiting for room must not hold it up.
  for (const auto& sink : sinks_) sink->release();
  for (const auto& source : sources_) source->stop();
  std::lock_guard writing(checkpointMutex_);
  std::unique_lock lock(gate_);
  if (stopped_) return;
  stopped_ = true;
  app_->drain();
  bool save = ending == Ending::Save && services_.state;
  Checkpoint checkpoint;
  if (save) {
    checkpoint.snapshot = app_->snapshot();
    checkpoint.sources = sourcePositions();
  }
  app_->shutdown();
  for (const auto& sink : sinks_) {
    sink->stop(deadline);
    if (ending == Ending::Abandon) {
      sink->abandonPending("the app was undeployed");
    } else if (save) {
      std::string state = sink->saveState();
      if (!state.empty()) checkpoint.sinks[sink->id()] = state;
    }
  }
  if (save) writeCheckpoint(checkpoint);
  for (auto& [name, observer] : observers_) observer->closeTails();
}

std::string AppHost::text() const {
  std::shared_lock lock(gate_);
  return text_;
}

std::shared_ptr<StreamObserver> AppHost::observer(const std::string& stream) const {
  std::shared_lock lock(gate_);
  auto it = observers_.find(stream);
  return it == observers_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<StreamObserver>> AppHost::observers() const {
  std::shared_lock lock(gate_);
  std::vector<std::shared_ptr<StreamObserver>> out;
  for (const StreamInfo& stream : app_->streams()) {
    auto it = observers_.find(stream.name);
    if (it != observers_.end()) out.push_back(it->second);
  }
  return out;
}

std::vector<std::shared_ptr<io::Sink>> AppHost::sinks() const {
  std::shared_lock lock(gate_);
  return sinks_;
}

std::shared_ptr<io::Sink> AppHost::findSink(const std::string& id) const {
  std::shared_lock lock(gate_);
  for (const auto& sink : sinks_)
    if (sink->id() == id) return sink;
  return nullptr;
}

void AppHost::forEachSource(const std::function<void(io::Source&)>& visit) const {
  std::shared_lock lock(gate_);
  for (const auto& source : sources_) visit(*source);
}

std::vector<std::string> AppHost::sourceEndpoints() const {
  std::shared_lock lock(gate_);
  std::vector<std::string> out;
  for (const auto& source : sources_) out.push_back(source->endpoint());
  return out;
}

std::vector<QueryInfo> AppHost::queries() const {
  std::shared_lock lock(gate_);
  return app_->queries();
}

std::vector<std::pair<std::string, TableStoreCounters>> AppHost::tableStoreCounters() const {
  std::shared_lock lock(gate_);
  return app_->tableStoreCounters();
}

}  // namespace cepheus::server
