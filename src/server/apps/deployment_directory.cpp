#include "server/apps/deployment_directory.h"

#include <spdlog/spdlog.h>

#include <set>

namespace cepheus::server {

namespace fs = std::filesystem;

DeploymentDirectory::DeploymentDirectory(fs::path dir, AppRegistry& registry) : dir_(std::move(dir)), registry_(registry) {}

DeploymentDirectory::~DeploymentDirectory() { stop(); }

void DeploymentDirectory::deployFile(const fs::path& file, const std::string& text) {
  DeployResult result = registry_.deploy({text, file, DeployRequest::Mode::CreateOrUpdate});
  for (const Diagnostic& d : result.diagnostics) {
    if (d.isError()) spdlog::error("{}", d.format(file.string()));
    else spdlog::warn("{}", d.format(file.string()));
  }
  switch (result.kind) {
    case DeployResult::Kind::Invalid: {
      if (result.diagnostics.empty() || !hasErrors(result.diagnostics))
        spdlog::error("{}: error: {}", file.string(), result.message);
      std::optional<std::string> running = registry_.appOfFile(file);
      if (running) {
        spdlog::error("{}: not deployed; the previous version of {} keeps running", file.string(), *running);
      } else {
        registry_.markInactive({file.stem().string(), file, result.diagnostics});
      }
      break;
    }
    case DeployResult::Kind::Conflict:
      spdlog::error("{}: error: {}", file.string(), result.message);
      registry_.markInactive({file.stem().string(), file, {{0, 0, result.message, Severity::Error}}});
      break;
    default:
      break;
  }
}

size_t DeploymentDirectory::deployAll() {
  scan();
  size_t count = 0;
  std::lock_guard lock(mutex_);
  for (const auto& [file, known] : known_)
    if (registry_.appOfFile(file)) ++count;
  return count;
}

void DeploymentDirectory::scan() {
  std::map<fs::path, std::pair<fs::file_time_type, uintmax_t>> present;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_, error)) {
    if (entry.path().extension() != ".siddhi") continue;
    std::error_code statError;
    if (!entry.is_regular_file(statError)) continue;
    auto mtime = entry.last_write_time(statError);
    auto size = entry.file_size(statError);
    if (statError) continue;
    present[entry.path()] = {mtime, size};
  }
  if (error) return;  // the directory went away for a moment: change nothing
  std::vector<std::pair<fs::path, std::string>> changed;
  std::vector<fs::path> removed;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [file, stat] : present) {
      auto it = known_.find(file);
      if (it != known_.end() && it->second.mtime == stat.first && it->second.size == stat.second) continue;
      std::optional<std::string> text = readWholeFile(file);
      if (!text) continue;
      Known& known = known_[file];
      known.mtime = stat.first;
      known.size = stat.second;
      if (it != known_.end() && known.text == *text) continue;  // touched, or written by a REST deploy
      known.text = *text;
      changed.emplace_back(file, *text);
    }
    for (auto it = known_.begin(); it != known_.end();) {
      if (!present.count(it->first)) {
        removed.push_back(it->first);
        it = known_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& [file, text] : changed) deployFile(file, text);
  for (const fs::path& file : removed) {
    registry_.clearInactive(file);
    if (std::optional<std::string> app = registry_.appOfFile(file)) registry_.undeploy(*app, false);
  }
}

void DeploymentDirectory::written(const fs::path& file, const std::string& text) {
  std::lock_guard lock(mutex_);
  if (text.empty()) {
    known_.erase(file);
    return;
  }
  Known& known = known_[file];
  known.text = text;
  known.mtime = {};  // the next scan reads it, finds the same text and takes its stat
  known.size = 0;
}

void DeploymentDirectory::startWatching(std::chrono::milliseconds interval) {
  watcher_ = std::thread([this, interval] {
    std::unique_lock lock(stopMutex_);
    while (!stopSignal_.wait_for(lock, interval, [&] { return stopping_; })) {
      lock.unlock();
      try {
        scan();
      } catch (const std::exception& error) {
        spdlog::error("{}: {}", dir_.string(), error.what());
      }
      lock.lock();
    }
  });
}

void DeploymentDirectory::stop() {
  {
    std::lock_guard lock(stopMutex_);
    stopping_ = true;
  }
  stopSignal_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

}  // namespace cepheus::server
