#include "runtime/app_runtime.h"

#include <algorithm>

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

void AppRuntime::addElement(StateElement element) {
  std::string identity = element.identity;
  for (int n = 2; std::any_of(elements_.begin(), elements_.end(),
                              [&](const StateElement& e) { return e.identity == element.identity; });
       ++n)
    element.identity = identity + " #" + std::to_string(n);
  elements_.push_back(std::move(element));
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
  executor_.close();  // what was posted is processed; ticks no longer fire or re-arm
  if (services_.timers) services_.timers->remove(this);
}

void AppRuntime::drain() {
  if (Executor::current() == &executor_) return;  // from its own work: nothing to wait for
  // Waiting for one app from inside another's work could wait for itself through a cycle.
  if (Executor::current()) throw std::logic_error("drain() is called from inside another app's callback");
  executor_.drain();
}

std::vector<uint8_t> AppRuntime::snapshot() {
  if (Executor::current())
    throw std::logic_error("snapshot() is called from inside an app's callback, which is not between two events");
  std::vector<uint8_t> bytes;
  runOnExecutor([&] { bytes = writeSnapshot(); });
  return bytes;
}

RestoreReport AppRuntime::restore(std::span<const uint8_t> bytes) {
  if (Executor::current()) throw std::logic_error("restore() is called from inside an app's callback");
  RestoreReport report;
  runOnExecutor([&] { report = readSnapshot(bytes); });
  return report;
}

}  // namespace cepheus::runtime
