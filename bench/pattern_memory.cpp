// What a pattern holds at steady state: the partial matches alive, the events they hold, the
// bytes of the pools keeping them and the heap in use, sampled while an app runs, say
// bench/queries/pattern-every-within.siddhi, fed the rows `cepheus bench` sends (the same
// synthetic columns, the k-th event at 1,000,000 + k ms).
//
//   bench/pattern_memory APP.siddhi [EVENTS]      (default 100000000)
#include <malloc.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "cepheus/time_source.h"
#include "parse/parser.h"
#include "plan/planner.h"
#include "runtime/app_runtime.h"
#include "runtime/pattern/pattern_state.h"

namespace {

using namespace cepheus;

constexpr size_t kRowPoolSize = 4096;
constexpr int64_t kFirstTimestamp = 1'000'000;
constexpr size_t kBatch = 256;

// The value of column k of row i as `cepheus bench` makes it (cli/bench_command.cpp).
Value syntheticValue(Type type, int64_t j) {
  static const char* kSymbols[] = {"IBM", "WSO2", "ORCL", "MSFT", "GOOG", "AAPL", "AMZN", "META", "NVDA", "INTC"};
  int64_t number = (j * 7919) % 1000;
  switch (type) {
    case Type::String:
    case Type::Object: return Value::ofString(kSymbols[j % 10]);
    case Type::Int: return Value::ofInt(static_cast<int32_t>(number));
    case Type::Long: return Value::ofLong(number);
    case Type::Float: return Value::ofFloat(static_cast<float>(number) / 10);
    case Type::Double: return Value::ofDouble(static_cast<double>(number) / 10);
    case Type::Bool: return Value::ofBool(j % 2 == 0);
  }
  return Value();
}

size_t heapInUse() { return mallinfo2().uordblks; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pattern_memory APP.siddhi [EVENTS]\n");
    return 2;
  }
  const int64_t events = argc > 2 ? std::stoll(argv[2]) : 100'000'000;
  std::ifstream file(argv[1]);
  std::stringstream text;
  text << file.rdbuf();
  parse::AppParse parsed = parse::parseApp(text.str());
  Diagnostics diagnostics;
  auto model = parsed.app ? analyze::analyze(*parsed.app, diagnostics) : nullptr;
  if (!model) {
    std::fprintf(stderr, "%s: the app does not deploy\n", argv[1]);
    return 1;
  }
  ManualClock time;
  auto app = plan::buildApp(*model, "bench", runtime::EngineServices{&time, nullptr, nullptr});
  const StreamInfo& stream = app->streams.front();
  const size_t width = stream.attributes.size();
  std::vector<Value> rows(kRowPoolSize * width);
  for (size_t i = 0; i < kRowPoolSize; ++i)
    for (size_t k = 0; k < width; ++k)
      rows[i * width + k] = syntheticValue(stream.attributes[k].type, static_cast<int64_t>(i + 31 * k));
  runtime::InputPort& input = *app->inputs.front();

  std::printf("%s, %lld events\n", argv[1], static_cast<long long>(events));
  std::printf("%12s %14s %14s %12s %12s\n", "events", "partial", "events held", "pool bytes", "heap bytes");
  std::vector<EventView> batch(kBatch);
  int64_t sent = 0;
  int64_t nextReport = 1'000'000;
  while (sent < events) {
    size_t n = 0;
    for (; n < kBatch && sent < events; ++n, ++sent)
      batch[n] = {kFirstTimestamp + sent, rows.data() + static_cast<size_t>(sent % kRowPoolSize) * width};
    input.send(std::span<const EventView>(batch.data(), n));
    if (sent < nextReport && sent < events) continue;
    nextReport *= 10;
    size_t matches = 0, held = 0, poolBytes = 0;
    app->runOnExecutor([&] {
      runtime::StateFrame& frame = app->state().globals;
      for (size_t slot = 0; slot < frame.size(); ++slot)
        if (auto* st = dynamic_cast<const runtime::pattern::PatternState*>(frame.get(static_cast<uint32_t>(slot)))) {
          matches += st->liveMatches();
          held += st->capturedRows();
          poolBytes += st->poolBytes();
        }
    });
    std::printf("%12lld %14zu %14zu %12zu %12zu\n", static_cast<long long>(sent), matches, held, poolBytes, heapInUse());
  }
  app->shutdown();
  return 0;
}
