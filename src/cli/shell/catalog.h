// The names the shell completes and describes. The language's own (keywords, functions,
// windows) come from the code that defines them: the lexer's vocabulary and analyze's
// catalogs. The server's (apps, and the streams, tables, windows and attributes of the app in
// use) come from its routes: `GET /siddhi-apps`, `GET /siddhi-apps/{app}/elements` (streams with
// their schemas as the app runs them, inferred ones included) and the app's text
// (`GET /siddhi-apps/{app}`), parsed here for its tables, named windows and aggregations, which
// the elements route does not list.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/shell/rest_client.h"

namespace cepheus::cli::shell {

struct Element {
  std::string name;
  std::string kind;  // "stream", "table", "window", "aggregation"
  std::vector<std::pair<std::string, std::string>> attributes;  // name, type
};

struct AppElements {
  std::string app;
  std::vector<Element> elements;
  nlohmann::json raw;  // the elements route's answer: counters, queries, sources, sinks

  const Element* find(const std::string& name) const;
  std::vector<std::string> names(const std::string& kind = "") const;
};

// The elements of `app`; nullopt with `error` set when the server does not answer them.
std::optional<AppElements> loadElements(const RestClient& client, const std::string& app, std::string& error);

// The names of the running apps; empty when the server does not answer.
std::vector<std::string> loadAppNames(const RestClient& client);

struct Language {
  std::vector<std::string> keywords;   // lower case
  std::vector<std::string> functions;  // "count", "str:concat", ...
  std::vector<std::string> windows;    // the windows this engine runs
};
const Language& language();

}  // namespace cepheus::cli::shell
