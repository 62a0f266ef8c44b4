// `[condition]` on a query input: passes the rows for which the condition is true.
#pragma once

#include <memory>

#include "runtime/app_state.h"
#include "runtime/evaluator.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class FilterOperator final : public Operator {
 public:
  FilterOperator(std::unique_ptr<BoolEvaluator> condition, const FaultSink* faults)
      : condition_(std::move(condition)), faults_(faults) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override {
    Chunk& out = ctx.lane.chunk(id());
    out.rows.clear();
    out.independent = chunk.independent;
    if (condition_->selectRows(chunk.rows, out.rows)) {
      emit(ctx, out);
      return;
    }
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
    emit(ctx, out);
  }

 private:
  std::unique_ptr<BoolEvaluator> condition_;
  const FaultSink* faults_;
};

}  // namespace cepheus::runtime
