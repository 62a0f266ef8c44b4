// A deployed app at run time: its clock, its streams (junctions and input ports) and the
// operator chains of its queries. Built by the planner; driven through the public API.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <span>
#include <string>
#include <vector>

#include "cepheus/stream.h"
#include "runtime/clock.h"
#include "runtime/fault_router.h"
#include "runtime/junction.h"
#include "runtime/scheduler.h"

namespace cepheus::runtime {

class AppRuntime;

// The way into one stream: checks each event against the schema, moves the clock, and
// publishes the events into the stream's junction under the app's lock.
class InputPort {
 public:
  InputPort(AppRuntime& app, Junction& junction);

  void send(int64_t timestamp, std::span<const Value> data);
  void send(std::span<const EventView> events);
  const StreamInfo& stream() const { return junction_.info(); }

 private:
  // The event's values as the stream's types, or throws InvalidEvent. Returns `data` itself
  // when every value already has its attribute's type (the common case: no copy).
  const Value* conform(const Value* data, size_t size, std::vector<Value>& scratch) const;
  void publishOne(int64_t timestamp, const Value* data);
  bool fits(const Value& v, size_t attribute) const {
    return (accepted_[attribute] >> static_cast<unsigned>(v.tag())) & 1u;
  }

  AppRuntime& app_;
  Junction& junction_;
  std::vector<Value> scratch_;
  std::vector<std::vector<Value>> batchScratch_;
  std::vector<uint32_t> accepted_;  // per attribute: the value tags it takes as they are
  Chunk chunk_;
};

// One query: its operators (first one subscribed to the input junction) and its fault router.
struct QueryRuntime {
  std::string name;
  std::vector<std::unique_ptr<Operator>> operators;
  std::unique_ptr<FaultRouter> faults;
};

class AppRuntime {
 public:
  AppRuntime(std::string name, bool playback);
  ~AppRuntime();

  const std::string& name() const { return name_; }
  Clock& clock() { return clock_; }
  Scheduler& scheduler() { return scheduler_; }
  std::mutex& mutex() { return mutex_; }

  // Filled by the planner.
  std::vector<StreamInfo> streams;
  std::vector<std::unique_ptr<Junction>> junctions;     // parallel to streams
  std::vector<std::unique_ptr<InputPort>> inputs;       // parallel to streams; null: no input
  std::vector<std::unique_ptr<QueryRuntime>> queries;
  // Named windows: the window operators fed by the window's junction, and the junction the
  // queries reading the window subscribe to (parallel to streams; null for plain streams).
  std::vector<std::unique_ptr<Operator>> windowOperators;
  std::vector<std::unique_ptr<Junction>> windowReaders;
  PublishQueue publishQueue;  // used by every junction when the queries form a cycle
  std::vector<std::string> outputStreams;
  // Several events sent in one call may travel as one chunk: nothing in the app depends on the
  // clock between them (see Chunk::independent).
  bool batchable = true;

  int findStream(std::string_view name) const;

  // Wall clock: starts the thread that fires timers when due. Both take the app lock themselves.
  void start();
  void shutdown();

 private:
  void fireTimersOnTime();

  std::string name_;
  Clock clock_;
  Scheduler scheduler_;
  std::mutex mutex_;
  std::condition_variable timerWake_;
  std::thread timerThread_;
  bool running_ = false;
};

}  // namespace cepheus::runtime
