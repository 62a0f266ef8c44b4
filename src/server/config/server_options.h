// The options of `cepheus serve`, from the command line and an optional YAML config file
// (--config FILE) with the same keys; the command line wins.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace cepheus::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 9090;
  std::optional<std::string> appsDir;  // default: queries/ of the working directory, when it exists
  std::string stateDir = "cepheus-state";
  std::optional<std::string> tokenFile;
  size_t workers = 0;  // 0: one per core
  size_t maxBodyBytes = 16 << 20;
  size_t httpThreads = 2;
  int64_t watchIntervalMs = 500;
  int64_t drainTimeoutMs = 5000;
  std::optional<std::string> portFile;  // written with the port once listening (for --listen HOST:0)
  std::string logLevel = "info";
  // Shared libraries of user functions (include/cepheus/functions.h), loaded before any app is
  // deployed, as `cepheus run --plugin` loads them. Repeatable; the config file's are loaded
  // first, then the command line's.
  std::vector<std::string> plugins;
  // bootstrap.servers for kafka transports whose annotation names none; unset: the server starts
  // an embedded broker (librdkafka's mock cluster) with this many brokers when an app needs one.
  std::optional<std::string> kafka;
  int embeddedKafkaBrokers = 1;
  int64_t snapshotIntervalMs = 10'000;  // 0: checkpoints at shutdown only
};

// A wrong option or config file; what() says which and why.
class OptionsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

ServerOptions parseServeArguments(std::span<const std::string> args);

// "HOST:PORT"; throws OptionsError.
void parseListen(const std::string& text, ServerOptions& options);

// Sets one option by its name (as on the command line, without "--"); throws OptionsError.
void setOption(const std::string& key, const std::string& value, ServerOptions& options);

// Applies the keys of a YAML file (config_file.cpp); throws OptionsError.
void applyConfigFile(const std::string& path, ServerOptions& options, const std::function<bool(const std::string&)>& givenOnCommandLine);

extern const char kServeUsage[];

}  // namespace cepheus::server
