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

int main(int argc, char** argv) {
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
