// json: — the functions of siddhi-execution-json, its stream functions json:tokenize /
// json:tokenizeAsObject and its aggregate functions json:group / json:groupAsObject.
// A JSON argument is a string of JSON text or an object (what json:toObject, json:getObject and
// json:setElement return).
#include <utility>

#include "analyze/function_catalog.h"

namespace cepheus::analyze {

namespace {

using namespace types;

bool pathSecond(CallCheck& call) { return checkJsonPathArgument(call, 1); }

}  // namespace

void addJsonRules(std::vector<FunctionRule>& rules, std::vector<FunctionRule>& streamRules,
                  std::vector<FunctionRule>& aggregateRules) {
  const Param json{"json", Json};
  const Param path{"path", String};
  rules.push_back({"json:getBool", {{{json, path}, Type::Bool}}, pathSecond});
  rules.push_back({"json:getDouble", {{{json, path}, Type::Double}}, pathSecond});
  rules.push_back({"json:getFloat", {{{json, path}, Type::Float}}, pathSecond});
  rules.push_back({"json:getInt", {{{json, path}, Type::Int}}, pathSecond});
  rules.push_back({"json:getLong", {{{json, path}, Type::Long}}, pathSecond});
  rules.push_back({"json:getObject", {{{json, path}, Type::Object}}, pathSecond});
  rules.push_back({"json:getString", {{{json, path}, Type::String}}, pathSecond});
  rules.push_back({"json:isExists", {{{json, path}, Type::Bool}}, pathSecond});
  rules.push_back({"json:setElement",
                   {{{json, path, {"json.element", Any}}, Type::Object},
                    {{json, path, {"json.element", Any}, {"key", String}}, Type::Object}},
                   pathSecond});
  rules.push_back({"json:toObject", {{{{"json", String}}, Type::Object}}});
  rules.push_back({"json:toString", {{{json}, Type::String}, {{json, {"allow.escape", Bool}}, Type::String}}});

  const Param failOnMissing{"fail.on.missing.attribute", Bool, true};
  streamRules.push_back({"json:tokenize",
                         {{{json, path}, Type::String}, {{json, path, failOnMissing}, Type::String}},
                         pathSecond,
                         {{"jsonElement", Type::String}}});
  streamRules.push_back({"json:tokenizeAsObject",
                         {{{json, path}, Type::Object}, {{json, path, failOnMissing}, Type::Object}},
                         pathSecond,
                         {{"jsonElement", Type::Object}}});

  // json:group gives a string of JSON (the extension's return type is STRING, though its docs
  // say OBJECT), json:groupAsObject the JSON itself. Siddhi evaluates enclosing.element and
  // distinct per event; Cepheus needs them constant.
  const Param enclosing{"enclosing.element", String, true};
  const Param distinct{"distinct", Bool, true};
  for (auto [name, result] : {std::pair{"json:group", Type::String}, std::pair{"json:groupAsObject", Type::Object}})
    aggregateRules.push_back({name,
                              {{{json}, result},
                               {{json, distinct}, result},
                               {{json, enclosing}, result},
                               {{json, enclosing, distinct}, result}}});
}

}  // namespace cepheus::analyze
