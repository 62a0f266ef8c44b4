// The embeddable Cepheus API: create an engine, deploy SiddhiQL apps, send events into their
// streams and subscribe to their output; save and restore an app's state.
//
//   cepheus::Engine engine;
//   auto app = engine.deploy("define stream S (symbol string, price double); "
//                            "from S[price > 10.0] select symbol insert into Out;");
//   app->subscribe("Out", [](int64_t ts, std::span<const cepheus::Value> row) { ... });
//   app->start();
//   app->input("S").send(1000, {cepheus::Value::ofString("IBM"), cepheus::Value::ofDouble(12)});
//   app->shutdown();
//
// Threads. An engine has a fixed pool of worker threads and one timer thread, shared by all its
// apps; no app has a thread of its own. An app processes one thing at a time (an event, a batch,
// a timer tick, a snapshot), on whichever thread does the work:
// - InputHandler::send processes on the calling thread and returns when done (the synchronous
//   path); callbacks run on that thread, before send returns.
// - InputHandler::post copies the events and returns at once; a worker processes them.
// - Wall-clock timers (time windows, rate limits) fire on a worker.
// Callbacks may send into any app, their own included: from inside a callback send() queues the
// events, and those sent into the same app are processed right after the event being processed
// (before the outermost send returns), so nothing ever waits for itself.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cepheus/diagnostic.h"
#include "cepheus/elements.h"
#include "cepheus/functions.h"
#include "cepheus/snapshot.h"
#include "cepheus/stream.h"
#include "cepheus/table_store.h"
#include "cepheus/time_source.h"
#include "cepheus/value.h"

namespace cepheus {

namespace runtime {
class AppRuntime;
class InputPort;
}  // namespace runtime

namespace analyze {
struct AppModel;
}  // namespace analyze

namespace detail {
struct LiveApps;
}  // namespace detail

// The app could not be deployed; every problem found is listed (warnings too, in source order).
class DeployError : public std::runtime_error {
 public:
  explicit DeployError(Diagnostics diagnostics);
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

// An on-demand query was rejected (line:col in the query's own text, as deploy errors), or
// failed while it ran (an expression raised an error for some row: line 0).
class QueryError : public std::runtime_error {
 public:
  explicit QueryError(Diagnostics diagnostics);
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

// What an on-demand query returns: its rows, of its select list's schema (a change returns no
// rows and no schema).
struct QueryResult {
  std::vector<AttributeInfo> schema;
  std::vector<std::vector<Value>> rows;
};

// Sends events into one stream of a running app. Cheap to copy; valid while the app lives.
// Safe to use from several threads.
class InputHandler {
 public:
  // One event: its own processing chunk, as in Siddhi's send(Event). Synchronous (see above).
  void send(int64_t timestamp, std::span<const Value> data) const;
  void send(int64_t timestamp, std::initializer_list<Value> data) const {
    send(timestamp, std::span<const Value>(data.begin(), data.size()));
  }
  // Several independent events in one call: each is processed exactly as if sent alone (its
  // own chunk), but the call pays the dispatch cost once for all of them.
  void send(std::span<const EventView> events) const;
  // Asynchronous: the events are checked (InvalidEvent is thrown here) and copied; a worker of
  // the engine processes them, in the order they were posted.
  void post(std::span<const EventView> events) const;
  void post(int64_t timestamp, std::span<const Value> data) const;

  const StreamInfo& stream() const;

 private:
  friend class App;
  explicit InputHandler(runtime::InputPort* port) : port_(port) {}
  runtime::InputPort* port_;
};

// A deployed app.
class App {
 public:
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  const std::string& name() const;
  bool named() const;     // the name was given with @app:name (else it is "app-N")
  bool playback() const;  // @app:playback: the clock follows event timestamps

  // Streams that can be sent into (defined streams, including ones queries also write).
  InputHandler input(std::string_view stream);  // throws std::out_of_range for unknown names
  // Every event of the stream, one call each; throws std::out_of_range for unknown names.
  void subscribe(std::string_view stream, StreamCallback callback);
  // The same events, one call per group that arrives together (see BatchCallback).
  void subscribeBatches(std::string_view stream, BatchCallback callback);

  const std::vector<StreamInfo>& streams() const;  // every stream, defined and inferred
  // What the app has that is ignored (unknown annotations or keys), as warnings in source order;
  // empty for most apps. Engine::check reports the same.
  const Diagnostics& warnings() const { return warnings_; }
  // Streams that queries insert into, in the order the queries were written.
  std::vector<std::string> outputStreams() const;
  // The queries, in the order they were written.
  const std::vector<QueryInfo>& queries() const { return queries_; }
  // How each table kept in a store (@store) has fared with it (round trips, waits for a store
  // that was away, events given up on), by table name, in definition order; empty when no table
  // has a store. Safe to call from any thread.
  std::vector<std::pair<std::string, TableStoreCounters>> tableStoreCounters() const;
  // The @sink and @source annotations of its streams, checked, in source order. The engine does
  // not run them: src/io builds them on subscribe() and input().
  const std::vector<TransportInfo>& transports() const { return transports_; }

  // Starts the wall-clock timers and the app's triggers (a 'start' trigger fires now; periodic
  // and cron triggers begin). A playback app needs it only for its triggers. Sending before
  // start is allowed.
  void start();
  // Waits until every event posted so far has been processed (and what it caused). Not from
  // inside another app's callback (std::logic_error): that could wait for itself.
  void drain();
  // Processes what was posted, then stops timers; sending afterwards throws std::logic_error.
  // Idempotent; the destructor calls it.
  void shutdown();

  // Runs an on-demand query (Siddhi's store query) between two events and returns its rows:
  //   from T [on cond] select ... [group by ...] [having ...] [order by ...] [limit n] [offset n]
  //     over a table or a named window (`from T` alone: every row, as stored);
  //   select <values> insert into T;  [select ...] delete T on cond;
  //   [select ...] update T [set T.a = v, ...] on cond;  select ... update or insert into T [set ...] on cond
  // (the selected values are constants: there is no input event). Throws QueryError. Not from
  // inside another app's callback (std::logic_error).
  QueryResult query(std::string_view text);

  // The app's whole state (windows, aggregates, rate limits, timers, the playback clock) as
  // bytes: a consistent cut between two events, taken while other threads send. Compact binary,
  // versioned and checksummed. Call it from a thread of your own, not from a callback.
  std::vector<uint8_t> snapshot();
  // Loads a snapshot into this app, freshly deployed from the same or an edited text. A query or
  // named window gets its state back when it is the same element (the same @info name, or for
  // an unnamed query the same text over the same schema) with the same kind of state; the
  // report lists which did and which started fresh. Throws SnapshotError, leaving the app as it
  // was, for a snapshot of another app or one that is truncated, corrupted or of a newer format.
  // Wall-clock timers that fell due while the app was down fire at once.
  RestoreReport restore(std::span<const uint8_t> snapshot);

 private:
  friend class Engine;
  App(std::unique_ptr<runtime::AppRuntime> runtime, std::shared_ptr<const analyze::AppModel> model,
      const FunctionRegistry* functions, std::shared_ptr<detail::LiveApps> apps);
  std::unique_ptr<runtime::AppRuntime> runtime_;
  std::shared_ptr<const analyze::AppModel> model_;  // what on-demand queries are checked against
  const FunctionRegistry* functions_;                // of its engine, while the engine lives
  std::shared_ptr<detail::LiveApps> apps_;  // of its engine
  Diagnostics warnings_;
  std::vector<QueryInfo> queries_;
  std::vector<TransportInfo> transports_;
  bool named_ = false;
};

struct EngineOptions {
  // Worker threads for posted events and timers; 0: one per core.
  size_t workers = 0;
  // Where wall-clock apps read the time; null: the system's wall clock. Tests pass a
  // ManualClock and move it.
  std::shared_ptr<TimeSource> time;
};

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Parses, checks, plans and builds the app. Throws DeployError with every problem found;
  // warnings alone do not stop it (App::warnings() lists them). An app is destroyed before its
  // engine, or the engine shuts it down when it goes (sends then throw std::logic_error).
  std::unique_ptr<App> deploy(std::string_view text);

  // Every syntax and semantic problem of the app, errors and warnings, in source order. The app
  // would deploy when none is an error (hasErrors); empty when there is nothing to say. Calls of
  // user functions are checked against `userFunctions` (none when null).
  static Diagnostics check(std::string_view text, const FunctionRegistry* userFunctions = nullptr);

  TimeSource& time();
  size_t workers() const;

  // The user functions (include/cepheus/functions.h) that apps deployed from now on may call.
  FunctionRegistry& functions() { return functions_; }

  // The table stores (`define table` with `@store(type='...')`) that apps deployed from now on
  // may use: a factory per type. The engine has none of its own; src/io registers Redis
  // (io::registerTableStores). A deploy naming a type not registered fails.
  TableStoreRegistry& tableStores() { return tableStores_; }

 private:
  struct Services;
  std::unique_ptr<Services> services_;
  FunctionRegistry functions_;
  TableStoreRegistry tableStores_;
  std::shared_ptr<detail::LiveApps> apps_;
};

}  // namespace cepheus
