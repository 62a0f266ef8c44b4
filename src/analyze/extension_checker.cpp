// `ns:name(...)` calls: the built-in extension library (analyze/functions/) and user functions
// registered in C++ (include/cepheus/functions.h), checked the same way.
#include "analyze/expression_checker.h"
#include "common/message_text.h"
#include "analyze/function_catalog.h"

#include <cctype>
#include <map>

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
  for (auto& n : extensionAggregateNames()) candidates.push_back(std::move(n));
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
  if (const FunctionRule* aggregate = findAggregateFunctionRule(name))
    return extensionAggregate(expr, name, *aggregate, scope);
  const FunctionRule* rule = findFunctionRule(name);
  std::shared_ptr<const UserFunction> user = !rule && userFunctions_ ? userFunctions_->find(name) : nullptr;
  if (!rule && !user) {
    if (findStreamFunctionRule(name)) {
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
                               " as argument " + std::to_string(i + 1) + ", but " + quoteSource(e.args[i].text) + " is " +
                               typeName(e.args[i].type));
      return std::nullopt;
    }
  }
  e.type = signature.result;
  e.user = std::move(user);
  return e;
}

// The aggregated value is the first argument; the others are constants (checkCall has checked
// them against the rule) that become the aggregate's options.
std::optional<TypedExpr> ExpressionChecker::extensionAggregate(const ast::Expr& expr, const std::string& name,
                                                              const FunctionRule& rule, const Scope& scope) {
  if (!scope.aggregates) {
    error(expr.pos, "aggregate function '" + name + "' is not allowed in " + scope.place +
                        "; aggregates belong in select");
    return std::nullopt;
  }
  Scope inner = scope;
  inner.aggregates = nullptr;
  inner.place = "the argument of " + name + "()";
  auto args = checkArguments(expr.args, inner);
  if (!args) return std::nullopt;
  AggregateCall call;
  int overload = 0;
  if (!checkCall(rule, *args, *this, &expr, expr.pos, call.type, overload)) return std::nullopt;

  static const std::map<std::string, AggregateKind, std::less<>> kinds = {
      {"str:groupConcat", AggregateKind::GroupConcat},
      {"math:percentile", AggregateKind::Percentile},
      {"json:group", AggregateKind::JsonGroup},
      {"json:groupAsObject", AggregateKind::JsonGroupAsObject},
  };
  call.kind = kinds.at(name);
  const std::vector<TypedExpr>& a = *args;
  AggregateOptions& options = call.options;
  switch (call.kind) {
    case AggregateKind::GroupConcat:
      if (a.size() >= 2) {
        options.separator = std::string(a[1].constant.asString());
        options.nullAsText = true;
      }
      if (a.size() >= 3) options.distinct = a[2].constant.asBool();
      if (a.size() >= 4) {
        char first = static_cast<char>(std::toupper(static_cast<unsigned char>(a[3].constant.asString()[0])));
        options.order = first == 'A' ? AggregateOptions::Order::Ascending : AggregateOptions::Order::Descending;
      }
      break;
    case AggregateKind::Percentile: options.percentile = a[1].constant.asDouble(); break;
    case AggregateKind::JsonGroup:
    case AggregateKind::JsonGroupAsObject:
      for (size_t i = 1; i < a.size(); ++i) {
        if (a[i].type == Type::Bool) options.distinct = a[i].constant.asBool();
        else options.enclosing = std::string(a[i].constant.asString());
      }
      break;
    default: break;
  }
  call.args.push_back(std::move((*args)[0]));
  return recordAggregate(expr, scope, std::move(call));
}

}  // namespace cepheus::analyze
