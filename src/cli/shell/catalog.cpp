#include "cli/shell/catalog.h"

#include <algorithm>

#include "analyze/function_catalog.h"
#include "analyze/window_rules.h"
#include "cepheus/value.h"
#include "parse/parser.h"
#include "parse/vocabulary.h"

namespace cepheus::cli::shell {

using Json = nlohmann::json;

const Element* AppElements::find(const std::string& name) const {
  for (const Element& element : elements)
    if (element.name == name) return &element;
  return nullptr;
}

std::vector<std::string> AppElements::names(const std::string& kind) const {
  std::vector<std::string> out;
  for (const Element& element : elements)
    if (kind.empty() || element.kind == kind) out.push_back(element.name);
  return out;
}

namespace {

std::vector<std::pair<std::string, std::string>> attributesOf(const std::vector<ast::Attribute>& list) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : list) out.emplace_back(a.name, typeName(a.type));
  return out;
}

}  // namespace

std::optional<AppElements> loadElements(const RestClient& client, const std::string& app, std::string& error) {
  std::string target = "/siddhi-apps/" + io::percentEncode(app);
  RestResponse answer = client.get(target + "/elements");
  Json body = Json::parse(answer.body, nullptr, false);
  if (answer.status != 200 || !body.is_object()) {
    error = answer.status == 404 ? "no app named '" + app + "' runs on " + client.server()
                                 : "cannot read the elements of '" + app + "' (" +
                                       (answer.status ? "HTTP " + std::to_string(answer.status) : answer.error) + ")";
    return std::nullopt;
  }
  AppElements out;
  out.app = app;
  out.raw = body;
  for (const Json& stream : body.value("streams", Json::array())) {
    Element element{stream.value("name", ""), "stream", {}};
    for (const Json& a : stream.value("attributes", Json::array()))
      element.attributes.emplace_back(a.value("name", ""), a.value("type", ""));
    out.elements.push_back(std::move(element));
  }
  // Tables, named windows and aggregations: from the app's own text.
  RestResponse text = client.get(target);
  Json content = Json::parse(text.body, nullptr, false);
  if (text.status == 200 && content.is_object() && content.contains("content")) {
    parse::AppParse parsed = parse::parseApp(content.value("content", ""));
    if (parsed.app) {
      for (const auto& table : parsed.app->tables)
        out.elements.push_back({table.name, "table", attributesOf(table.attributes)});
      for (const auto& window : parsed.app->windows)
        out.elements.push_back({window.name, "window", attributesOf(window.attributes)});
      for (const auto& aggregation : parsed.app->aggregations) {
        Element element{aggregation.name, "aggregation", {}};
        for (const auto& attribute : aggregation.selector.attributes)
          if (!attribute.alias.empty()) element.attributes.emplace_back(attribute.alias, "");
        out.elements.push_back(std::move(element));
      }
    }
  }
  return out;
}

std::vector<std::string> loadAppNames(const RestClient& client) {
  RestResponse answer = client.get("/siddhi-apps");
  Json body = Json::parse(answer.body, nullptr, false);
  std::vector<std::string> names;
  if (answer.status == 200 && body.is_array())
    for (const Json& name : body)
      if (name.is_string()) names.push_back(name.get<std::string>());
  std::sort(names.begin(), names.end());
  return names;
}

const Language& language() {
  static const Language words = [] {
    Language out;
    out.keywords = parse::keywords();
    out.functions = analyze::coreFunctionNames();
    for (auto list : {analyze::extensionFunctionNames(), analyze::extensionAggregateNames()})
      out.functions.insert(out.functions.end(), list.begin(), list.end());
    std::sort(out.functions.begin(), out.functions.end());
    out.functions.erase(std::unique(out.functions.begin(), out.functions.end()), out.functions.end());
    for (const std::string& window : analyze::knownWindows())
      if (analyze::isRunnableWindow(window)) out.windows.push_back(window);
    return out;
  }();
  return words;
}

}  // namespace cepheus::cli::shell
