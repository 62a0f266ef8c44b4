// Memory of the state of one key of a `length(100)` + `avg(price)` query: what a partition key
// will cost (its state frame, without the partition's own index of keys). Builds the query's two
// operators, makes K state frames, sends each of them N events, and reports the heap it took
// per key (glibc's allocator statistics, so allocator overhead included), for N = 1, 3 and 100.
//
//   bench/state_memory [KEYS]        (default 100000)
#include <malloc.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cepheus/time_source.h"
#include "runtime/app_state.h"
#include "runtime/selector.h"
#include "runtime/windows/length_window.h"

namespace {

using namespace cepheus;
using namespace cepheus::runtime;

class NoFaults final : public FaultSink {
 public:
  void fault(ExecContext&, const EventRow&, const std::string&) const override {}
};

class Discard final : public Operator {
 public:
  void process(ExecContext&, const Chunk&) const override {}
};

size_t heapInUse() { return mallinfo2().uordblks; }

}  // namespace

int main(int argc, char** argv) {
  const size_t keys = argc > 1 ? std::stoul(argv[1]) : 100'000;
  NoFaults faults;
  LengthWindow window(100, 3);
  SelectorPlan plan;
  plan.projections.resize(2);
  plan.projections[0].direct = 0;  // symbol
  plan.projections[1].aggregate = 0;  // avg(price)
  SelectorPlan::Aggregate avg;
  avg.kind = AggregateKind::Avg;
  avg.argType = Type::Double;
  avg.argument = RowValue{};
  avg.argument->direct = 1;
  plan.aggregates.push_back(std::move(avg));
  Selector selector(std::move(plan), &faults);
  Discard discard;
  window.setId(0);
  window.setStateSlot(0);
  selector.setId(1);
  selector.setStateSlot(1);
  discard.setId(2);
  window.setNext(&selector);
  selector.setNext(&discard);

  ManualClock time;
  AppState app(true, time, 0);
  Lane lane(3);
  Value row[] = {Value::ofString("card-0000001"), Value::ofDouble(12.5), Value::ofLong(1)};
  Chunk chunk;
  chunk.rows.push_back({row, 0, EventKind::Current});

  std::printf("bytes per key of length(100) + avg, %zu keys:\n", keys);
  for (size_t events : {1, 3, 100}) {
    std::vector<std::unique_ptr<StateFrame>> frames;
    frames.reserve(keys);  // the vector of frames is not the keys' cost
    const size_t before = heapInUse();
    for (size_t k = 0; k < keys; ++k) {
      frames.push_back(std::make_unique<StateFrame>(2));
      ExecContext ctx{app, *frames.back(), lane};
      for (size_t e = 0; e < events; ++e) window.process(ctx, chunk);
    }
    const size_t after = heapInUse();
    std::printf("  %3zu rows held: %zu bytes\n", events, (after - before) / keys);
  }
  return 0;
}
