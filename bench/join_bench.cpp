// Joins and tables on one core: events per CPU-second of the sending thread (which does all the
// processing: InputHandler::send is synchronous), median of three runs after a warm-up.
//   stream-table   a stream joined with a 100,000-row table on its primary key (a hash probe)
//   length-join    two streams, length(100) windows each side, inner join on a key of 10 values
//   upsert         update or insert into a primary-keyed table of 100,000 keys
//
//   bench/join_bench [EVENTS [SCENARIO]]     (default 2000000 per run, every scenario)
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cepheus/engine.h"

namespace {

using cepheus::EventView;
using cepheus::Value;

double threadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

constexpr long kTableRows = 100'000;
constexpr size_t kBatch = 256;

// Rows built before timing: row i of `width` attributes made by `make`.
struct RowPool {
  template <class Make>
  RowPool(size_t count, size_t width, Make make) : width(width), values(count * width) {
    for (size_t i = 0; i < count; ++i) make(i, &values[i * width]);
  }
  const Value* row(size_t i) const { return &values[(i % (values.size() / width)) * width]; }
  size_t width;
  std::vector<Value> values;
};

// Sends `events` events of `pool` into `input`, kBatch a call, and returns the CPU seconds.
double sendAll(cepheus::InputHandler& input, const RowPool& pool, long events, long offset) {
  std::vector<EventView> batch(kBatch);
  double start = threadCpuSeconds();
  for (long sent = 0; sent < events;) {
    size_t n = static_cast<size_t>(std::min<long>(kBatch, events - sent));
    for (size_t i = 0; i < n; ++i) batch[i] = {1'000'000 + offset + sent + static_cast<long>(i),
                                               pool.row(static_cast<size_t>(offset + sent) + i)};
    input.send(std::span<const EventView>(batch.data(), n));
    sent += static_cast<long>(n);
  }
  return threadCpuSeconds() - start;
}

struct Result {
  double eventsPerCpuSecond;
  double outputsPerEvent;
};

// One scenario: `prepare` fills what the app reads, then three timed runs of `events` events
// (`drive` sends them, returning CPU seconds) after one warm-up run.
template <class Prepare, class Drive>
Result measure(const char* text, long events, Prepare prepare, Drive drive) {
  cepheus::EngineOptions options;
  options.workers = 1;
  cepheus::Engine engine(options);
  auto app = engine.deploy(text);
  long outputs = 0;
  for (const auto& stream : app->outputStreams())
    app->subscribeBatches(stream, [&outputs](std::span<const EventView> rows) { outputs += static_cast<long>(rows.size()); });
  prepare(*app);
  drive(*app, events, 0L);
  std::vector<double> rates;
  outputs = 0;
  for (int run = 1; run <= 3; ++run) rates.push_back(static_cast<double>(events) / drive(*app, events, run * events));
  return {median(rates), static_cast<double>(outputs) / static_cast<double>(3 * events)};
}

void report(const char* name, const Result& r) {
  std::printf("%-14s %8.2f M events/CPU-s   %.2f output rows per event\n", name, r.eventsPerCpuSecond / 1e6,
              r.outputsPerEvent);
}

}  // namespace

int main(int argc, char** argv) {
  const long events = argc > 1 ? std::stol(argv[1]) : 2'000'000;
  const std::string only = argc > 2 ? argv[2] : "";
  auto wanted = [&](const char* name) { return only.empty() || only == name; };

  // Probe ids cycle over every key of the table, so every probe finds its row.
  RowPool keyed(kTableRows, 2, [](size_t i, Value* row) {
    row[0] = Value::ofLong(static_cast<int64_t>(i));
    row[1] = Value::ofDouble(static_cast<double>(i % 1000) / 10);
  });
  RowPool probes(4096, 2, [](size_t i, Value* row) {
    row[0] = Value::ofLong(static_cast<int64_t>((i * 7919) % kTableRows));
    row[1] = Value::ofInt(static_cast<int32_t>(i % 100));
  });
  if (wanted("stream-table")) report("stream-table",
         measure("define stream Fill (id long, price double); define stream Probe (id long, qty int);"
                 "@PrimaryKey('id') define table T (id long, price double);"
                 "from Fill insert into T;"
                 "from Probe join T on Probe.id == T.id select Probe.id, T.price, Probe.qty insert into Out;",
                 events,
                 [&](cepheus::App& app) {
                   auto fill = app.input("Fill");
                   sendAll(fill, keyed, kTableRows, 0);
                 },
                 [&](cepheus::App& app, long n, long offset) {
                   auto probe = app.input("Probe");
                   return sendAll(probe, probes, n, offset);
                 }));

  // Half the events on each side, in alternating batches.
  RowPool sides(4096, 2, [](size_t i, Value* row) {
    row[0] = Value::ofInt(static_cast<int32_t>((i * 7919) % 10));
    row[1] = Value::ofDouble(static_cast<double>(i % 1000) / 10);
  });
  if (wanted("length-join")) report("length-join",
         measure("define stream A (k int, v double); define stream B (k int, w double);"
                 "from A#window.length(100) join B#window.length(100) on A.k == B.k select A.k, v, w insert into Out;",
                 events, [](cepheus::App&) {},
                 [&](cepheus::App& app, long n, long offset) {
                   auto a = app.input("A");
                   auto b = app.input("B");
                   double cpu = 0;
                   for (long sent = 0; sent < n; sent += 2 * static_cast<long>(kBatch)) {
                     long half = std::min<long>(static_cast<long>(kBatch), (n - sent + 1) / 2);
                     cpu += sendAll(a, sides, half, offset + sent);
                     cpu += sendAll(b, sides, std::min<long>(static_cast<long>(kBatch), n - sent - half),
                                    offset + sent + half);
                   }
                   return cpu;
                 }));

  if (wanted("upsert")) report("upsert",
         measure("define stream U (id long, price double); @PrimaryKey('id') define table T (id long, price double);"
                 "from U update or insert into T set T.price = price on T.id == id;",
                 events, [](cepheus::App&) {},
                 [&](cepheus::App& app, long n, long offset) {
                   auto u = app.input("U");
                   return sendAll(u, keyed, n, offset);
                 }));
  return 0;
}
