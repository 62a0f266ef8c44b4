#include "server/server.h"

#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cepheus/engine.h"
#include "cepheus/functions.h"
#include "io/net/io_threads.h"
#include "io/stores/table_stores.h"
#include "server/apps/app_registry.h"
#include "server/apps/checkpointer.h"
#include "server/apps/kafka_bootstrap.h"
#include "server/apps/deployment_directory.h"
#include "server/apps/state_store.h"
#include "server/http/http_listener.h"
#include "server/rest/router.h"
#include "server/rest/server_context.h"

namespace cepheus::server {

namespace fs = std::filesystem;

namespace {

std::string readToken(const std::string& path) {
  std::optional<std::string> text = readWholeFile(path);
  if (!text) throw std::runtime_error("cannot read the token file " + path);
  std::string token = *text;
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.front()))) token.erase(token.begin());
  if (token.empty()) throw std::runtime_error("the token file " + path + " is empty");
  return token;
}

// The plugins' functions are in the engine's registry before the first app deploys, so apps of
// the deployment directory may call them. A plugin that cannot be loaded stops the start: the
// apps that need it would fail one by one otherwise.
void loadPlugins(const std::vector<std::string>& paths, FunctionRegistry& functions) {
  for (const std::string& path : paths) {
    std::vector<std::string> before = functions.names();
    loadFunctionPlugin(path, functions);  // PluginError says which plugin and why
    std::string added;
    for (const std::string& name : functions.names())
      if (std::find(before.begin(), before.end(), name) == before.end()) added += (added.empty() ? "" : ", ") + name;
    spdlog::info("plugin {} loaded: {}", path, added.empty() ? "no functions" : added);
  }
}

void setUpLogging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("cepheus");
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace

int runServer(const ServerOptions& options) {
  // The signals are taken by this thread alone (sigwait below): every thread started from here
  // on inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  setUpLogging(options.logLevel);
  std::string token = options.tokenFile ? readToken(*options.tokenFile) : "";
  std::error_code error;
  fs::create_directories(options.stateDir, error);
  if (error) throw std::runtime_error("cannot create the state directory " + options.stateDir + ": " + error.message());

  EngineOptions engineOptions;
  engineOptions.workers = options.workers;
  Engine engine(engineOptions);
  io::registerTableStores(engine.tableStores());
  loadPlugins(options.plugins, engine.functions());
  io::IoThreads network(1);
  StateStore state(fs::absolute(options.stateDir));
  std::optional<fs::path> appsDir;
  if (options.appsDir) {
    if (!fs::is_directory(*options.appsDir)) throw std::runtime_error("--apps " + *options.appsDir + " is not a directory");
    appsDir = fs::absolute(*options.appsDir);
  } else {
    spdlog::warn("no deployment directory (--apps): apps deployed over REST are not kept across restarts");
  }
  KafkaBootstrap kafka(options.kafka, options.embeddedKafkaBrokers, state.root() / "kafka-bootstrap");
  HostServices services{&network, &state, nullptr, nullptr};
  services.kafkaBootstrap = [&kafka](const TransportInfo& info) { return kafka.forTransport(info); };
  AppRegistry registry(engine, services, appsDir);
  std::unique_ptr<DeploymentDirectory> directory;
  if (appsDir) {
    directory = std::make_unique<DeploymentDirectory>(*appsDir, registry);
    registry.onFileWritten([&directory](const fs::path& file, const std::string& text) { directory->written(file, text); });
  }

  HttpCounters http;
  ServerContext context{engine, registry, &state, http, std::chrono::steady_clock::now(), engine.workers(), {}};
  Router router(token);
  addAppRoutes(router, context);
  addStreamRoutes(router, context);
  addStateRoutes(router, context);
  addObservabilityRoutes(router, context);
  addStoreQueryRoute(router, context);

  ListenerOptions listen{options.host, options.port, options.httpThreads, options.maxBodyBytes};
  HttpListener listener(listen, [&](HttpRequest& request) {
    HttpResponse response = router.handle(request);
    http.count(response.status);
    return response;
  });
  listener.start();
  spdlog::info("cepheus {} listening on http://{}:{} ({} workers{}, state in {})", "serve",
               options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host, listener.port(),
               engine.workers(), token.empty() ? "" : ", bearer token required", state.root().string());
  if (options.portFile) {
    std::ofstream(*options.portFile + ".tmp") << listener.port() << "\n";
    fs::rename(*options.portFile + ".tmp", *options.portFile, error);
  }

  if (directory) {
    auto started = std::chrono::steady_clock::now();
    size_t deployed = directory->deployAll();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("{} app{} deployed from {} in {:.2f} s; watching it every {} ms", deployed, deployed == 1 ? "" : "s",
                 appsDir->string(), seconds, options.watchIntervalMs);
    directory->startWatching(std::chrono::milliseconds(options.watchIntervalMs));
  }
  Checkpointer checkpointer(registry, std::chrono::milliseconds(options.snapshotIntervalMs));
  context.ready = true;
  spdlog::info("ready");

  int signal = 0;
  sigwait(&signals, &signal);
  spdlog::info("{}: shutting down", signal == SIGINT ? "SIGINT" : "SIGTERM");
  listener.stop();
  if (directory) directory->stop();
  checkpointer.stop();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.drainTimeoutMs);
  size_t apps = registry.names().size();
  registry.shutdownAll(deadline);
  network.stop();
  spdlog::info("stopped; the state of {} app{} saved in {}", apps, apps == 1 ? "" : "s", state.root().string());
  return 0;
}

}  // namespace cepheus::server
