// An example plugin: fraud-rule helpers in C++, callable from SiddhiQL as risk:score(...) and
// risk:band(...). Build it like any shared library against include/cepheus (see CMakeLists.txt)
// and load it with `cepheus run --plugin libcepheus_risk_plugin.so APP.siddhi --events ...`
// (or `cepheus serve --plugin libcepheus_risk_plugin.so`).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include "cepheus/functions.h"

namespace {

using cepheus::Type;
using cepheus::Value;

// A transaction's risk: the amount on a log scale, weighted up for high-risk countries.
Value score(std::span<const Value> args) {
  double amount = args[0].asDouble();
  std::string_view country = args[1].asString();
  if (amount < 0) throw std::invalid_argument("amount must not be negative");
  double weight = country == "XX" || country == "ZZ" ? 3.0 : 1.0;
  return Value::ofDouble(std::round(std::log10(1.0 + amount) * weight * 100.0) / 100.0);
}

// The band of the highest of any number of scores: "low", "medium" or "high".
Value band(std::span<const Value> args) {
  double highest = 0;
  for (const Value& v : args) highest = std::max(highest, v.asDouble());
  return Value::ofString(highest >= 6 ? "high" : highest >= 3 ? "medium" : "low");
}

}  // namespace

CEPHEUS_PLUGIN(registry) {
  registry.add("risk:score", {Type::Double, {Type::Double, Type::String}}, score);
  registry.add("risk:band", {Type::String, {Type::Double}, /*variadic=*/true}, band);
}
