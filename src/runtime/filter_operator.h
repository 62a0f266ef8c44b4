// `[condition]` on a query input: passes the rows for which the condition is true.
#pragma once

#include <memory>

#include "runtime/evaluator.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class FilterOperator final : public Operator {
 public:
  FilterOperator(std::unique_ptr<BoolEvaluator> condition, const Clock* clock, FaultSink* faults)
      : condition_(std::move(condition)), clock_(clock), faults_(faults) {}

  void process(const Chunk& chunk) override {
    out_.rows.clear();
    out_.independent = chunk.independent;
    for (const EventRow& row : chunk.rows) {
      if (row.kind == EventKind::Reset || row.kind == EventKind::Timer) {
        out_.rows.push_back(row);  // control rows are not filtered
        continue;
      }
      const EventRow* slot = &row;
      EvalContext ctx{&slot, nullptr, clock_};
      bool pass = false;
      try {
        if (condition_->eval(ctx, pass) && pass) out_.rows.push_back(row);
      } catch (const EvaluationError& e) {
        faults_->fault(row, e.what());
      }
    }
    emit(out_);
  }

 private:
  std::unique_ptr<BoolEvaluator> condition_;
  const Clock* clock_;
  FaultSink* faults_;
  Chunk out_;
};

}  // namespace cepheus::runtime
