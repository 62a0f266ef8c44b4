// The signatures of the extension library: the functions of Siddhi's str:, regex:, math:,
// time:, json: and geo: extensions, declared per namespace in analyze/functions/, their
// stream functions (#str:tokenize ...) and their aggregate functions (str:groupConcat ...).
// Each function has one or more forms (overloads); a call takes the first form its argument
// count and types fit. Constant arguments the extension docs require, and constant values that
// can be checked early (regular expressions, date patterns, time zones, JSON paths, units), are
// checked here, at deploy time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/expression_checker.h"
#include "analyze/typed_expr.h"
#include "cepheus/stream.h"

namespace cepheus::analyze {

// A set of SiddhiQL types, for what a parameter accepts.
using TypeSet = uint8_t;
constexpr TypeSet typeBit(Type t) { return static_cast<TypeSet>(1u << static_cast<unsigned>(t)); }
namespace types {
inline constexpr TypeSet String = typeBit(Type::String);
inline constexpr TypeSet Int = typeBit(Type::Int);
inline constexpr TypeSet Long = typeBit(Type::Long);
inline constexpr TypeSet Float = typeBit(Type::Float);
inline constexpr TypeSet Double = typeBit(Type::Double);
inline constexpr TypeSet Bool = typeBit(Type::Bool);
inline constexpr TypeSet Object = typeBit(Type::Object);
inline constexpr TypeSet IntOrLong = Int | Long;
inline constexpr TypeSet Real = Float | Double;
inline constexpr TypeSet Number = IntOrLong | Real;
inline constexpr TypeSet Scalar = String | Number | Bool;
inline constexpr TypeSet Any = Scalar | Object;
inline constexpr TypeSet Json = String | Object;
}  // namespace types

struct Param {
  Param(const char* name, TypeSet types, bool constant = false) : name(name), types(types), constant(constant) {}
  const char* name;  // as the extension's docs call it ("input.string")
  TypeSet types;
  bool constant;     // must be a constant (the docs' "Dynamic: No")
};

struct Overload {
  Overload(std::vector<Param> params, Type result, bool variadic = false, int resultOfArg = -1)
      : params(std::move(params)), result(result), variadic(variadic), resultOfArg(resultOfArg) {}
  std::vector<Param> params;
  Type result;
  bool variadic;    // the last parameter may repeat
  int resultOfArg;  // >= 0: the result has the type of this argument instead
  // Stream functions whose added attributes depend on the form (#pol2Cart(theta, rho[, z])
  // adds x, y[, z]); empty: the rule's outputs.
  std::vector<AttributeInfo> outputs = {};
};

// What a rule's extra check sees: the call, its typed arguments and the chosen form.
struct CallCheck {
  const std::string& function;
  std::vector<TypedExpr>& args;
  int overload;
  ExpressionChecker& checker;
  const ast::Expr* call;  // null for stream functions
  ast::SourcePos pos;

  void error(size_t arg, const std::string& message) const;
  bool isConstant(size_t arg) const { return arg < args.size() && args[arg].isConstant(); }
  std::string_view constantString(size_t arg) const { return args[arg].constant.asString(); }
};
using ExtraCheck = bool (*)(CallCheck&);

struct FunctionRule {
  FunctionRule(std::string name, std::vector<Overload> overloads, ExtraCheck check = nullptr,
               std::vector<AttributeInfo> outputs = {})
      : name(std::move(name)), overloads(std::move(overloads)), check(check), outputs(std::move(outputs)) {}
  std::string name;  // "str:concat"
  std::vector<Overload> overloads;
  ExtraCheck check;
  std::vector<AttributeInfo> outputs;  // stream functions: the attributes they add

  const std::vector<AttributeInfo>& outputsOf(int overload) const {
    const auto& own = overloads[static_cast<size_t>(overload)].outputs;
    return own.empty() ? outputs : own;
  }
};

const FunctionRule* findFunctionRule(std::string_view name);
const FunctionRule* findStreamFunctionRule(std::string_view name);
// An aggregate function: its first argument is what is aggregated, the rest are constant
// parameters (ExpressionChecker::extensionAggregate reads them).
const FunctionRule* findAggregateFunctionRule(std::string_view name);
std::vector<std::string> extensionFunctionNames();  // scalar and stream functions
std::vector<std::string> extensionAggregateNames();

// Picks the form, checks constants and runs the rule's extra check; fills `type` and
// `overload` of the call. Reports at `pos` and returns false when the call is wrong.
bool checkCall(const FunctionRule& rule, std::vector<TypedExpr>& args, ExpressionChecker& checker,
               const ast::Expr* call, ast::SourcePos pos, Type& type, int& overload);

// Checks for constant arguments of common kinds, for the rules' extra checks. Each returns
// true when the argument is not a constant (it is checked per event then) or is valid.
bool checkRegexArgument(CallCheck& call, size_t arg);
bool checkDatePatternArgument(CallCheck& call, size_t arg, bool formatter = false);
bool checkTimeZoneArgument(CallCheck& call, size_t arg);
bool checkJsonPathArgument(CallCheck& call, size_t arg);

// The declarations, per namespace (analyze/functions/).
void addStringRules(std::vector<FunctionRule>& rules, std::vector<FunctionRule>& streamRules,
                    std::vector<FunctionRule>& aggregateRules);
void addRegexRules(std::vector<FunctionRule>& rules);
void addMathRules(std::vector<FunctionRule>& rules, std::vector<FunctionRule>& aggregateRules);
void addTimeRules(std::vector<FunctionRule>& rules);
void addJsonRules(std::vector<FunctionRule>& rules, std::vector<FunctionRule>& streamRules,
                  std::vector<FunctionRule>& aggregateRules);
void addGeoRules(std::vector<FunctionRule>& rules);
// The core's stream functions other than #log (which is not a function of the event).
void addCoreStreamRules(std::vector<FunctionRule>& streamRules);

// The core functions and aggregators (function_rules.cpp), for suggestions.
std::vector<std::string> coreFunctionNames();

// The closest of `candidates` to `name` when it is close enough to be a typo, else "".
std::string closestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace cepheus::analyze
