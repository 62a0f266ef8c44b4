// TypedExpr -> evaluator tree, specialised by type.
#pragma once

#include "analyze/typed_expr.h"
#include "plan/evaluator.h"

namespace cepheus::plan {

EvaluatorPtr compileExpression(const analyze::TypedExpr& expr);

// compileExpression() for a bool expression, typed for filters.
std::unique_ptr<BoolEvaluator> compileCondition(const analyze::TypedExpr& expr);

// Built-in scalar functions (functions.cpp).
EvaluatorPtr compileFunction(const analyze::TypedExpr& expr);

// An evaluator of `expr` producing type T, converting numerics where the types differ.
template <class T>
std::unique_ptr<TypedEvaluator<T>> compileAs(const analyze::TypedExpr& expr, Type target);

}  // namespace cepheus::plan
