// ast::Expr -> TypedExpr: resolves names, applies SiddhiQL's type rules and reports every
// violation with its position.
#pragma once

#include <optional>

#include "analyze/scope.h"
#include "analyze/typed_expr.h"
#include "cepheus/diagnostic.h"
#include "parse/ast.h"

namespace cepheus::analyze {

class ExpressionChecker {
 public:
  ExpressionChecker(Diagnostics& diagnostics, const Symbols& symbols)
      : diagnostics_(diagnostics), symbols_(symbols) {}

  // nullopt when the expression is wrong (the reason is already reported).
  std::optional<TypedExpr> check(const ast::Expr& expr, const Scope& scope);
  // check() and require a bool result (filters, conditions).
  std::optional<TypedExpr> checkCondition(const ast::Expr& expr, const Scope& scope);

  void error(const ast::SourcePos& pos, std::string message);

 private:
  std::optional<TypedExpr> constant(const ast::Expr& expr);
  std::optional<TypedExpr> attribute(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> arithmetic(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> comparison(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> logical(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> function(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> aggregate(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> scalarFunction(const ast::Expr& expr, const Scope& scope);
  int findSlot(const ast::Expr& expr, const Scope& scope);

  Diagnostics& diagnostics_;
  const Symbols& symbols_;
};

}  // namespace cepheus::analyze
