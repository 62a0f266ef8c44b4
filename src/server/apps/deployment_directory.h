// The deployment directory (--apps): every *.siddhi file in it is deployed at start, and it is
// watched (polled every --watch-interval): a new file deploys, a changed file updates its app
// (unchanged queries keep their state), a removed file undeploys it. A file that fails to deploy
// is logged as FILE:LINE:COL: error: MESSAGE and the version running before keeps running.
// Polling reads only the directory's entries (name, size, modification time) until one changes,
// so ten thousand files cost a few milliseconds a round.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "server/apps/app_registry.h"

namespace cepheus::server {

class DeploymentDirectory {
 public:
  DeploymentDirectory(std::filesystem::path dir, AppRegistry& registry);
  ~DeploymentDirectory();

  // Deploys every file now; returns how many apps run from it.
  size_t deployAll();
  void startWatching(std::chrono::milliseconds interval);
  void stop();
  // The registry wrote this file (a REST deploy; empty text: it removed it): not a change.
  void written(const std::filesystem::path& file, const std::string& text);

 private:
  struct Known {
    std::filesystem::file_time_type mtime{};
    uintmax_t size = 0;
    std::string text;  // as last deployed or tried
  };
  void scan();
  void deployFile(const std::filesystem::path& file, const std::string& text);

  std::filesystem::path dir_;
  AppRegistry& registry_;
  std::mutex mutex_;
  std::map<std::filesystem::path, Known> known_;
  std::thread watcher_;
  std::mutex stopMutex_;
  std::condition_variable stopSignal_;
  bool stopping_ = false;
};

}  // namespace cepheus::server
