#include "runtime/partition/partition_router.h"

#include "runtime/app_state.h"

namespace cepheus::runtime {

// The run of consecutive events with one key being gathered (lane scratch: it holds nothing
// between chunks).
struct PartitionRouter::Scratch final : runtime::Scratch {
  Chunk run;
  Value key;
  bool open = false;
};

void PartitionRouter::flush(ExecContext& ctx, Scratch& s) const {
  if (!s.open) return;
  s.open = false;
  PartitionInstance& instance = partition_.instanceFor(ctx, s.key);
  ExecContext inner{ctx.app, instance.frame, ctx.lane};
  target_.publish(inner, s.run);
  s.run.rows.clear();
}

void PartitionRouter::process(ExecContext& ctx, const Chunk& chunk) const {
  auto& s = ctx.lane.scratch<Scratch>(id());
  s.run.rows.clear();
  s.run.independent = chunk.independent;
  s.open = false;
  const Clock* clock = &ctx.app.clock;
  auto add = [&](const Value& key, const EventRow& row) {
    if (s.open && s.key == key) {
      s.run.rows.push_back(row);
      return;
    }
    flush(ctx, s);
    s.key = key;
    s.open = true;
    s.run.rows.push_back(row);
  };
  for (const EventRow& row : chunk.rows) {
    if (row.kind == EventKind::Reset || row.kind == EventKind::Timer) continue;  // a query's own
    const EventRow* slot = &row;
    EvalContext eval = EvalContext::of(slot, nullptr, clock);
    try {
      if (value_) {
        Value key = value_->evalValue(eval);
        if (key.isNull()) continue;
        if (asText_) key = Value::ofString(key.toString());
        add(key, row);
        continue;
      }
      for (const Range& range : ranges_) {
        bool meets = false;
        if (range.condition->eval(eval, meets) && meets) add(range.label, row);
      }
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
    }
  }
  flush(ctx, s);
}

}  // namespace cepheus::runtime
