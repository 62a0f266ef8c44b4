// What the REST routes work with.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>

#include "cepheus/engine.h"
#include "server/apps/app_registry.h"
#include "server/rest/router.h"

namespace cepheus::server {

// Requests answered, by status code, for /metrics.
class HttpCounters {
 public:
  void count(int status) {
    std::lock_guard lock(mutex_);
    ++byStatus_[status];
  }
  std::map<int, uint64_t> read() const {
    std::lock_guard lock(mutex_);
    return byStatus_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<int, uint64_t> byStatus_;
};

struct ServerContext {
  Engine& engine;
  AppRegistry& registry;
  const StateStore* state;  // null without --state
  HttpCounters& http;
  std::chrono::steady_clock::time_point started;
  size_t workers;
  std::atomic<bool> ready{false};  // the deployment directory's apps are deployed
};

void addAppRoutes(Router& router, ServerContext& context);          // /siddhi-apps CRUD, status
void addStreamRoutes(Router& router, ServerContext& context);       // ingest, tail
void addStateRoutes(Router& router, ServerContext& context);        // backup, restore, dead letters
void addObservabilityRoutes(Router& router, ServerContext& context);  // health, metrics, elements
void addStoreQueryRoute(Router& router, ServerContext& context);    // POST /stores/query

// Ingest into a stream of an app (the route, and http sources' receiver.url paths).
HttpResponse ingest(ServerContext& context, HttpRequest& request, const std::string& app, const std::string& stream);

// The JSON of a list of diagnostics: [{"line":L,"column":C,"message":M,"severity":"error"}...].
std::string diagnosticsJson(const Diagnostics& diagnostics);

}  // namespace cepheus::server
