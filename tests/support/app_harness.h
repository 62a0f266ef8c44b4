// Deploys an app through the public API and records what arrives at its output streams.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cepheus/engine.h"

namespace cepheus::testing {

struct Recorded {
  int64_t timestamp;
  std::vector<Value> data;
};

class AppHarness {
 public:
  explicit AppHarness(const std::string& text, EngineOptions options = {})
      : engine_(std::move(options)), app_(engine_.deploy(text)) {
    for (const auto& stream : app_->outputStreams()) {
      auto* rows = &outputs_[stream];
      // Wall-clock apps deliver from their timer thread: record under a lock.
      app_->subscribe(stream, [this, rows](int64_t ts, std::span<const Value> data) {
        std::lock_guard lock(mutex_);
        rows->push_back({ts, std::vector<Value>(data.begin(), data.end())});
        arrived_.notify_all();
      });
    }
    app_->start();
  }
  // Stops the app (its timers fire on workers) before the recording state it writes to goes away.
  ~AppHarness() { app_->shutdown(); }

  // An engine whose wall clock is a ManualClock starting at `start`: the test moves time.
  static EngineOptions manualClock(int64_t start = 0) {
    EngineOptions options;
    options.time = std::make_shared<ManualClock>(start);
    return options;
  }
  // With manualClock(): moves the clock on; the timers it passes fire before this returns.
  void advance(int64_t milliseconds) {
    static_cast<ManualClock&>(engine_.time()).advance(milliseconds);
    app_->drain();
  }

  void send(const std::string& stream, int64_t ts, std::vector<Value> data) {
    app_->input(stream).send(ts, std::span<const Value>(data));
  }

  // The rows of a stream, each as text like "[IBM, 10.0, null]", for compact assertions.
  std::vector<std::string> rows(const std::string& stream) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    auto it = outputs_.find(stream);
    if (it == outputs_.end()) return out;
    for (const auto& r : it->second) {
      std::string text = "[";
      for (size_t i = 0; i < r.data.size(); ++i) text += (i ? ", " : "") + r.data[i].toString();
      out.push_back(text + "]");
    }
    return out;
  }

  // Waits (at most `limit`) until `stream` has received at least `count` events.
  bool waitForRows(const std::string& stream, size_t count, std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, limit, [&] { return outputs_[stream].size() >= count; });
  }

  const std::vector<Recorded>& recorded(const std::string& stream) { return outputs_[stream]; }
  App& app() { return *app_; }

 private:
  Engine engine_;
  std::unique_ptr<App> app_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<std::string, std::vector<Recorded>> outputs_;
};

// The message deploying `text` fails with, or "" when it deploys.
inline std::string deployErrorOf(const std::string& text) {
  Engine engine;
  try {
    engine.deploy(text);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

inline Value S(const char* s) { return Value::ofString(s); }
inline Value I(int32_t v) { return Value::ofInt(v); }
inline Value L(int64_t v) { return Value::ofLong(v); }
inline Value F(float v) { return Value::ofFloat(v); }
inline Value D(double v) { return Value::ofDouble(v); }
inline Value B(bool v) { return Value::ofBool(v); }
inline Value N() { return Value(); }

}  // namespace cepheus::testing
