// cepheus serve [options]: see src/server/server.h and docs/server.md.
#include "cli/commands.h"
#include "cli/arguments.h"
#include "server/server.h"

namespace cepheus::cli {

int serveCommand(std::span<const std::string> args) {
  server::ServerOptions options;
  try {
    options = server::parseServeArguments(args);
  } catch (const server::OptionsError& error) {
    throw UsageError(error.what());
  }
  return server::runServer(options);
}

}  // namespace cepheus::cli
