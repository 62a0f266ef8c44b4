// TypedExpr -> evaluator tree, specialised by type.
#pragma once

#include "analyze/typed_expr.h"
#include "runtime/evaluator.h"
#include "runtime/join/findable.h"

namespace cepheus::plan {

// The evaluator interfaces belong to the runtime, which runs them; the planner builds them.
using runtime::BoolEvaluator;
using runtime::EvalContext;
using runtime::EvaluationError;
using runtime::Evaluator;
using runtime::EvaluatorPtr;
using runtime::fromValue;
using runtime::TypedEvaluator;
using runtime::toValue;

EvaluatorPtr compileExpression(const analyze::TypedExpr& expr);

// Whether the expression reads the engine clock (currentTimeMillis()).
bool usesClock(const analyze::TypedExpr& expr);

// An evaluator of `expr` producing a value of type `target`: numbers are widened to it (the
// analyzer allowed only widening).
EvaluatorPtr compileConverted(const analyze::TypedExpr& expr, Type target);

// `cond in T` (in_condition.cpp).
EvaluatorPtr compileInCondition(const analyze::TypedExpr& expr);

// compileExpression() for a bool expression, typed for filters.
std::unique_ptr<BoolEvaluator> compileCondition(const analyze::TypedExpr& expr);

// compileCondition() for a filter on one stream's rows, listing the `in` searches it makes for
// each row (in_condition.cpp), for the filter to announce per chunk.
std::unique_ptr<BoolEvaluator> compileFilterCondition(const analyze::TypedExpr& expr,
                                                      std::vector<runtime::ChunkLookup>& lookups);

// Built-in scalar functions (functions.cpp).
EvaluatorPtr compileFunction(const analyze::TypedExpr& expr);

// An evaluator of `expr` producing type T, converting numerics where the types differ.
template <class T>
std::unique_ptr<TypedEvaluator<T>> compileAs(const analyze::TypedExpr& expr, Type target);

}  // namespace cepheus::plan
