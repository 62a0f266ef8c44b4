// cepheus serve [options]: see src/server/server.h and docs/server.md.
#include <malloc.h>

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
  // The server's threads allocate and free records all the time (Kafka messages, payloads,
  // batches). With glibc's defaults a thread's heap was given back to the system and grown
  // again, and a batch's buffer mapped and unmapped, every few batches: a tenth of a Kafka
  // pipeline's time went to page faults and mprotect. Up to 64 MiB freed stays in the heap.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  return server::runServer(options);
}

}  // namespace cepheus::cli
