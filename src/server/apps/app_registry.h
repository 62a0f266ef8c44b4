// The apps the server runs, by name: deploy (create, update or refuse), undeploy, look up.
// Deploys are serialized (one at a time, parsing and planning included); ingest and reads do
// not wait for them, only for the moment an update swaps versions (AppHost).
//
// Apps deployed over REST are written to the deployment directory (when there is one) as
// NAME.siddhi, or to the file they came from, so a restart brings back what was running.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/engine.h"
#include "server/apps/app_host.h"

namespace cepheus::server {

struct DeployRequest {
  std::string text;
  // The file of the deployment directory it comes from; empty for REST.
  std::filesystem::path file;
  enum class Mode { Create, CreateOrUpdate } mode = Mode::CreateOrUpdate;
};

struct DeployResult {
  enum class Kind { Created, Updated, Unchanged, Invalid, Conflict } kind = Kind::Invalid;
  std::string name;
  std::string message;
  Diagnostics diagnostics;              // Invalid: every problem; otherwise the warnings
  std::vector<std::string> fresh;       // Updated: elements that start with empty state
  std::vector<std::string> restored;    // Updated: elements that kept their state
  std::vector<std::string> notes;       // Created: what loading the saved state said
};

// An app file that failed to deploy with no earlier version running (GET ?isActive=false).
struct InactiveApp {
  std::string name;  // the file's stem
  std::filesystem::path file;
  Diagnostics diagnostics;
};

class AppRegistry {
 public:
  AppRegistry(Engine& engine, HostServices services, std::optional<std::filesystem::path> appsDir);

  DeployResult deploy(const DeployRequest& request);
  // Undeploys; `removeFile` deletes its file of the deployment directory (REST), which the
  // removal of the file itself (the watcher) does not need. False when there is no such app.
  bool undeploy(const std::string& name, bool removeFile);
  std::shared_ptr<AppHost> find(const std::string& name) const;
  std::vector<std::shared_ptr<AppHost>> all() const;
  std::vector<std::string> names() const;

  void markInactive(InactiveApp app);
  void clearInactive(const std::filesystem::path& file);
  std::vector<InactiveApp> inactive() const;

  // The name the app of this file runs under, if it runs.
  std::optional<std::string> appOfFile(const std::filesystem::path& file) const;
  std::optional<std::filesystem::path> fileOfApp(const std::string& name) const;

  // The stream that receiver.url path of an http source feeds.
  std::optional<std::pair<std::string, std::string>> aliasOf(const std::string& path) const;

  // Called for each file the registry writes, so the watcher takes it as known.
  void onFileWritten(std::function<void(const std::filesystem::path&, const std::string&)> callback) {
    fileWritten_ = std::move(callback);
  }

  // Stops every app: sinks deliver until `deadline`, then state is saved.
  void shutdownAll(std::chrono::steady_clock::time_point deadline);

  HostServices& services() { return services_; }

 private:
  bool undeployHeld(const std::string& name, bool removeFile);  // with deployMutex_ held
  std::filesystem::path writeAppFile(const std::string& name, const std::string& text, const std::filesystem::path& existing);
  void servePath(const std::string& app, const std::string& stream, const std::string& path);

  Engine& engine_;
  HostServices services_;
  std::optional<std::filesystem::path> appsDir_;
  std::mutex deployMutex_;  // one deploy, update or undeploy at a time
  mutable std::mutex mutex_;  // the maps
  std::map<std::string, std::shared_ptr<AppHost>> hosts_;
  std::map<std::string, std::filesystem::path> files_;  // app name -> its file, when it has one
  // The other way round, so that asking for each of ten thousand files is not a scan of all.
  std::map<std::filesystem::path, std::string> appsByFile_;
  std::map<std::filesystem::path, InactiveApp> inactive_;
  std::map<std::string, std::pair<std::string, std::string>> aliases_;  // path -> (app, stream)
  std::function<void(const std::filesystem::path&, const std::string&)> fileWritten_;
};

}  // namespace cepheus::server
