#include "cepheus/time_source.h"

#include <chrono>

namespace cepheus {

int64_t WallClock::now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t ManualClock::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

void ManualClock::set(int64_t time) {
  std::vector<Listener> listeners;
  {
    std::lock_guard lock(mutex_);
    if (time <= now_) return;
    now_ = time;
    for (const auto& [id, listener] : listeners_) listeners.push_back(listener);
  }
  // Outside the lock: a listener reads now().
  for (const auto& listener : listeners) listener();
}

int ManualClock::addListener(Listener listener) {
  std::lock_guard lock(mutex_);
  listeners_.emplace_back(nextId_, std::move(listener));
  return nextId_++;
}

void ManualClock::removeListener(int id) {
  std::lock_guard lock(mutex_);
  std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

}  // namespace cepheus
