#include "analyze/function_catalog.h"
#include "common/message_text.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/closest_name.h"
#include "common/java_date_format.h"
#include "common/java_regex.h"
#include "common/json_path.h"
#include "common/time_zone.h"

namespace cepheus::analyze {

namespace {

struct Catalog {
  std::map<std::string, FunctionRule, std::less<>> functions;
  std::map<std::string, FunctionRule, std::less<>> streamFunctions;
  std::map<std::string, FunctionRule, std::less<>> aggregateFunctions;
};

const Catalog& catalog() {
  static const Catalog c = [] {
    std::vector<FunctionRule> rules, streamRules, aggregateRules;
    addStringRules(rules, streamRules, aggregateRules);
    addRegexRules(rules);
    addMathRules(rules, aggregateRules);
    addTimeRules(rules);
    addJsonRules(rules, streamRules, aggregateRules);
    addGeoRules(rules);
    addCoreStreamRules(streamRules);
    Catalog out;
    for (auto& r : rules) out.functions.emplace(r.name, std::move(r));
    for (auto& r : streamRules) out.streamFunctions.emplace(r.name, std::move(r));
    for (auto& r : aggregateRules) out.aggregateFunctions.emplace(r.name, std::move(r));
    return out;
  }();
  return c;
}

std::string typeSetText(TypeSet set) {
  if (set == types::Any) return "a value of any type";
  if (set == types::Number) return "a number";
  std::vector<std::string> names;
  for (Type t : {Type::String, Type::Int, Type::Long, Type::Float, Type::Double, Type::Bool, Type::Object})
    if (set & typeBit(t)) names.push_back(typeName(t));
  std::string out = names.size() == 1 && (names[0] == "int" || names[0] == "object") ? "an " : "a ";
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

const Param& paramAt(const Overload& o, size_t i) { return i < o.params.size() ? o.params[i] : o.params.back(); }

bool arityFits(const Overload& o, size_t n) {
  return n == o.params.size() || (o.variadic && n >= o.params.size());
}

std::string ordinal(size_t i) {
  static const char* words[] = {"first", "second", "third", "fourth", "fifth", "sixth"};
  return i < 6 ? words[i] : std::to_string(i + 1) + "th";
}

}  // namespace

void CallCheck::error(size_t arg, const std::string& message) const {
  checker.error(arg < args.size() ? args[arg].pos : pos, function + "(): " + message);
}

const FunctionRule* findFunctionRule(std::string_view name) {
  auto it = catalog().functions.find(name);
  return it == catalog().functions.end() ? nullptr : &it->second;
}

const FunctionRule* findStreamFunctionRule(std::string_view name) {
  auto it = catalog().streamFunctions.find(name);
  return it == catalog().streamFunctions.end() ? nullptr : &it->second;
}

const FunctionRule* findAggregateFunctionRule(std::string_view name) {
  auto it = catalog().aggregateFunctions.find(name);
  return it == catalog().aggregateFunctions.end() ? nullptr : &it->second;
}

std::vector<std::string> extensionFunctionNames() {
  std::vector<std::string> names;
  for (const auto& [name, rule] : catalog().functions) names.push_back(name);
  for (const auto& [name, rule] : catalog().streamFunctions) names.push_back(name);
  return names;
}

std::vector<std::string> extensionAggregateNames() {
  std::vector<std::string> names;
  for (const auto& [name, rule] : catalog().aggregateFunctions) names.push_back(name);
  return names;
}

bool checkCall(const FunctionRule& rule, std::vector<TypedExpr>& args, ExpressionChecker& checker,
               const ast::Expr* call, ast::SourcePos pos, Type& type, int& overload) {
  const size_t n = args.size();
  std::vector<int> fitting;
  for (size_t i = 0; i < rule.overloads.size(); ++i)
    if (arityFits(rule.overloads[i], n)) fitting.push_back(static_cast<int>(i));
  if (fitting.empty()) {
    std::set<size_t> counts;
    size_t atLeast = SIZE_MAX;
    for (const auto& o : rule.overloads) {
      if (o.variadic) atLeast = std::min(atLeast, o.params.size());
      else counts.insert(o.params.size());
    }
    std::vector<std::string> parts;
    for (size_t c : counts)
      if (c < atLeast) parts.push_back(std::to_string(c));
    std::string wanted;
    for (size_t i = 0; i < parts.size(); ++i)
      wanted += (i == 0 ? "" : i + 1 == parts.size() && atLeast == SIZE_MAX ? " or " : ", ") + parts[i];
    if (atLeast != SIZE_MAX) wanted += (wanted.empty() ? "at least " : " or at least ") + std::to_string(atLeast);
    bool plural = !(parts.size() == 1 && parts[0] == "1" && atLeast == SIZE_MAX);
    checker.error(pos, rule.name + "() takes " + wanted + " argument" + (plural ? "s" : "") + ", found " +
                           std::to_string(n));
    return false;
  }
  int chosen = -1;
  size_t bestPrefix = 0;
  for (int index : fitting) {
    const Overload& o = rule.overloads[index];
    size_t prefix = 0;
    while (prefix < n && (paramAt(o, prefix).types & typeBit(args[prefix].type))) ++prefix;
    if (prefix == n) {
      chosen = index;
      break;
    }
    bestPrefix = std::max(bestPrefix, prefix);
  }
  if (chosen < 0) {
    TypeSet wanted = 0;
    const char* paramName = "";
    for (int index : fitting) {
      const Overload& o = rule.overloads[index];
      size_t prefix = 0;
      while (prefix < n && (paramAt(o, prefix).types & typeBit(args[prefix].type))) ++prefix;
      if (prefix == bestPrefix) {
        wanted |= paramAt(o, bestPrefix).types;
        if (!*paramName) paramName = paramAt(o, bestPrefix).name;
      }
    }
    const TypedExpr& bad = args[bestPrefix];
    checker.error(bad.pos, rule.name + "() needs " + typeSetText(wanted) + " as its " + ordinal(bestPrefix) +
                               " argument (" + paramName + "), but " + quoteSource(bad.text) + " is " + typeName(bad.type));
    return false;
  }
  const Overload& o = rule.overloads[chosen];
  for (size_t i = 0; i < n; ++i) {
    const Param& p = paramAt(o, i);
    if (p.constant && !args[i].isConstant()) {
      checker.error(args[i].pos, rule.name + "() needs a constant as its " + ordinal(i) + " argument (" + p.name +
                                     "), but " + quoteSource(args[i].text) + " is not one");
      return false;
    }
  }
  type = o.resultOfArg >= 0 ? args[o.resultOfArg].type : o.result;
  overload = chosen;
  if (rule.check) {
    CallCheck context{rule.name, args, chosen, checker, call, pos};
    if (!rule.check(context)) return false;
  }
  return true;
}

bool checkRegexArgument(CallCheck& call, size_t arg) {
  if (!call.isConstant(arg)) return true;
  std::string error;
  if (JavaRegex::compile(call.constantString(arg), error)) return true;
  call.error(arg, error);
  return false;
}

bool checkDatePatternArgument(CallCheck& call, size_t arg, bool formatter) {
  if (!call.isConstant(arg)) return true;
  std::string error;
  auto dialect = formatter ? JavaDateFormat::Dialect::Formatter : JavaDateFormat::Dialect::Simple;
  if (JavaDateFormat::compile(call.constantString(arg), dialect, error)) return true;
  call.error(arg, error);
  return false;
}

bool checkTimeZoneArgument(CallCheck& call, size_t arg) {
  if (!call.isConstant(arg)) return true;
  std::string error;
  if (TimeZone::find(call.constantString(arg), error)) return true;
  call.error(arg, error);
  return false;
}

bool checkJsonPathArgument(CallCheck& call, size_t arg) {
  if (!call.isConstant(arg)) return true;
  std::string error;
  if (JsonPath::parse(call.constantString(arg), error)) return true;
  call.error(arg, error);
  return false;
}

std::string closestName(std::string_view name, const std::vector<std::string>& candidates) {
  return cepheus::closestName(name, candidates).value_or("");
}

}  // namespace cepheus::analyze
