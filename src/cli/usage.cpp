#include <cstdio>

#include "cli/commands.h"
#include "server/config/server_options.h"

namespace cepheus::cli {

// Keep in step with project(VERSION) in CMakeLists.txt.
const char kVersion[] = CEPHEUS_VERSION;  // project(VERSION) in CMakeLists.txt

void printUsage(std::FILE* out) {
  std::fputs(
      "usage: cepheus <command> [arguments]\n"
      "\n"
      "commands:\n"
      "  check APP.siddhi [--strict] [--plugin LIB.so]...\n"
      "      Check an app; print FILE:LINE:COL: error: MESSAGE for every problem, and\n"
      "      FILE:LINE:COL: warning: MESSAGE for what it ignores (an unknown annotation).\n"
      "      Exit 0 when valid, 1 otherwise; with --strict warnings are errors too.\n"
      "  run APP.siddhi --events EVENTS.jsonl|- [--restore STATE] [--save STATE] [--query TEXT]...\n"
      "      [--plugin LIB.so]...\n"
      "      Deploy the app, send the events (one JSON object a line,\n"
      "      {\"stream\": \"S\", \"ts\": 1000, \"data\": [\"IBM\", 10.5, 100]}; - reads stdin)\n"
      "      and print every event arriving at a stream a query inserts into, in the same form.\n"
      "      --restore loads a saved state before the first event; --save writes the state\n"
      "      after the last one (atomically). Each --query (repeatable) runs an on-demand query\n"
      "      after the events and prints its rows as {\"query\": TEXT, \"data\": [...]} lines.\n"
      "  --plugin LIB.so (run, check, serve, shell, repeatable)\n"
      "      Load a shared library of user functions first (see docs/functions.md).\n"
      "  bench APP.siddhi --events N [--batch B] [--keys K]\n"
      "      Send N synthetic events into the app's first stream in batches of B (default 256),\n"
      "      five times after a warm-up; print the median throughput. --keys K gives the\n"
      "      stream's first string attribute K distinct values (a partition on it has K keys).\n",
      out);
  std::fputs(server::kServeUsage, out);
  std::fputs(
      "  shell [--server URL] [--token-file FILE] [--execute TEXT] [--file SCRIPT] [--output table|json]\n"
      "      An interactive client of a server (default http://127.0.0.1:9090): apps, describe,\n"
      "      deploy, send, tail, on-demand queries ending with ';', TAB completion, history in\n"
      "      ~/.cepheus_history (see docs/shell.md). --execute and --file run commands without a\n"
      "      terminal and exit 1 at the first that fails.\n"
      "  kafka-dev [--brokers N] [--topic NAME:PARTITIONS]... [--bootstrap-file FILE]\n"
      "      Run the embedded Kafka broker (in memory, for trying and testing) as a process: print\n"
      "      its bootstrap list, then read fault commands on stdin (down ID|all, up ID|all,\n"
      "      leader TOPIC PARTITION ID, rtt ID MS, error APIKEY COUNT CODE, topic NAME PARTITIONS).\n"
      "      See docs/kafka.md.\n",
      out);
  std::fputs(
      "\n"
      "options:\n"
      "  --help      show this text\n"
      "  --version   show the version\n",
      out);
}

}  // namespace cepheus::cli
