// The engine clock of an app: the latest event timestamp in playback mode (@app:playback),
// the wall clock otherwise.
#pragma once

#include <chrono>
#include <cstdint>

namespace cepheus::runtime {

class Clock {
 public:
  explicit Clock(bool playback) : playback_(playback) {}

  bool playback() const { return playback_; }

  int64_t now() const { return playback_ ? playbackTime_ : wallTime(); }

  // The wall clock, whatever the app's clock is (functions that read the date, cron schedules).
  int64_t wallNow() const { return wallTime(); }

  // Playback: an event with this timestamp arrived. The clock never goes backwards.
  void observe(int64_t timestamp) {
    if (timestamp > playbackTime_) playbackTime_ = timestamp;
  }

  static int64_t wallTime() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }

 private:
  bool playback_;
  int64_t playbackTime_ = 0;  // 0 before the first event, as in Siddhi
};

}  // namespace cepheus::runtime
