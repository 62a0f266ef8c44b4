// The embeddable Cepheus API: create an engine, deploy SiddhiQL apps, send events into their
// streams and subscribe to their output. The CLI, the server and the tests use only this.
//
//   cepheus::Engine engine;
//   auto app = engine.deploy("define stream S (symbol string, price double); "
//                            "from S[price > 10.0] select symbol insert into Out;");
//   app->subscribe("Out", [](int64_t ts, std::span<const cepheus::Value> row) { ... });
//   app->start();
//   app->input("S").send(1000, {cepheus::Value::ofString("IBM"), cepheus::Value::ofDouble(12)});
//   app->shutdown();
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/diagnostic.h"
#include "cepheus/stream.h"
#include "cepheus/value.h"

namespace cepheus {

namespace runtime {
class AppRuntime;
class InputPort;
}  // namespace runtime

// The app could not be deployed; every problem found is listed.
class DeployError : public std::runtime_error {
 public:
  explicit DeployError(Diagnostics diagnostics);
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

// Sends events into one stream of a running app. Cheap to copy; valid while the app lives.
// Safe to use from several threads: each call is processed as a whole under the app's lock.
class InputHandler {
 public:
  // One event: its own processing chunk, as in Siddhi's send(Event).
  void send(int64_t timestamp, std::span<const Value> data) const;
  void send(int64_t timestamp, std::initializer_list<Value> data) const {
    send(timestamp, std::span<const Value>(data.begin(), data.size()));
  }
  // Several independent events in one call: each is processed exactly as if sent alone (its
  // own chunk), but the call pays the locking and dispatch cost once for all of them.
  void send(std::span<const EventView> events) const;

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
  bool playback() const;  // @app:playback: the clock follows event timestamps

  // Streams that can be sent into (defined streams, including ones queries also write).
  InputHandler input(std::string_view stream);  // throws std::out_of_range for unknown names
  void subscribe(std::string_view stream, StreamCallback callback);

  const std::vector<StreamInfo>& streams() const;  // every stream, defined and inferred
  // Streams that queries insert into, in the order the queries were written.
  std::vector<std::string> outputStreams() const;

  // Starts the wall-clock timers (not needed in playback). Sending before start is allowed.
  void start();
  // Stops timers; pending work is dropped. Idempotent; the destructor calls it.
  void shutdown();

 private:
  friend class Engine;
  explicit App(std::unique_ptr<runtime::AppRuntime> runtime);
  std::unique_ptr<runtime::AppRuntime> runtime_;
};

class Engine {
 public:
  Engine();
  ~Engine();

  // Parses, checks, plans and builds the app. Throws DeployError with every problem found.
  std::unique_ptr<App> deploy(std::string_view text);

  // Every syntax and semantic problem of the app; empty when it would deploy.
  static Diagnostics check(std::string_view text);
};

}  // namespace cepheus
