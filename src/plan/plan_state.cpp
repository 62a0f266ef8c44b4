#include "plan/plan_state.h"

#include <cstdio>

#include "analyze/definition_helpers.h"

namespace cepheus::plan {

namespace {

std::string fingerprint(const std::string& text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// What the states hold: the rows' schema and each stateful operator's own layout.
std::string layoutOf(const StreamInfo& input, const StatefulOperators& operators) {
  std::string layout = input.name + analyze::schemaText(input.attributes);
  for (const auto* op : operators) layout += " | " + op->stateLayout();
  return layout;
}

// The streams a query reads, by name and schema (a pattern reads several).
std::string inputsOf(const analyze::AppModel& model, const analyze::QueryModel& query) {
  std::vector<int> inputs = query.pattern ? query.pattern->streams : std::vector<int>{query.inputStream};
  std::string text;
  for (int input : inputs) {
    const StreamInfo& info = model.streams[input].info;
    text += (text.empty() ? "" : " ") + info.name + analyze::schemaText(info.attributes);
  }
  return text;
}

}  // namespace

runtime::StateElement queryElement(const analyze::AppModel& model, const analyze::QueryModel& query,
                                   StatefulOperators operators) {
  const std::string inputs = inputsOf(model, query);
  runtime::StateElement element;
  if (query.named) {
    element.identity = "query " + query.name;
    element.description = "query '" + query.name + "'";
  } else {
    element.identity = "query #" + fingerprint(query.text + " | " + inputs);
    element.description = "query '" + query.name + "' (line " + std::to_string(query.pos.line) + ")";
  }
  element.layout = inputs;
  for (const auto* op : operators) element.layout += " | " + op->stateLayout();
  element.operators = std::move(operators);
  return element;
}

runtime::StateElement namedWindowElement(const StreamInfo& stream, const analyze::NamedWindowModel& window,
                                         StatefulOperators operators) {
  runtime::StateElement element;
  element.identity = "window " + stream.name;
  element.description = "window '" + stream.name + "'";
  element.layout = layoutOf(stream, operators) + " | " + window.text;
  element.operators = std::move(operators);
  return element;
}

}  // namespace cepheus::plan
