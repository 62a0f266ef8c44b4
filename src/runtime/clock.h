// The engine clock of an app: the latest event timestamp in playback mode (@app:playback),
// the engine's time source (the wall clock, or a manual clock in tests) otherwise.
#pragma once

#include <cstdint>

#include "cepheus/time_source.h"

namespace cepheus::runtime {

class Clock {
 public:
  Clock(bool playback, const TimeSource& time) : playback_(playback), time_(&time) {}

  bool playback() const { return playback_; }

  int64_t now() const { return playback_ ? playbackTime_ : time_->now(); }

  // The time source, whatever the app's clock is (functions that read the date, cron schedules).
  int64_t wallNow() const { return time_->now(); }

  // Playback: an event with this timestamp arrived. The clock never goes backwards.
  void observe(int64_t timestamp) {
    if (timestamp > playbackTime_) playbackTime_ = timestamp;
  }

  // What snapshots save of the clock.
  int64_t playbackTime() const { return playbackTime_; }
  void setPlaybackTime(int64_t time) { playbackTime_ = time; }

 private:
  bool playback_;
  const TimeSource* time_;
  int64_t playbackTime_ = 0;  // 0 before the first event, as in Siddhi
};

}  // namespace cepheus::runtime
