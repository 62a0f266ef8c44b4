// math: — the scalar functions of siddhi-execution-math and its aggregate function
// math:percentile. As in the extension, most take any number and return a double.
#include "analyze/function_catalog.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

using namespace types;

FunctionRule unary(const char* name, TypeSet accepts, Type result) {
  return {name, {{{{"p1", accepts}}, result}}};
}

// percentile's p: 0 < p <= 100, as the extension checks when the app is created.
bool percentileCheck(CallCheck& call) {
  double p = call.args[1].constant.asDouble();
  if (p > 0 && p <= 100) return true;
  call.error(1, "the percentile must be greater than 0 and at most 100, but " + quoteSource(call.args[1].text) + " is not");
  return false;
}

}  // namespace

void addMathRules(std::vector<FunctionRule>& rules, std::vector<FunctionRule>& aggregateRules) {
  for (const char* name : {"math:abs", "math:cbrt", "math:cos", "math:cosh", "math:exp", "math:floor",
                           "math:ln", "math:log10", "math:log2", "math:sin", "math:sinh", "math:sqrt",
                           "math:tan", "math:tanh", "math:toDegrees", "math:toRadians"})
    rules.push_back(unary(name, Number, Type::Double));
  rules.push_back(unary("math:acos", Real, Type::Double));
  rules.push_back(unary("math:asin", Real, Type::Double));
  rules.push_back(unary("math:ceil", Real, Type::Double));
  rules.push_back({"math:atan", {{{{"p1", Number}}, Type::Double}, {{{"p1", Number}, {"p2", Number}}, Type::Double}}});
  rules.push_back(unary("math:bin", IntOrLong, Type::String));
  rules.push_back(unary("math:oct", IntOrLong, Type::String));
  rules.push_back(unary("math:hex", Number, Type::String));
  rules.push_back({"math:conv", {{{{"a", String}, {"from.base", Int}, {"to.base", Int}}, Type::String}}});
  rules.push_back({"math:copySign", {{{{"magnitude", Number}, {"sign", Number}}, Type::Double}}});
  rules.push_back({"math:e", {{{}, Type::Double}}});
  rules.push_back({"math:pi", {{{}, Type::Double}}});
  rules.push_back(unary("math:getExponent", Number, Type::Int));
  rules.push_back(unary("math:isInfinite", Real, Type::Bool));
  rules.push_back(unary("math:isNan", Real, Type::Bool));
  rules.push_back({"math:log", {{{{"number", Number}, {"base", Number}}, Type::Double}}});
  rules.push_back({"math:max", {{{{"p1", Number}, {"p2", Number}}, Type::Double}}});
  rules.push_back({"math:min", {{{{"p1", Number}, {"p2", Number}}, Type::Double}}});
  rules.push_back(unary("math:parseDouble", String, Type::Double));
  rules.push_back(unary("math:parseFloat", String, Type::Float));
  rules.push_back(unary("math:parseInt", String, Type::Int));
  rules.push_back(unary("math:parseLong", String, Type::Long));
  rules.push_back({"math:power", {{{{"value", Number}, {"to.power", Number}}, Type::Double}}});
  rules.push_back({"math:rand", {{{}, Type::Double}, {{{"seed", IntOrLong, true}}, Type::Double}}});
  rules.push_back({"math:round", {{{{"p1", Float}}, Type::Int}, {{{"p1", Double}}, Type::Long}}});
  rules.push_back(unary("math:signum", Number, Type::Int));

  // p is a constant double, as the extension requires (97.0, not 97).
  aggregateRules.push_back({"math:percentile", {{{{"arg", Number}, {"p", Double, true}}, Type::Double}}, percentileCheck});
}

}  // namespace cepheus::analyze
