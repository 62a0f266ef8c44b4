#include "server/config/server_options.h"

#include <charconv>
#include <filesystem>
#include <set>

namespace cepheus::server {

const char kServeUsage[] =
    "  serve [--config FILE] [--listen HOST:PORT] [--apps DIR] [--state DIR] [--token-file FILE]\n"
    "        [--workers N] [--max-body BYTES] [--http-threads N] [--watch-interval MS]\n"
    "        [--drain-timeout MS] [--port-file FILE] [--log-level LEVEL] [--plugin LIB.so]...\n"
    "        [--kafka BOOTSTRAP] [--embedded-kafka-brokers N] [--snapshot-interval MS]\n"
    "      Run the server: deploy every *.siddhi of --apps (default queries/ when it exists) and\n"
    "      watch it, serve the REST API on --listen (default 127.0.0.1:9090), keep state under\n"
    "      --state (default ./cepheus-state). --plugin loads user functions as run does (repeatable).\n"
    "      Kafka transports without bootstrap.servers use --kafka, or else an embedded broker the\n"
    "      server starts (its address is logged and written to STATE/kafka-bootstrap). Every app\n"
    "      is checkpointed every --snapshot-interval (default 10000 ms; 0: only at shutdown).\n"
    "      SIGINT/SIGTERM stop it cleanly. See docs/server.md and docs/kafka.md.\n";

namespace {

uint64_t number(const std::string& option, const std::string& text, uint64_t least, uint64_t most) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < least || value > most)
    throw OptionsError(option + " must be an integer from " + std::to_string(least) + " to " + std::to_string(most) +
                       ", got '" + text + "'");
  return value;
}

}  // namespace

void parseListen(const std::string& text, ServerOptions& options) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw OptionsError("--listen must be HOST:PORT (127.0.0.1:9090), got '" + text + "'");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  options.host = host;
  options.port = static_cast<uint16_t>(number("--listen's port", text.substr(colon + 1), 0, 65535));
}

// One option's value, by the name it has on the command line and in the config file.
void setOption(const std::string& key, const std::string& value, ServerOptions& options) {
  if (key == "listen") parseListen(value, options);
  else if (key == "apps") options.appsDir = value;
  else if (key == "state") options.stateDir = value;
  else if (key == "token-file") options.tokenFile = value;
  else if (key == "workers") options.workers = number("--workers", value, 1, 1024);
  else if (key == "max-body") options.maxBodyBytes = number("--max-body", value, 1024, uint64_t{1} << 32);
  else if (key == "http-threads") options.httpThreads = number("--http-threads", value, 1, 64);
  else if (key == "watch-interval") options.watchIntervalMs = static_cast<int64_t>(number("--watch-interval", value, 10, 3'600'000));
  else if (key == "drain-timeout") options.drainTimeoutMs = static_cast<int64_t>(number("--drain-timeout", value, 0, 3'600'000));
  else if (key == "port-file") options.portFile = value;
  else if (key == "kafka") options.kafka = value;
  else if (key == "embedded-kafka-brokers") options.embeddedKafkaBrokers = static_cast<int>(number("--embedded-kafka-brokers", value, 1, 16));
  else if (key == "snapshot-interval") options.snapshotIntervalMs = static_cast<int64_t>(number("--snapshot-interval", value, 0, 86'400'000));
  else if (key == "plugin") options.plugins.push_back(value);
  else if (key == "log-level") {
    static const std::set<std::string> levels = {"trace", "debug", "info", "warn", "error", "off"};
    if (!levels.count(value)) throw OptionsError("--log-level must be trace, debug, info, warn, error or off");
    options.logLevel = value;
  } else {
    throw OptionsError("unknown option '" + key + "'");
  }
}

ServerOptions parseServeArguments(std::span<const std::string> args) {
  ServerOptions options;
  std::set<std::string> given;
  std::optional<std::string> config;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) throw OptionsError("unexpected argument '" + arg + "'");
    std::string key = arg.substr(2);
    std::string value;
    size_t equals = key.find('=');
    if (equals != std::string::npos) {
      value = key.substr(equals + 1);
      key = key.substr(0, equals);
    } else {
      if (i + 1 >= args.size()) throw OptionsError(arg + " needs a value");
      value = args[++i];
    }
    if (key == "config") {
      config = value;
      continue;
    }
    setOption(key, value, options);
    given.insert(key);
  }
  if (config) {
    ServerOptions fromFile;
    applyConfigFile(*config, fromFile, [](const std::string&) { return false; });
    // The command line wins: re-apply what it gave over the file's values.
    ServerOptions merged = fromFile;
    for (size_t i = 0; i < args.size(); ++i) {
      std::string key = args[i].substr(2);
      std::string value;
      size_t equals = key.find('=');
      if (equals != std::string::npos) {
        value = key.substr(equals + 1);
        key = key.substr(0, equals);
      } else {
        value = args[++i];
      }
      if (key != "config") setOption(key, value, merged);
    }
    options = merged;
  }
  if (!options.appsDir && std::filesystem::is_directory("queries")) options.appsDir = "queries";
  return options;
}

}  // namespace cepheus::server
