// A value read from each input row: an attribute copied straight from the row (`direct` >= 0,
// the common case, no virtual call), an aggregate's result as a whole (`aggregate` >= 0, the
// selector's), or a compiled expression. plan::rowValue makes one of an expression.
#pragma once

#include <vector>

#include "runtime/evaluator.h"

namespace cepheus::runtime {

struct RowValue {
  int direct = -1;
  int aggregate = -1;
  EvaluatorPtr expression;

  // Appends the value to `out`, copied in place from where it lives when it is not computed.
  void appendTo(std::vector<Value>& out, const EvalContext& ctx, const EventRow& row) const {
    if (direct >= 0) {
      out.push_back(row.data[direct]);
    } else if (aggregate >= 0) {
      out.push_back(ctx.aggregates[aggregate]);
    } else {
      out.push_back(expression->evalValue(ctx));
    }
  }
  Value read(const EvalContext& ctx, const EventRow& row) const {
    if (direct >= 0) return row.data[direct];
    if (aggregate >= 0) return ctx.aggregates[aggregate];
    return expression->evalValue(ctx);
  }
};

}  // namespace cepheus::runtime
