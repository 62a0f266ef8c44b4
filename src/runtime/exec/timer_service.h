// The engine's one timer thread. Each wall-clock app tells it when its earliest timer is due;
// the thread sleeps until the earliest of all, then tells the apps that are due, which post a
// tick to their executors. No app has a thread of its own. With a manual time source there is
// no sleeping: when the clock is moved, the apps now due are told at once, on the thread that
// moved it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "cepheus/time_source.h"

namespace cepheus::runtime {

class TimerClient {
 public:
  virtual ~TimerClient() = default;
  // The time reached the due time the client gave; it is forgotten until given again.
  virtual void timersDue() = 0;
};

class TimerService {
 public:
  explicit TimerService(TimeSource& time);
  ~TimerService();
  TimerService(const TimerService&) = delete;
  TimerService& operator=(const TimerService&) = delete;

  // The client's earliest timer is due at `due` (replacing what it said before).
  void schedule(TimerClient* client, int64_t due);
  // Forgets the client; once this returns, timersDue() is not running for it and will not be
  // called again.
  void remove(TimerClient* client);

 private:
  void run();
  // Calls the clients due by `now` (without holding mutex_).
  void fireDue(std::unique_lock<std::mutex>& lock, int64_t now);

  TimeSource& time_;
  bool manual_;
  int listener_ = -1;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<int64_t, TimerClient*> due_;
  std::unordered_map<TimerClient*, std::multimap<int64_t, TimerClient*>::iterator> byClient_;
  std::mutex calling_;  // held while clients are being told: remove() waits for it
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cepheus::runtime
