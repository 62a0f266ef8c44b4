// cepheus run APP.siddhi --events EVENTS.jsonl|- [--restore STATE] [--save STATE] [--query TEXT]...
//   [--plugin LIB.so]...
#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>

#include "cepheus/engine.h"
#include "cli/app_file.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "codec/event_json.h"
#include "cli/line_reader.h"
#include "cli/plugins.h"
#include "cli/state_file.h"
#include "io/stores/table_stores.h"

namespace cepheus::cli {

using namespace cepheus::codec;  // the event JSON codec

namespace {

// Prints every event of the app's output streams on stdout, one JSON line each. For a file of
// events stdout is fully buffered (one write per 64 KiB, not per line; the caller flushes); for a
// live feed (`--events -`) it is line buffered, so output the wall-clock timer thread produces
// between two input lines (expiries, batches) appears when it happens.
void printOutputStreams(App& app, bool live) {
  static char buffer[1 << 16];
  if (live) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
  } else if (!::isatty(STDOUT_FILENO)) {
    std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  }
  std::unordered_set<std::string> subscribed;
  for (const std::string& name : app.outputStreams()) {
    if (!subscribed.insert(name).second) continue;  // several queries may insert into one stream
    app.subscribe(name, [name](int64_t timestamp, std::span<const Value> data) {
      // One line per fwrite: glibc locks the stream per call, so lines from a timer thread
      // and from the sending thread never interleave.
      thread_local std::string line;
      line.clear();
      appendEventJson(line, name, timestamp, data);
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
    });
  }
}

// The input streams of the app, looked up by name as events name them.
class InputStreams {
 public:
  explicit InputStreams(App& app) : app_(app) {}

  const StreamInfo* find(std::string_view name) {
    auto it = handlers_.find(name);
    if (it == handlers_.end()) {
      try {
        it = handlers_.emplace(std::string(name), app_.input(name)).first;
      } catch (const std::out_of_range&) {
        return nullptr;
      }
    }
    return &it->second.stream();
  }

  const InputHandler& handler(const std::string& name) const { return handlers_.at(name); }

 private:
  App& app_;
  std::map<std::string, InputHandler, std::less<>> handlers_;
};

// Loads the saved state before the first event; says which queries start fresh.
bool restoreState(App& app, const std::string& path) {
  std::optional<std::vector<uint8_t>> bytes = readStateFile(path);
  if (!bytes) return false;
  try {
    RestoreReport report = app.restore(*bytes);
    for (const std::string& element : report.fresh)
      std::fprintf(stderr, "%s: note: %s starts empty: it is new or has changed since the state was saved\n",
                   path.c_str(), element.c_str());
    for (const std::string& element : report.dropped)
      std::fprintf(stderr, "%s: note: the saved state of %s is dropped: the app no longer has it\n", path.c_str(),
                   element.c_str());
  } catch (const SnapshotError& error) {
    std::fprintf(stderr, "%s: error: cannot restore: %s\n", path.c_str(), error.what());
    return false;
  }
  return true;
}

// After the events, each on-demand query in turn: its rows on stdout as JSON lines, its errors as
// <query N>:LINE:COL: error: MESSAGE on stderr. False when one failed.
bool runQueries(App& app, const std::vector<std::string>& queries) {
  bool ok = true;
  for (size_t i = 0; i < queries.size(); ++i) {
    try {
      QueryResult result = app.query(queries[i]);
      std::string line;
      for (const auto& row : result.rows) {
        line.clear();
        appendQueryRowJson(line, queries[i], row);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
      }
    } catch (const QueryError& error) {
      std::fflush(stdout);
      const std::string where = "<query " + std::to_string(i + 1) + ">";
      for (const Diagnostic& d : error.diagnostics()) {
        // A row that failed while the query ran has no place in its text.
        std::string line = d.line > 0 ? d.format(where) : where + ": error: " + d.message;
        std::fprintf(stderr, "%s\n", line.c_str());
      }
      ok = false;
    }
  }
  return ok;
}

}  // namespace

int runCommand(std::span<const std::string> args) {
  Arguments arguments = parseArguments(args, {"--events", "--restore", "--save", "--query", "--plugin"});
  const std::string& appPath = arguments.onlyPositional("the app file");
  const std::string* eventsPath = arguments.option("--events");
  if (!eventsPath) throw UsageError("missing --events EVENTS.jsonl|-");

  const std::string* restorePath = arguments.option("--restore");
  const std::string* savePath = arguments.option("--save");

  Engine engine;
  io::registerTableStores(engine.tableStores());
  if (!loadPlugins(arguments.all("--plugin"), engine.functions())) return 1;
  std::unique_ptr<App> app = deployAppFile(engine, appPath);
  if (!app) return 1;
  if (restorePath && !restoreState(*app, *restorePath)) return 1;

  const bool fromStdin = *eventsPath == "-";
  const std::string eventsName = fromStdin ? "<stdin>" : *eventsPath;
  LineReader reader(*eventsPath);
  if (!reader.error().empty()) {
    std::fprintf(stderr, "%s: error: cannot read: %s\n", eventsName.c_str(),
                 reader.error().c_str());
    return 1;
  }

  printOutputStreams(*app, fromStdin);
  app->start();

  InputStreams inputs(*app);
  StreamLookup lookup = [&inputs](std::string_view name) { return inputs.find(name); };
  int64_t lineNumber = 0;
  int64_t rejected = 0;
  // Bad input is reported and skipped; any other failure is the engine's and ends the run
  // (main reports it).
  auto skip = [&](const char* why) {
    std::fflush(stdout);  // keeps stdout and stderr in order when both go to one file
    std::fprintf(stderr, "%s:%lld: error: %s\n", eventsName.c_str(),
                 static_cast<long long>(lineNumber), why);
    ++rejected;
  };
  std::string_view line;
  while (reader.next(line)) {
    ++lineNumber;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    try {
      DecodedEvent event = decodeEvent(line, lookup);
      inputs.handler(event.stream->name).send(event.timestamp, event.data);
    } catch (const EventFormatError& error) {
      skip(error.what());
    } catch (const InvalidEvent& error) {
      skip(error.what());
    }
  }
  if (!reader.error().empty()) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: cannot read: %s\n", eventsName.c_str(),
                 reader.error().c_str());
    return 1;
  }

  // Wall-clock apps are not kept alive for timer-driven output after the last event: the run
  // ends with the input. On-demand queries see the state the events left (and may change it
  // before it is saved).
  app->drain();
  if (!runQueries(*app, arguments.all("--query"))) return 1;
  if (savePath && !writeStateFile(*savePath, app->snapshot())) return 1;
  app->shutdown();
  std::fflush(stdout);
  if (rejected > 0) {
    std::fprintf(stderr, "%lld malformed event%s skipped\n", static_cast<long long>(rejected),
                 rejected == 1 ? "" : "s");
  }
  return 0;
}

}  // namespace cepheus::cli
