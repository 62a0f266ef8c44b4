// Calls of the extension library (str:, regex:, math:, time:, json:, geo:) and of user
// functions, compiled into evaluators typed by the call's result type.
#pragma once

#include "analyze/typed_expr.h"
#include "plan/expression_compiler.h"

namespace cepheus::plan {

// For a call with function Extension or User: a TypedEvaluator of its result type.
EvaluatorPtr compileExtensionFunction(const analyze::TypedExpr& call);

}  // namespace cepheus::plan
