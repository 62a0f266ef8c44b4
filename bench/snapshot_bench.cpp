// Snapshot and restore of a large state: a `time(10 sec)` + group-by app holding a million rows
// (1,000 symbols), on one core. Prints the snapshot's size against the raw bytes of the values
// the app holds, and the median time of five snapshots and five restores into a freshly
// deployed app.
//
//   bench/snapshot_bench [ROWS]        (default 1000000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cepheus/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

const char* const kApp =
    "@app:playback\n"
    "define stream S (symbol string, price double, volume long);\n"
    "from S#window.time(10 sec) select symbol, sum(volume) as total group by symbol insert into Out;\n";

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::stol(argv[1]) : 1'000'000;
  constexpr int kSymbols = 1000;
  cepheus::EngineOptions options;
  options.workers = 1;
  cepheus::Engine engine(options);
  auto app = engine.deploy(kApp);

  std::vector<cepheus::Value> symbols;
  for (int s = 0; s < kSymbols; ++s) symbols.push_back(cepheus::Value::ofString("SYM" + std::to_string(s)));
  // Every event within 10 seconds of the first, so the window holds them all.
  const int64_t perMillisecond = std::max<long>(1, rows / 9'000);
  size_t raw = 0;
  auto input = app->input("S");
  for (long i = 0; i < rows; ++i) {
    const cepheus::Value& symbol = symbols[i % kSymbols];
    cepheus::Value values[] = {symbol, cepheus::Value::ofDouble(static_cast<double>(i % 1000) / 10),
                               cepheus::Value::ofLong(i % 100)};
    input.send(1'000'000 + i / perMillisecond, values);
    raw += symbol.asString().size() + 8 + 8;
  }
  for (const auto& symbol : symbols) raw += symbol.asString().size() + 8;  // each group's key and sum

  std::vector<uint8_t> bytes;
  std::vector<double> snapshots, restores;
  for (int run = 0; run < 5; ++run) {
    auto start = Clock::now();
    bytes = app->snapshot();
    snapshots.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  for (int run = 0; run < 5; ++run) {
    auto fresh = engine.deploy(kApp);
    auto start = Clock::now();
    fresh->restore(bytes);
    restores.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::printf("rows held: %ld (%d groups)\n", rows, kSymbols);
  std::printf("snapshot: %zu bytes, raw values %zu bytes, ratio %.2f\n", bytes.size(), raw,
              static_cast<double>(bytes.size()) / static_cast<double>(raw));
  std::printf("snapshot time: %.3f s (median of 5)\n", median(snapshots));
  std::printf("restore time: %.3f s (median of 5)\n", median(restores));
  return 0;
}
