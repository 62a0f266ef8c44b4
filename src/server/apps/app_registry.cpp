#include "server/apps/app_registry.h"

#include <spdlog/spdlog.h>

namespace cepheus::server {

namespace fs = std::filesystem;

AppRegistry::AppRegistry(Engine& engine, HostServices services, std::optional<fs::path> appsDir)
    : engine_(engine), services_(std::move(services)), appsDir_(std::move(appsDir)) {
  services_.servePath = [this](const std::string& app, const std::string& stream, const std::string& path) {
    servePath(app, stream, path);
  };
}

void AppRegistry::servePath(const std::string& app, const std::string& stream, const std::string& path) {
  std::lock_guard lock(mutex_);
  auto it = aliases_.find(path);
  if (it != aliases_.end() && it->second.first != app) {
    spdlog::warn("{}: stream {}: receiver.url path {} is served for app {} already; this source takes events at "
                 "its ingest route only", app, stream, path, it->second.first);
    return;
  }
  aliases_[path] = {app, stream};
}

DeployResult AppRegistry::deploy(const DeployRequest& request) {
  DeployResult result;
  std::unique_ptr<App> app;
  try {
    app = engine_.deploy(request.text);
  } catch (const DeployError& error) {
    result.kind = DeployResult::Kind::Invalid;
    result.message = error.what();
    result.diagnostics = error.diagnostics();
    return result;
  }
  result.diagnostics = app->warnings();
  if (app->named()) {
    result.name = app->name();
  } else if (!request.file.empty()) {
    result.name = request.file.stem().string();
  } else {
    result.kind = DeployResult::Kind::Invalid;
    result.message = "the app has no name: give it one with @app:name('...')";
    return result;
  }
  std::lock_guard deploying(deployMutex_);
  std::shared_ptr<AppHost> existing = find(result.name);
  std::optional<fs::path> existingFile = fileOfApp(result.name);
  if (existing && !request.file.empty() && existingFile && *existingFile != request.file) {
    result.kind = DeployResult::Kind::Conflict;
    result.message = "app '" + result.name + "' is already deployed from " + existingFile->string();
    return result;
  }
  if (existing && request.mode == DeployRequest::Mode::Create) {
    result.kind = DeployResult::Kind::Conflict;
    result.message = "there is an app named '" + result.name + "' already (PUT /siddhi-apps updates it)";
    return result;
  }
  fs::path file = request.file;
  if (file.empty() && appsDir_) file = writeAppFile(result.name, request.text, existingFile.value_or(fs::path()));
  if (!file.empty()) clearInactive(file);
  if (existing) {
    if (existing->text() == request.text) {
      result.kind = DeployResult::Kind::Unchanged;
      result.message = "app '" + result.name + "' is unchanged";
      return result;
    }
    RestoreReport report = existing->update(std::move(app), request.text);
    result.kind = DeployResult::Kind::Updated;
    result.restored = report.restored;
    result.fresh = report.fresh;
    result.message = "app '" + result.name + "' updated";
    spdlog::info("updated {}{}{}", result.name, file.empty() ? "" : " from " + file.string(),
                 report.fresh.empty() ? "" : "; starting empty: " + [&] {
                   std::string list;
                   for (const std::string& f : report.fresh) list += (list.empty() ? "" : ", ") + f;
                   return list;
                 }());
    return result;
  }
  // A file that ran an app under another name now names a new app: the old one goes (its
  // file is this one, which stays), or the file would run two apps and one would be orphaned.
  std::optional<std::string> renamedFrom = request.file.empty() ? std::nullopt : appOfFile(request.file);
  if (renamedFrom && *renamedFrom != result.name) {
    spdlog::info("{} now names app {} instead of {}", request.file.string(), result.name, *renamedFrom);
    undeployHeld(*renamedFrom, false);
  }
  auto host = std::make_shared<AppHost>(result.name, services_);
  host->install(std::move(app), request.text, result.notes);
  size_t count = 0;
  {
    std::lock_guard lock(mutex_);
    hosts_[result.name] = host;
    if (!file.empty()) {
      files_[result.name] = file;
      appsByFile_[file] = result.name;
    }
    count = hosts_.size();
  }
  result.kind = DeployResult::Kind::Created;
  result.message = "app '" + result.name + "' deployed";
  // One line per app, until there are so many that a line per thousand says more.
  if (count <= 100 || count % 1000 == 0) {
    std::string notes;
    for (const std::string& note : result.notes) notes += "; " + note;
    spdlog::info("deployed {}{}{}{}", result.name, file.empty() ? "" : " from " + file.string(), notes,
                 count > 100 ? " (" + std::to_string(count) + " apps)" : "");
  }
  return result;
}

fs::path AppRegistry::writeAppFile(const std::string& name, const std::string& text, const fs::path& existing) {
  fs::path file = existing.empty() ? *appsDir_ / (fileNameOf(name) + ".siddhi") : existing;
  if (fileWritten_) fileWritten_(file, text);  // before it exists: the watcher must not deploy it again
  writeFileAtomically(file, text);
  return file;
}

bool AppRegistry::undeploy(const std::string& name, bool removeFile) {
  std::lock_guard deploying(deployMutex_);
  return undeployHeld(name, removeFile);
}

bool AppRegistry::undeployHeld(const std::string& name, bool removeFile) {
  std::shared_ptr<AppHost> host;
  std::optional<fs::path> file;
  {
    std::lock_guard lock(mutex_);
    auto it = hosts_.find(name);
    if (it == hosts_.end()) return false;
    host = it->second;
    hosts_.erase(it);
    auto f = files_.find(name);
    if (f != files_.end()) {
      file = f->second;
      auto byFile = appsByFile_.find(f->second);
      if (byFile != appsByFile_.end() && byFile->second == name) appsByFile_.erase(byFile);
      files_.erase(f);
    }
    std::erase_if(aliases_, [&](const auto& alias) { return alias.second.first == name; });
  }
  host->shutdown(std::chrono::steady_clock::now() + std::chrono::seconds(2), AppHost::Ending::Abandon);
  if (services_.state) services_.state->removeApp(name);
  if (removeFile && file) {
    if (fileWritten_) fileWritten_(*file, "");
    std::error_code ignored;
    fs::remove(*file, ignored);
  }
  spdlog::info("undeployed {}", name);
  return true;
}

std::shared_ptr<AppHost> AppRegistry::find(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = hosts_.find(name);
  return it == hosts_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<AppHost>> AppRegistry::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<AppHost>> out;
  for (const auto& [name, host] : hosts_) out.push_back(host);
  return out;
}

std::vector<std::string> AppRegistry::names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, host] : hosts_) out.push_back(name);
  return out;
}

void AppRegistry::markInactive(InactiveApp app) {
  std::lock_guard lock(mutex_);
  fs::path file = app.file;
  inactive_[file] = std::move(app);
}

void AppRegistry::clearInactive(const fs::path& file) {
  std::lock_guard lock(mutex_);
  inactive_.erase(file);
}

std::vector<InactiveApp> AppRegistry::inactive() const {
  std::lock_guard lock(mutex_);
  std::vector<InactiveApp> out;
  for (const auto& [file, app] : inactive_) out.push_back(app);
  return out;
}

std::optional<std::string> AppRegistry::appOfFile(const fs::path& file) const {
  std::lock_guard lock(mutex_);
  auto it = appsByFile_.find(file);
  if (it == appsByFile_.end()) return std::nullopt;
  return it->second;
}

std::optional<fs::path> AppRegistry::fileOfApp(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = files_.find(name);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::pair<std::string, std::string>> AppRegistry::aliasOf(const std::string& path) const {
  std::lock_guard lock(mutex_);
  auto it = aliases_.find(path);
  if (it == aliases_.end()) return std::nullopt;
  return it->second;
}

void AppRegistry::shutdownAll(std::chrono::steady_clock::time_point deadline) {
  std::lock_guard deploying(deployMutex_);
  for (const auto& host : all()) host->shutdown(deadline, AppHost::Ending::Save);
}

}  // namespace cepheus::server
