// ast::Expr -> TypedExpr: resolves names, applies SiddhiQL's type rules and reports every
// violation with its position.
#pragma once

#include <optional>

#include "analyze/scope.h"
#include "analyze/typed_expr.h"
#include "cepheus/diagnostic.h"
#include "parse/ast.h"

namespace cepheus::analyze {

struct FunctionRule;

class ExpressionChecker {
 public:
  ExpressionChecker(Diagnostics& diagnostics, const Symbols& symbols,
                    const FunctionRegistry* userFunctions = nullptr)
      : diagnostics_(diagnostics), symbols_(symbols), userFunctions_(userFunctions) {}

  // nullopt when the expression is wrong (the reason is already reported).
  std::optional<TypedExpr> check(const ast::Expr& expr, const Scope& scope);
  // check() and require a bool result (filters, conditions).
  std::optional<TypedExpr> checkCondition(const ast::Expr& expr, const Scope& scope);

  void error(const ast::SourcePos& pos, std::string message);
  // The typed arguments of a call, or nullopt when one is wrong (already reported).
  std::optional<std::vector<TypedExpr>> checkArguments(const std::vector<ast::ExprPtr>& args, const Scope& scope);
  const FunctionRegistry* userFunctions() const { return userFunctions_; }

 private:
  std::optional<TypedExpr> constant(const ast::Expr& expr);
  std::optional<TypedExpr> attribute(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> arithmetic(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> comparison(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> logical(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> function(const ast::Expr& expr, const Scope& scope);
  std::optional<TypedExpr> aggregate(const ast::Expr& expr, const Scope& scope);
  // An aggregate function of the extension library (str:groupConcat, math:percentile,
  // json:group, json:groupAsObject; extension_checker.cpp).
  std::optional<TypedExpr> extensionAggregate(const ast::Expr& expr, const std::string& name,
                                              const FunctionRule& rule, const Scope& scope);
  // Adds a checked aggregate to the scope's and gives the expression that reads its result.
  TypedExpr recordAggregate(const ast::Expr& expr, const Scope& scope, AggregateCall call);
  std::optional<TypedExpr> scalarFunction(const ast::Expr& expr, const Scope& scope);
  // ns:name(...): the extension library or a user function (extension_checker.cpp).
  std::optional<TypedExpr> namespacedFunction(const ast::Expr& expr, const Scope& scope);
  void unknownFunction(const ast::Expr& expr);
  int findSlot(const ast::Expr& expr, const Scope& scope);
  static ast::EventIndex ownIndex(ast::EventIndex index, int slot, const Scope& scope);

  Diagnostics& diagnostics_;
  const Symbols& symbols_;
  const FunctionRegistry* userFunctions_;
};

}  // namespace cepheus::analyze
