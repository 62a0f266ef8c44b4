// `[condition]` on a query input: passes the rows for which the condition is true.
#pragma once

#include <memory>
#include <vector>

#include "runtime/app_state.h"
#include "runtime/evaluator.h"
#include "runtime/join/findable.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class FilterOperator final : public Operator {
 public:
  // `lookups`: the `in` searches of the condition, announced per chunk (a table on a store reads
  // their keys in one batch and keeps the rows while the chunk is tested).
  FilterOperator(std::unique_ptr<BoolEvaluator> condition, const FaultSink* faults,
                 std::vector<ChunkLookup> lookups = {})
      : condition_(std::move(condition)), faults_(faults), lookups_(std::move(lookups)) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override {
    Chunk& out = ctx.lane.chunk(id());
    out.rows.clear();
    out.independent = chunk.independent;
    if (condition_->selectRows(chunk.rows, out.rows)) {
      emit(ctx, out);
      return;
    }
    if (lookups_.empty()) {  // no `in` on a table: nothing to announce
      test(ctx, chunk, out);
      emit(ctx, out);
      return;
    }
    {
      struct Uses {
        ExecContext& ctx;
        const std::vector<ChunkLookup>& lookups;
        ~Uses() {
          for (const ChunkLookup& lookup : lookups) lookup.source->endUse(ctx);
        }
      } uses{ctx, lookups_};
      for (const ChunkLookup& lookup : lookups_) lookup.source->beginUse(ctx);
      for (const ChunkLookup& lookup : lookups_) lookup.source->prefetch(ctx, *lookup.plan, chunk, 0);
      test(ctx, chunk, out);
    }
    emit(ctx, out);
  }

 private:
  void test(ExecContext& ctx, const Chunk& chunk, Chunk& out) const {
    const Clock* clock = &ctx.app.clock;
    for (const EventRow& row : chunk.rows) {
      if (row.kind == EventKind::Reset || row.kind == EventKind::Timer) {
        out.rows.push_back(row);  // control rows are not filtered
        continue;
      }
      const EventRow* slot = &row;
      EvalContext eval = EvalContext::of(slot, nullptr, clock, &ctx.app);
      bool pass = false;
      try {
        if (condition_->eval(eval, pass) && pass) out.rows.push_back(row);
      } catch (const EvaluationError& e) {
        faults_->fault(ctx, row, e.what());
      }
    }
  }

  std::unique_ptr<BoolEvaluator> condition_;
  const FaultSink* faults_;
  std::vector<ChunkLookup> lookups_;
};

}  // namespace cepheus::runtime
