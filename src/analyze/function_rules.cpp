// The signatures of SiddhiQL's built-in functions and aggregators (feature inventory §6, §7).
#include <map>

#include "analyze/expression_checker.h"
#include "common/closest_name.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

const std::map<std::string, AggregateKind>& aggregateNames() {
  static const std::map<std::string, AggregateKind> names = {
      {"count", AggregateKind::Count},           {"sum", AggregateKind::Sum},
      {"avg", AggregateKind::Avg},               {"min", AggregateKind::Min},
      {"max", AggregateKind::Max},               {"minForever", AggregateKind::MinForever},
      {"maxForever", AggregateKind::MaxForever}, {"distinctCount", AggregateKind::DistinctCount},
      {"stdDev", AggregateKind::StdDev},         {"and", AggregateKind::And},
      {"or", AggregateKind::Or},                 {"unionSet", AggregateKind::UnionSet},
  };
  return names;
}

const std::map<std::string, ScalarFunction>& scalarNames() {
  static const std::map<std::string, ScalarFunction> names = {
      {"convert", ScalarFunction::Convert},
      {"cast", ScalarFunction::Cast},
      {"coalesce", ScalarFunction::Coalesce},
      {"default", ScalarFunction::Default},
      {"ifThenElse", ScalarFunction::IfThenElse},
      {"instanceOfBoolean", ScalarFunction::InstanceOfBoolean},
      {"instanceOfDouble", ScalarFunction::InstanceOfDouble},
      {"instanceOfFloat", ScalarFunction::InstanceOfFloat},
      {"instanceOfInteger", ScalarFunction::InstanceOfInteger},
      {"instanceOfLong", ScalarFunction::InstanceOfLong},
      {"instanceOfString", ScalarFunction::InstanceOfString},
      {"maximum", ScalarFunction::Maximum},
      {"minimum", ScalarFunction::Minimum},
      {"eventTimestamp", ScalarFunction::EventTimestamp},
      {"currentTimeMillis", ScalarFunction::CurrentTimeMillis},
      {"UUID", ScalarFunction::Uuid},
      {"createSet", ScalarFunction::CreateSet},
      {"sizeOfSet", ScalarFunction::SizeOfSet},
  };
  return names;
}

std::optional<Type> typeFromName(std::string name) {
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::map<std::string, Type> types = {
      {"string", Type::String}, {"int", Type::Int},     {"long", Type::Long},
      {"float", Type::Float},   {"double", Type::Double}, {"bool", Type::Bool},
      {"object", Type::Object},
  };
  auto it = types.find(name);
  if (it == types.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::optional<TypedExpr> ExpressionChecker::function(const ast::Expr& expr, const Scope& scope) {
  if (!expr.ns.empty()) return namespacedFunction(expr, scope);
  if (aggregateNames().count(expr.name)) return aggregate(expr, scope);
  if (scalarNames().count(expr.name)) return scalarFunction(expr, scope);
  if (auto script = symbols_.scriptFunctions.find(expr.name); script != symbols_.scriptFunctions.end()) {
    // A function of `define function`. Its definition is rejected (there is no script engine),
    // which rejects the app, so this node is never planned: typing it by the declared return type
    // checks the rest of the expression instead of calling the function unknown.
    for (const auto& arg : expr.args)
      if (!check(*arg, scope)) return std::nullopt;
    TypedExpr e;
    e.type = script->second;
    e.text = expr.text;
    e.pos = expr.pos;
    return e;
  }
  unknownFunction(expr);
  return std::nullopt;
}

std::vector<std::string> coreFunctionNames() {
  std::vector<std::string> names;
  for (const auto& [name, kind] : aggregateNames()) names.push_back(name);
  for (const auto& [name, fn] : scalarNames()) names.push_back(name);
  return names;
}

std::optional<TypedExpr> ExpressionChecker::aggregate(const ast::Expr& expr, const Scope& scope) {
  if (!scope.aggregates) {
    error(expr.pos, "aggregate function '" + expr.name + "' is not allowed in " + scope.place +
                        "; aggregates belong in select");
    return std::nullopt;
  }
  AggregateKind kind = aggregateNames().at(expr.name);
  Scope inner = scope;
  inner.aggregates = nullptr;
  inner.place = "the argument of " + expr.name + "()";
  AggregateCall call;
  call.kind = kind;
  for (const auto& arg : expr.args) {
    auto typed = check(*arg, inner);
    if (!typed) return std::nullopt;
    call.args.push_back(std::move(*typed));
  }
  size_t wanted = kind == AggregateKind::Count ? call.args.size() : 1;
  if (kind == AggregateKind::Count && call.args.size() > 1) wanted = 1;
  if (call.args.size() != wanted) {
    error(expr.pos, expr.name + "() takes " + (kind == AggregateKind::Count ? "at most " : "") +
                        std::to_string(wanted) + " argument, found " +
                        std::to_string(call.args.size()));
    return std::nullopt;
  }
  Type argType = call.args.empty() ? Type::Long : call.args[0].type;
  auto requireArg = [&](bool ok, const char* what) {
    if (!ok)
      error(expr.args[0]->pos, expr.name + "() needs " + what + ", but " + quoteSource(expr.args[0]->text) +
                                   " is " + typeName(argType));
    return ok;
  };
  switch (kind) {
    case AggregateKind::Count:
    case AggregateKind::DistinctCount: call.type = Type::Long; break;
    case AggregateKind::Sum:
      if (!requireArg(isNumeric(argType), "a numeric argument")) return std::nullopt;
      call.type = (argType == Type::Int || argType == Type::Long) ? Type::Long : Type::Double;
      break;
    case AggregateKind::Avg:
    case AggregateKind::StdDev:
      if (!requireArg(isNumeric(argType), "a numeric argument")) return std::nullopt;
      call.type = Type::Double;
      break;
    case AggregateKind::Min:
    case AggregateKind::Max:
    case AggregateKind::MinForever:
    case AggregateKind::MaxForever:
      if (!requireArg(isNumeric(argType), "a numeric argument")) return std::nullopt;
      call.type = argType;
      break;
    case AggregateKind::And:
    case AggregateKind::Or:
      if (!requireArg(argType == Type::Bool, "a bool argument")) return std::nullopt;
      call.type = Type::Bool;
      break;
    case AggregateKind::UnionSet:
      if (!requireArg(argType == Type::Object, "a set (object) argument")) return std::nullopt;
      call.type = Type::Object;
      break;
    case AggregateKind::GroupConcat:
    case AggregateKind::Percentile:
    case AggregateKind::JsonGroup:
    case AggregateKind::JsonGroupAsObject: return std::nullopt;  // namespaced: extensionAggregate()
  }
  return recordAggregate(expr, scope, std::move(call));
}

TypedExpr ExpressionChecker::recordAggregate(const ast::Expr& expr, const Scope& scope, AggregateCall call) {
  TypedExpr e;
  e.op = ExprOp::Aggregate;
  e.type = call.type;
  e.text = expr.text;
  e.pos = expr.pos;
  e.index = static_cast<int>(scope.aggregates->size());
  scope.aggregates->push_back(std::move(call));
  return e;
}

std::optional<TypedExpr> ExpressionChecker::scalarFunction(const ast::Expr& expr,
                                                           const Scope& scope) {
  ScalarFunction fn = scalarNames().at(expr.name);
  TypedExpr e;
  e.op = ExprOp::Function;
  e.function = fn;
  e.text = expr.text;
  e.pos = expr.pos;

  // eventTimestamp(e1) names an event, not a value: resolve the reference to its slot.
  if (fn == ScalarFunction::EventTimestamp) {
    e.type = Type::Long;
    if (expr.args.empty()) {
      e.slot = 0;
      return e;
    }
    const ast::Expr& ref = *expr.args[0];
    if (expr.args.size() > 1 || ref.kind != ast::ExprKind::Attribute || !ref.streamRef.empty()) {
      error(expr.pos, "eventTimestamp() takes no argument or one event reference");
      return std::nullopt;
    }
    ast::Expr asRef;
    asRef.streamRef = ref.name;
    asRef.pos = ref.pos;
    asRef.text = ref.text;
    int slot = findSlot(asRef, scope);
    if (slot < 0) return std::nullopt;
    e.slot = slot;
    return e;
  }

  for (const auto& arg : expr.args) {
    auto typed = check(*arg, scope);
    if (!typed) return std::nullopt;
    e.args.push_back(std::move(*typed));
  }
  const size_t n = e.args.size();
  auto arity = [&](size_t min, size_t max) {
    if (n >= min && n <= max) return true;
    std::string wanted = min == max ? std::to_string(min)
                         : max == SIZE_MAX ? "at least " + std::to_string(min)
                                           : std::to_string(min) + " to " + std::to_string(max);
    error(expr.pos, expr.name + "() takes " + wanted + " argument" + (max == 1 ? "" : "s") +
                        ", found " + std::to_string(n));
    return false;
  };
  auto sameTypes = [&](size_t from) {
    for (size_t i = from + 1; i < n; ++i) {
      if (e.args[i].type != e.args[from].type) {
        error(e.args[i].pos, expr.name + "() needs arguments of one type, but " +
                                 quoteSource(e.args[from].text) + " is " + typeName(e.args[from].type) +
                                 " and " + quoteSource(e.args[i].text) + " is " + typeName(e.args[i].type));
        return false;
      }
    }
    return true;
  };

  switch (fn) {
    case ScalarFunction::Convert:
    case ScalarFunction::Cast: {
      if (!arity(2, 2)) return std::nullopt;
      const TypedExpr& target = e.args[1];
      std::optional<Type> type;
      if (target.isConstant() && target.type == Type::String)
        type = typeFromName(std::string(target.constant.asString()));
      if (!type) {
        error(target.pos, expr.name +
                              "() needs a constant type name as its second argument: 'string', "
                              "'int', 'long', 'float', 'double' or 'bool'");
        return std::nullopt;
      }
      if (fn == ScalarFunction::Convert && *type == Type::Object) {
        error(target.pos, "convert() cannot convert to object");
        return std::nullopt;
      }
      e.type = *type;
      e.constant = Value::ofInt(static_cast<int32_t>(*type));
      e.args.pop_back();
      return e;
    }
    case ScalarFunction::Coalesce:
      if (!arity(1, SIZE_MAX) || !sameTypes(0)) return std::nullopt;
      e.type = e.args[0].type;
      return e;
    case ScalarFunction::Default:
      if (!arity(2, 2) || !sameTypes(0)) return std::nullopt;
      if (!e.args[1].isConstant()) {
        error(e.args[1].pos, "default() needs a constant as its second argument");
        return std::nullopt;
      }
      e.type = e.args[0].type;
      return e;
    case ScalarFunction::IfThenElse:
      if (!arity(3, 3)) return std::nullopt;
      if (e.args[0].type != Type::Bool) {
        error(e.args[0].pos, "ifThenElse() needs a bool condition, but " + quoteSource(e.args[0].text) +
                                 " is " + typeName(e.args[0].type));
        return std::nullopt;
      }
      if (!sameTypes(1)) return std::nullopt;
      e.type = e.args[1].type;
      return e;
    case ScalarFunction::InstanceOfBoolean:
    case ScalarFunction::InstanceOfDouble:
    case ScalarFunction::InstanceOfFloat:
    case ScalarFunction::InstanceOfInteger:
    case ScalarFunction::InstanceOfLong:
    case ScalarFunction::InstanceOfString:
      if (!arity(1, 1)) return std::nullopt;
      e.type = Type::Bool;
      return e;
    case ScalarFunction::Maximum:
    case ScalarFunction::Minimum:
      if (!arity(1, SIZE_MAX) || !sameTypes(0)) return std::nullopt;
      if (!isNumeric(e.args[0].type)) {
        error(e.args[0].pos, expr.name + "() needs numeric arguments, but " + quoteSource(e.args[0].text) +
                                 " is " + typeName(e.args[0].type));
        return std::nullopt;
      }
      e.type = e.args[0].type;
      return e;
    case ScalarFunction::CurrentTimeMillis:
      if (!arity(0, 0)) return std::nullopt;
      e.type = Type::Long;
      return e;
    case ScalarFunction::Uuid:
      if (!arity(0, 0)) return std::nullopt;
      e.type = Type::String;
      return e;
    case ScalarFunction::CreateSet:
      if (!arity(1, 1)) return std::nullopt;
      if (e.args[0].type == Type::Object) {
        error(e.args[0].pos, "createSet() needs a string, number or bool argument");
        return std::nullopt;
      }
      e.type = Type::Object;
      return e;
    case ScalarFunction::SizeOfSet:
      if (!arity(1, 1)) return std::nullopt;
      if (e.args[0].type != Type::Object) {
        error(e.args[0].pos, "sizeOfSet() needs a set (object) argument, but " +
                                 quoteSource(e.args[0].text) + " is " + typeName(e.args[0].type));
        return std::nullopt;
      }
      e.type = Type::Int;
      return e;
    case ScalarFunction::EventTimestamp:
    case ScalarFunction::Extension:
    case ScalarFunction::User: break;
  }
  return std::nullopt;
}

}  // namespace cepheus::analyze
