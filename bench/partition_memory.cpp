// Memory of a partition key: deploys
//
//   partition with (card of Payments) begin
//     from Payments#window.length(10) select card, avg(amount) as avgAmount insert into Out;
//   end;
//
// sends K distinct cards N events each (N = 1, 3 and 10, each in a fresh app), and reports the
// heap it took per key (glibc's allocator statistics: allocator overhead, the partition's index
// of keys and every state included), then the process's peak RSS.
//
//   bench/partition_memory [KEYS]        (default 1000000)
//
// With --purge it deploys the same query under @purge(interval='1 sec', idle.period='1 sec')
// and sends KEYS distinct cards (default 10 M) once each, a thousand per millisecond of
// playback time, printing the live RSS after each million: with idle keys dropped it stays
// flat (about two seconds' worth of keys live at a time).
//
//   bench/partition_memory --purge [KEYS]
#include <malloc.h>
#include <sys/resource.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cepheus/engine.h"

namespace {

using namespace cepheus;

size_t heapInUse() { return mallinfo2().uordblks; }

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

const char* kApp =
    "@app:playback define stream Payments (card string, amount double);"
    "partition with (card of Payments) begin "
    "from Payments#window.length(10) select card, avg(amount) as avgAmount insert into Out; end;";

}  // namespace

long rssKb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * 4;
}

const char* kPurgedApp =
    "@app:playback define stream Payments (card string, amount double);"
    "@purge(enable='true', interval='1 sec', idle.period='1 sec') "
    "partition with (card of Payments) begin "
    "from Payments#window.length(10) select card, avg(amount) as avgAmount insert into Out; end;";

int purged(size_t keys) {
  std::printf("a partitioned length(10) + avg under @purge, %zu keys once each, 1000 a millisecond:\n", keys);
  Engine engine;
  std::unique_ptr<App> app = engine.deploy(kPurgedApp);
  InputHandler input = app->input("Payments");
  constexpr size_t kBatch = 250;
  std::vector<Value> rows(kBatch * 2);
  std::vector<EventView> views(kBatch);
  char card[16];
  for (size_t k = 0; k < keys;) {
    size_t n = std::min(kBatch, keys - k);
    for (size_t i = 0; i < n; ++i, ++k) {
      std::snprintf(card, sizeof card, "card-%08zu", k);
      rows[2 * i] = Value::ofString(card);
      rows[2 * i + 1] = Value::ofDouble(static_cast<double>(k % 1000) / 10);
      views[i] = {static_cast<int64_t>(k / 1000), &rows[2 * i]};
    }
    input.send(std::span<const EventView>(views.data(), n));
    if (k % 1'000'000 == 0)
      std::printf("  after %3zu M keys: RSS %ld MB, heap %zu MB\n", k / 1'000'000, rssKb() / 1024, heapInUse() >> 20);
  }
  std::printf("peak RSS: %ld MB\n", peakRssKb() / 1024);
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--purge") return purged(argc > 2 ? std::stoul(argv[2]) : 10'000'000);
  const size_t keys = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
  std::printf("bytes per key of a partitioned length(10) + avg, %zu keys:\n", keys);
  for (size_t events : {1, 3, 10}) {
    Engine engine;
    const size_t before = heapInUse();
    std::unique_ptr<App> app = engine.deploy(kApp);
    InputHandler input = app->input("Payments");
    constexpr size_t kBatch = 256;
    std::vector<Value> rows(kBatch * 2);
    std::vector<EventView> views(kBatch);
    int64_t ts = 0;
    char card[16];
    for (size_t round = 0; round < events; ++round) {
      for (size_t k = 0; k < keys;) {
        size_t n = std::min(kBatch, keys - k);
        for (size_t i = 0; i < n; ++i, ++k) {
          std::snprintf(card, sizeof card, "card-%07zu", k);
          rows[2 * i] = Value::ofString(card);
          rows[2 * i + 1] = Value::ofDouble(static_cast<double>(k % 1000) / 10);
          views[i] = {++ts, &rows[2 * i]};
        }
        input.send(std::span<const EventView>(views.data(), n));
      }
    }
    const size_t after = heapInUse();
    std::printf("  %2zu events each: %zu bytes\n", events, (after - before) / keys);
  }
  std::printf("peak RSS: %ld MB\n", peakRssKb() / 1024);
  return 0;
}
