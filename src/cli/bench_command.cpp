// cepheus bench APP.siddhi --events N [--batch B] [--keys K]
//
// Measures how many events per second one thread pushes through the app: synthetic events go
// into the app's first stream in batches; output events are only counted. With --keys, the
// stream's first string attribute takes K distinct values ("k0" ... ), each coming back every K
// events in a scrambled order: a partition (or group by) on it has K live keys.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "cepheus/engine.h"
#include "cli/app_file.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "io/stores/table_stores.h"

namespace cepheus::cli {

namespace {

constexpr int64_t kDefaultBatch = 256;
constexpr int64_t kMaxWarmUp = 1'000'000;
constexpr int kMeasuredRuns = 5;
constexpr size_t kRowPoolSize = 4096;
constexpr int64_t kFirstTimestamp = 1'000'000;

// The value of column k of row i, by the column's type, from j = i + 31k: columns differ from
// each other, and a row repeats only every kRowPoolSize events.
Value syntheticValue(Type type, int64_t j) {
  static const std::array<const char*, 10> kSymbols = {"IBM",  "WSO2", "ORCL", "MSFT", "GOOG",
                                                       "AAPL", "AMZN", "META", "NVDA", "INTC"};
  int64_t number = (j * 7919) % 1000;
  switch (type) {
    case Type::String:
    case Type::Object:
      return Value::ofString(kSymbols[j % 10]);
    case Type::Int:
      return Value::ofInt(static_cast<int32_t>(number));
    case Type::Long:
      return Value::ofLong(number);
    case Type::Float:
      return Value::ofFloat(static_cast<float>(number) / 10);
    case Type::Double:
      return Value::ofDouble(static_cast<double>(number) / 10);
    case Type::Bool:
      return Value::ofBool(j % 2 == 0);
  }
  return Value::null();
}

// kRowPoolSize rows for the stream, built once so the timed loop allocates nothing.
std::vector<Value> syntheticRows(const StreamInfo& stream) {
  std::vector<Value> rows(kRowPoolSize * stream.attributes.size());
  for (size_t i = 0; i < kRowPoolSize; ++i) {
    for (size_t k = 0; k < stream.attributes.size(); ++k) {
      rows[i * stream.attributes.size() + k] =
          syntheticValue(stream.attributes[k].type, static_cast<int64_t>(i + 31 * k));
    }
  }
  return rows;
}

// Sends events from the row pool in batches. Every call starts at the first row, so runs of
// the same size see the same data; timestamps keep rising across calls, so time never goes
// backwards between the warm-up and the measured runs.
class EventFeeder {
 public:
  EventFeeder(InputHandler input, size_t batch, int64_t keys)
      : input_(input),
        arity_(input.stream().attributes.size()),
        rows_(syntheticRows(input.stream())),
        views_(batch) {
    const auto& attributes = input.stream().attributes;
    for (size_t k = 0; k < attributes.size() && keys > 0; ++k) {
      if (attributes[k].type != Type::String) continue;
      keyColumn_ = static_cast<int>(k);
      // Made before the timed runs in the order they are sent, so the loop copies them one after
      // the other (picking each at random from a million would cost the feeder a cache miss an
      // event). A multiplier coprime to every key count visits each key once per `keys` events.
      for (int64_t i = 0; i < keys; ++i)
        keys_.push_back(Value::ofString("k" + std::to_string(static_cast<uint64_t>(i) * 2654435761u % static_cast<uint64_t>(keys))));
      break;
    }
    if (keys > 0 && keyColumn_ < 0) throw UsageError("--keys needs a string attribute in the first stream");
  }

  void send(int64_t count) {
    size_t row = 0;
    int64_t sent = sent_;  // a local: the loop keeps it in a register
    while (count > 0) {
      size_t n = static_cast<size_t>(std::min<int64_t>(count, static_cast<int64_t>(views_.size())));
      if (keyColumn_ >= 0) {
        for (size_t i = 0, r = row; i < n; ++i, r = (r + 1) % kRowPoolSize)
          rows_[r * arity_ + keyColumn_] = keys_[static_cast<uint64_t>(sent + static_cast<int64_t>(i)) % keys_.size()];
      }
      for (size_t i = 0; i < n; ++i, row = (row + 1) % kRowPoolSize)
        views_[i] = {kFirstTimestamp + sent + static_cast<int64_t>(i), rows_.data() + row * arity_};
      input_.send(std::span<const EventView>(views_.data(), n));
      sent += static_cast<int64_t>(n);
      count -= static_cast<int64_t>(n);
    }
    sent_ = sent;
  }

 private:
  InputHandler input_;
  size_t arity_;
  std::vector<Value> rows_;
  std::vector<EventView> views_;
  int64_t sent_ = 0;
  int keyColumn_ = -1;
  std::vector<Value> keys_;
};

struct RunResult {
  double eventsPerSecond;
  double eventsPerCpuSecond;  // of the process's CPU time: what a busy, shared machine took away is not counted
  uint64_t outputs;
};

// The whole process's: a parallel partition's shards run on the engine's workers.
double processCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace

int benchCommand(std::span<const std::string> args) {
  Arguments arguments = parseArguments(args, {"--events", "--batch", "--keys"});
  const std::string& appPath = arguments.onlyPositional("the app file");
  if (!arguments.option("--events")) throw UsageError("missing --events N");
  const int64_t events = arguments.positiveOption("--events", 0);
  const int64_t batch = arguments.positiveOption("--batch", kDefaultBatch);
  const int64_t keys = arguments.option("--keys") ? arguments.positiveOption("--keys", 0) : 0;

  Engine engine;
  io::registerTableStores(engine.tableStores());
  std::unique_ptr<App> app = deployAppFile(engine, appPath);
  if (!app) return 1;
  if (app->streams().empty()) {
    std::fprintf(stderr, "%s: error: the app defines no stream to send into\n", appPath.c_str());
    return 1;
  }

  // Callbacks run on the sending thread, but wall-clock timers may emit from another one.
  std::atomic<uint64_t> outputs{0};
  std::unordered_set<std::string> subscribed;
  for (const std::string& name : app->outputStreams()) {
    if (!subscribed.insert(name).second) continue;
    // Counted a group at a time, as a sink that writes batches would take them.
    app->subscribeBatches(name, [&outputs](std::span<const EventView> events) {
      outputs.fetch_add(events.size(), std::memory_order_relaxed);
    });
  }
  app->start();

  // The engine lists defined streams first, in definition order.
  const StreamInfo& stream = app->streams().front();
  EventFeeder feeder(app->input(stream.name), static_cast<size_t>(batch), keys);
  feeder.send(std::min(events, kMaxWarmUp));

  std::vector<RunResult> runs;
  for (int run = 0; run < kMeasuredRuns; ++run) {
    uint64_t outputsBefore = outputs.load();
    auto start = std::chrono::steady_clock::now();
    double cpuStart = processCpuSeconds();
    feeder.send(events);
    app->drain();  // what shards of a parallel partition still have queued
    std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    double cpu = processCpuSeconds() - cpuStart;
    runs.push_back({static_cast<double>(events) / seconds.count(), static_cast<double>(events) / cpu,
                    outputs.load() - outputsBefore});
  }
  app->shutdown();

  std::sort(runs.begin(), runs.end(), [](const RunResult& a, const RunResult& b) {
    return a.eventsPerSecond < b.eventsPerSecond;
  });
  auto [fewest, most] = std::minmax_element(
      runs.begin(), runs.end(),
      [](const RunResult& a, const RunResult& b) { return a.outputs < b.outputs; });
  std::printf("throughput: %.0f events/s\n", runs[kMeasuredRuns / 2].eventsPerSecond);
  std::vector<double> perCpu;
  for (const RunResult& r : runs) perCpu.push_back(r.eventsPerCpuSecond);
  std::sort(perCpu.begin(), perCpu.end());
  std::printf("per CPU-second: %.0f events\n", perCpu[kMeasuredRuns / 2]);
  if (fewest->outputs == most->outputs) {
    std::printf("outputs: %llu per run\n", static_cast<unsigned long long>(fewest->outputs));
  } else {
    std::printf("outputs: %llu to %llu per run\n", static_cast<unsigned long long>(fewest->outputs),
                static_cast<unsigned long long>(most->outputs));
  }
  std::printf("min: %.0f events/s, max: %.0f events/s (%s, %lld events a run, batches of %lld)\n",
              runs.front().eventsPerSecond, runs.back().eventsPerSecond, stream.name.c_str(),
              static_cast<long long>(events), static_cast<long long>(batch));
  return 0;
}

}  // namespace cepheus::cli
