// Sinks and sources: what connects an app's streams to the outside world. The engine checks a
// transport's annotation (TransportInfo); this layer runs it. Each transport type is one file
// (sinks/log_sink.cpp, sinks/http/http_sink.cpp, sources/http_source.cpp) behind these two
// small interfaces, which is all a new transport (Kafka) has to implement:
//
// - a Sink is handed every group of events arriving at its stream, on the thread processing the
//   app, and must not block there: it queues them and delivers from threads of its own (the
//   shared network threads, IoThreads). What it cannot deliver goes to its dead letter. What is
//   still undelivered when it stops is saved with the app's state and handed back after a
//   restart, so a restart resumes it.
// - a Source takes events from outside and sends them into its stream (SourceEnvironment::input).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "cepheus/elements.h"
#include "cepheus/engine.h"
#include "io/latency_histogram.h"

namespace cepheus::io {

class IoThreads;
class DeadLetterStore;

// What a sink counts; read by the server's metrics and elements routes.
struct SinkCounters {
  std::atomic<uint64_t> published{0};       // events handed to the sink
  std::atomic<uint64_t> delivered{0};       // events the destination took (2xx)
  std::atomic<uint64_t> requests{0};        // requests sent, retries included
  std::atomic<uint64_t> failedAttempts{0};  // requests that failed (error status, timeout, refused)
  std::atomic<uint64_t> retries{0};         // requests sent again after a failure
  std::atomic<uint64_t> deadLetters{0};     // events given up on (to the dead letter)
  std::atomic<int64_t> queued{0};           // events waiting, in flight or awaiting a retry
  std::atomic<int64_t> inFlight{0};         // requests sent and not answered yet
  LatencyHistogram delivery;                // request sent to response received, per request
  LatencyHistogram endToEnd;                // event published to delivered, per delivered request
};

struct SinkEnvironment {
  std::string appName;
  StreamInfo stream;
  IoThreads* io = nullptr;
  // Where on.error='DEAD_LETTER' (the default) keeps what could not be delivered; null when the
  // server has no state directory (the events are then logged and dropped).
  DeadLetterStore* deadLetters = nullptr;
  // Sends events into the fault stream `!S` (on.error='STREAM'); empty without one. Each view
  // carries the stream's attributes and then `_error`.
  std::function<void(std::span<const EventView>)> toFaultStream;
  // bootstrap.servers when a kafka sink's annotation has none (see SourceEnvironment).
  std::function<std::string(const TransportInfo&)> kafkaBootstrap;
};

// One entry of a dead letter, as kept and replayed (see DeadLetterStore).
struct DeadLetter;

class Sink {
 public:
  virtual ~Sink() = default;
  const std::string& type() const { return type_; }
  // "Alerts/0": the stream and the sink's place among the sinks of that stream; stable across
  // updates of the app, so dead letters and saved state find their sink again.
  const std::string& id() const { return id_; }

  // Events arriving at the stream, on the app's thread: queue them, never block.
  virtual void publish(std::span<const EventView> events) = 0;
  // Stops taking events and delivers what it can until `deadline`; what is left stays pending
  // for saveState(). Idempotent.
  virtual void stop(std::chrono::steady_clock::time_point deadline) = 0;
  // Undelivered events as bytes to keep with the app's state (empty when there are none), and
  // back: restoreState puts them before anything published afterwards.
  virtual std::string saveState() { return {}; }
  virtual void restoreState(std::string_view state) {}
  // Takes a dead letter back for delivery (same idempotency key); false when this sink cannot.
  virtual bool replay(const DeadLetter& letter) { return false; }
  // Gives up on everything still pending (the sink is removed from its app): to the dead letter.
  virtual void abandonPending(const std::string& reason) {}
  // What a periodic checkpoint keeps of a running sink: what it has not delivered yet, and where
  // its deterministic message ids continue; restoreState() takes it back after a crash
  // (docs/kafka.md). Called between two events of the app (under its gate, nothing published),
  // it takes what it needs and returns what writes that out as text, which the checkpoint calls
  // once the app goes on: written under the gate, 20 000 records pending held a Kafka pipeline
  // up for a fifth of a second. Default: saveState(), taken at once.
  virtual std::function<std::string()> captureCheckpoint() {
    return [state = saveState()] { return state; };
  }
  // The app is stopping: a publish waiting for room (back-pressure) stops waiting and keeps
  // its events for saveState(). Called before the app's gate is taken, so that a publish
  // blocked inside the app cannot hold the shutdown up.
  virtual void release() {}

  SinkCounters& counters() { return *counters_; }
  const TransportInfo& info() const { return info_; }

 protected:
  explicit Sink(TransportInfo info)
      : info_(std::move(info)), type_(info_.type), id_(info_.stream + "/" + std::to_string(info_.ordinal)) {}
  TransportInfo info_;
  std::string type_;
  std::string id_;
  // Shared with what delivers in the background, which may finish after the sink is gone.
  std::shared_ptr<SinkCounters> counters_ = std::make_shared<SinkCounters>();
};

struct SourceEnvironment {
  std::string appName;
  StreamInfo stream;
  InputHandler input;
  // For sources that take HTTP requests on the server's own listener (the http source): the
  // path the stream's ingest route is also served at.
  std::function<void(const std::string& path)> servePath;
  // Runs `deliver` (which sends events and moves the source's position past them) so that a
  // checkpoint sees all of it or none of it: the app's gate, held shared. Without one, deliver
  // runs as it is.
  std::function<void(const std::function<void()>& deliver)> guarded;
  // Sends events into the fault stream `!S` (on.error='STREAM'); empty without one. Each view
  // carries the stream's attributes and then `_error`.
  std::function<void(std::span<const EventView>)> toFaultStream;
  // bootstrap.servers when the annotation has none (--kafka, or the embedded broker, which
  // then also creates the annotation's topics); empty: the annotation must name one.
  std::function<std::string(const TransportInfo&)> kafkaBootstrap;
};

// What a source counts; read by the server's metrics and elements routes.
struct SourceCounters {
  std::atomic<uint64_t> received{0};      // messages taken in
  std::atomic<uint64_t> events{0};        // events sent into the stream
  std::atomic<uint64_t> malformed{0};     // messages that did not map to events
  std::atomic<uint64_t> deadLettered{0};  // malformed messages sent to the fault stream or the dead-letter topic
};

class Source {
 public:
  virtual ~Source() = default;
  virtual void start() = 0;
  virtual void stop() = 0;
  // Where it takes events, for the elements route ("POST /siddhi-apps/A/streams/S").
  virtual std::string endpoint() const = 0;
  const TransportInfo& info() const { return info_; }
  // "Trades/0": the stream and the source's place among its sources (as Sink::id).
  std::string id() const { return info_.stream + "/" + std::to_string(info_.ordinal); }

  // Where it has read up to, kept in the app's checkpoint (taken while none of its deliveries
  // is under way, see SourceEnvironment::guarded); empty when it keeps nothing (http).
  virtual std::string checkpoint() { return {}; }
  // Before start(): go on from a checkpoint's position, so that nothing the restored state
  // has counted is read again and nothing after it is skipped.
  virtual void restoreCheckpoint(std::string_view state) {}
  // The checkpoint holding `state` is on disk: the source may now tell upstream (commit).
  virtual void checkpointSaved(std::string_view state) {}
  SourceCounters& counters() { return counters_; }

 protected:
  explicit Source(TransportInfo info) : info_(std::move(info)) {}
  TransportInfo info_;
  SourceCounters counters_;
};

// The transport of the annotation; throws std::invalid_argument for a type this layer does not
// run (the analyzer rejects those first).
std::unique_ptr<Sink> makeSink(const TransportInfo& info, SinkEnvironment environment);
std::unique_ptr<Source> makeSource(const TransportInfo& info, SourceEnvironment environment);

}  // namespace cepheus::io
