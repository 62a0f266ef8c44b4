// The `cepheus` binary: picks the subcommand; each one lives in src/cli/.
#include <cstdio>
#include <exception>
#include <span>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/commands.h"

namespace {

cepheus::cli::Command* findCommand(const std::string& name) {
  if (name == "check") return cepheus::cli::checkCommand;
  if (name == "run") return cepheus::cli::runCommand;
  if (name == "bench") return cepheus::cli::benchCommand;
  if (name == "serve") return cepheus::cli::serveCommand;
  if (name == "shell") return cepheus::cli::shellCommand;
  if (name == "kafka-dev") return cepheus::cli::kafkaDevCommand;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cepheus::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    printUsage(stderr);
    return kUsageExit;
  }
  const std::string& name = args.front();
  std::span<const std::string> rest(args.begin() + 1, args.end());
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      printUsage(stdout);
      return 0;
    }
  }
  if (name == "--version") {
    std::printf("cepheus %s\n", kVersion);
    return 0;
  }
  Command* command = findCommand(name);
  if (!command) {
    std::fprintf(stderr, "cepheus: unknown command '%s'\n\n", name.c_str());
    printUsage(stderr);
    return kUsageExit;
  }
  try {
    return command(rest);
  } catch (const UsageError& error) {
    std::fprintf(stderr, "cepheus %s: %s\n\n", name.c_str(), error.what());
    printUsage(stderr);
    return kUsageExit;
  } catch (const std::exception& error) {
    std::fflush(stdout);
    std::fprintf(stderr, "cepheus %s: error: %s\n", name.c_str(), error.what());
    return 1;
  }
}
