// Checkpoints every app every --snapshot-interval on a thread of its own (AppHost::checkpoint:
// an app whose state did not change since its last checkpoint costs one snapshot, no write).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace cepheus::server {

class AppRegistry;

class Checkpointer {
 public:
  Checkpointer(AppRegistry& registry, std::chrono::milliseconds interval);
  ~Checkpointer();  // stops

  void stop();

 private:
  void run();
  AppRegistry& registry_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cepheus::server
