// Where an engine reads the time: the wall clock, or a manual clock that tests (and simulations)
// move by hand. Apps in playback mode (@app:playback) follow their events' timestamps instead;
// they still read this source for what Siddhi ties to the wall clock (cron windows).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace cepheus {

class TimeSource {
 public:
  virtual ~TimeSource() = default;
  // Milliseconds since the epoch.
  virtual int64_t now() const = 0;

  // Called after the time moved by a step of its own (a manual clock); the wall clock moves by
  // itself and never calls it. The engine uses it to fire due timers at once.
  using Listener = std::function<void()>;
  virtual int addListener(Listener listener) { return -1; }
  virtual void removeListener(int id) {}
};

class WallClock final : public TimeSource {
 public:
  int64_t now() const override;
};

// Time stands still until set() or advance() moves it (never backwards). Both return after
// every listener was told, so the timers that became due have been handed to their apps.
class ManualClock final : public TimeSource {
 public:
  explicit ManualClock(int64_t start = 0) : now_(start) {}

  int64_t now() const override;
  void set(int64_t time);
  void advance(int64_t milliseconds) { set(now() + milliseconds); }

  int addListener(Listener listener) override;
  void removeListener(int id) override;

 private:
  mutable std::mutex mutex_;
  int64_t now_;
  int nextId_ = 0;
  std::vector<std::pair<int, Listener>> listeners_;
};

}  // namespace cepheus
