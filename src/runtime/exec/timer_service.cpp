#include "runtime/exec/timer_service.h"

#include <chrono>
#include <vector>

namespace cepheus::runtime {

TimerService::TimerService(TimeSource& time) : time_(time) {
  // A source that reports its steps is moved by hand: its listener fires what is due; the wall
  // clock needs the sleeping thread.
  listener_ = time.addListener([this] {
    std::unique_lock lock(mutex_);
    fireDue(lock, time_.now());
  });
  manual_ = listener_ >= 0;
  if (!manual_) thread_ = std::thread([this] { run(); });
}

TimerService::~TimerService() {
  if (manual_) time_.removeListener(listener_);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void TimerService::schedule(TimerClient* client, int64_t due) {
  std::unique_lock lock(mutex_);
  auto it = byClient_.find(client);
  if (it != byClient_.end()) {
    if (it->second->first == due) return;
    due_.erase(it->second);
  }
  bool earliest = due_.empty() || due < due_.begin()->first;
  byClient_[client] = due_.emplace(due, client);
  if (manual_) {
    // Already due (a restored timer, or one armed for the present): told at once.
    if (due <= time_.now()) fireDue(lock, time_.now());
  } else if (earliest) {
    lock.unlock();
    wake_.notify_all();
  }
}

void TimerService::remove(TimerClient* client) {
  {
    std::lock_guard lock(mutex_);
    auto it = byClient_.find(client);
    if (it != byClient_.end()) {
      due_.erase(it->second);
      byClient_.erase(it);
    }
  }
  std::lock_guard wait(calling_);  // a call under way has finished
}

void TimerService::fireDue(std::unique_lock<std::mutex>& lock, int64_t now) {
  std::vector<TimerClient*> clients;
  while (!due_.empty() && due_.begin()->first <= now) {
    clients.push_back(due_.begin()->second);
    byClient_.erase(due_.begin()->second);
    due_.erase(due_.begin());
  }
  if (clients.empty()) return;
  // Told without mutex_ (a client may schedule again meanwhile), but under calling_, so that
  // remove() can wait for the calls to finish. calling_ is let go before mutex_ is taken again:
  // a client told on another thread may be scheduling (holding mutex_, then taking calling_ to
  // tell whoever is due), and taking them in the other order here deadlocked the two.
  {
    std::lock_guard calling(calling_);
    lock.unlock();
    for (TimerClient* client : clients) client->timersDue();
  }
  lock.lock();
}

void TimerService::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (due_.empty()) {
      wake_.wait(lock);
      continue;
    }
    int64_t now = time_.now();
    int64_t wait = due_.begin()->first - now;
    if (wait <= 0) {
      fireDue(lock, now);
    } else {
      wake_.wait_for(lock, std::chrono::milliseconds(wait));
    }
  }
}

}  // namespace cepheus::runtime
