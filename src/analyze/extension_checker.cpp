// `ns:name(...)` calls: the built-in extension library (analyze/functions/) and user functions
// registered in C++ (include/cepheus/functions.h), checked the same way.
#include "analyze/expression_checker.h"
#include "analyze/function_catalog.h"

#include <set>

namespace cepheus::analyze {

namespace {

// Whether an argument of type `given` fits a user function parameter of type `wanted`.
bool fitsParameter(Type given, Type wanted) {
  if (given == wanted || wanted == Type::Object) return true;
  return isNumeric(given) && isNumeric(wanted) && widerNumeric(given, wanted) == wanted;
}

}  // namespace

std::optional<std::vector<TypedExpr>> ExpressionChecker::checkArguments(const std::vector<ast::ExprPtr>& args,
                                                                         const Scope& scope) {
  std::vector<TypedExpr> typed;
  bool ok = true;
  for (const auto& arg : args) {
    auto t = check(*arg, scope);
    if (!t) {
      ok = false;
      continue;
    }
    typed.push_back(std::move(*t));
  }
  if (!ok) return std::nullopt;
  return typed;
}

void ExpressionChecker::unknownFunction(const ast::Expr& expr) {
  std::string name = expr.ns.empty() ? expr.name : expr.ns + ":" + expr.name;
  std::vector<std::string> candidates = coreFunctionNames();
  for (auto& n : extensionFunctionNames()) candidates.push_back(std::move(n));
  if (userFunctions_)
    for (auto& n : userFunctions_->names()) candidates.push_back(std::move(n));
  for (const auto& [script, type] : symbols_.scriptFunctions) candidates.push_back(script);
  std::string message = "unknown function '" + name + "'";
  std::string suggestion = closestName(name, candidates);
  if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
  else if (!expr.ns.empty())
    message += " (no built-in function has this name, see docs/functions.md; user functions are "
               "registered by the embedding program or loaded with --plugin)";
  error(expr.pos, message);
}

std::optional<TypedExpr> ExpressionChecker::namespacedFunction(const ast::Expr& expr, const Scope& scope) {
  std::string name = expr.ns + ":" + expr.name;
  const FunctionRule* rule = findFunctionRule(name);
  std::shared_ptr<const UserFunction> user = !rule && userFunctions_ ? userFunctions_->find(name) : nullptr;
  if (!rule && !user) {
    static const std::set<std::string, std::less<>> aggregates = {"str:groupConcat", "math:percentile",
                                                                  "json:group", "json:groupAsObject"};
    if (aggregates.count(name)) {
      error(expr.pos, "'" + name + "' is an aggregate function of its Siddhi extension, which Cepheus does not have yet");
    } else if (findStreamFunctionRule(name)) {
      error(expr.pos, "'" + name + "' is a stream function, which produces events rather than a value: use it " +
                          "after the input stream, as in 'from S#" + name + "(...)'");
    } else {
      unknownFunction(expr);
    }
    return std::nullopt;
  }
  auto args = checkArguments(expr.args, scope);
  if (!args) return std::nullopt;
  TypedExpr e;
  e.op = ExprOp::Function;
  e.text = expr.text;
  e.pos = expr.pos;
  e.name = name;
  e.args = std::move(*args);
  if (rule) {
    e.function = ScalarFunction::Extension;
    if (!checkCall(*rule, e.args, *this, &expr, expr.pos, e.type, e.overload)) return std::nullopt;
    return e;
  }
  e.function = ScalarFunction::User;
  const FunctionSignature& signature = user->signature;
  size_t fixed = signature.variadic ? signature.parameters.size() - 1 : signature.parameters.size();
  size_t n = e.args.size();
  if (n < fixed || (!signature.variadic && n > fixed)) {
    error(expr.pos, name + "() takes " + (signature.variadic ? "at least " : "") + std::to_string(fixed) +
                        " argument" + (fixed == 1 && !signature.variadic ? "" : "s") + ", found " + std::to_string(n));
    return std::nullopt;
  }
  for (size_t i = 0; i < n; ++i) {
    Type wanted = signature.parameters[std::min(i, signature.parameters.size() - 1)];
    if (!fitsParameter(e.args[i].type, wanted)) {
      error(e.args[i].pos, name + "() needs " + std::string(wanted == Type::Int ? "an " : "a ") + typeName(wanted) +
                               " as argument " + std::to_string(i + 1) + ", but '" + e.args[i].text + "' is " +
                               typeName(e.args[i].type));
      return std::nullopt;
    }
  }
  e.type = signature.result;
  e.user = std::move(user);
  return e;
}

}  // namespace cepheus::analyze
