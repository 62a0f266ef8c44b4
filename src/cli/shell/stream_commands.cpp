// send and tail: events into a stream of the app in use, and the events arriving at one.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/shell/interrupt.h"
#include "cli/shell/shell.h"
#include "cli/shell/statement_text.h"

namespace cepheus::cli::shell {

using Json = nlohmann::json;

namespace {

std::string streamTarget(const std::string& app, const std::string& stream) {
  return "/siddhi-apps/" + io::percentEncode(app) + "/streams/" + io::percentEncode(stream);
}

// The events of `send`, as the ingest route's JSON array: an object is one event as it is
// (`{"data":[...]}` or `{"event":{...}}`), an array of values is one event's data, and an array
// of objects or arrays is several events.
std::optional<Json> eventsOf(const std::string& text, std::string& error) {
  Json value = Json::parse(text, nullptr, false);
  if (value.is_discarded()) {
    error = "the events are not JSON: write {\"data\":[...]}, [v1, v2, ...] or an array of those";
    return std::nullopt;
  }
  auto one = [](const Json& event) { return event.is_array() ? Json{{"data", event}} : event; };
  Json events = Json::array();
  bool several = value.is_array() && !value.empty() &&
                 std::all_of(value.begin(), value.end(), [](const Json& e) { return e.is_array() || e.is_object(); });
  if (several) {
    for (const Json& event : value) events.push_back(one(event));
  } else if (value.is_array() || value.is_object()) {
    events.push_back(one(value));
  } else {
    error = "an event is an object or an array of values";
    return std::nullopt;
  }
  return events;
}

}  // namespace

void Shell::send(const std::string& arguments) {
  auto [stream, json] = splitWord(arguments);
  if (stream.empty() || json.empty()) return fail("error: send STREAM JSON: which stream, and what events?");
  if (!needApp()) return;
  std::string error;
  std::optional<Json> events = eventsOf(json, error);
  if (!events) return fail("error: " + error);
  RestResponse answer = client_->call("POST", streamTarget(app_, stream), events->dump(), "application/json");
  Json body = Json::parse(answer.body, nullptr, false);
  if (answer.status != 200 || !body.is_object()) return fail(serverError(answer));
  int accepted = body.value("accepted", 0);
  out_.print("sent " + std::to_string(accepted) + (accepted == 1 ? " event" : " events") + " to " + stream + "\n");
}

void Shell::tail(const std::string& arguments) {
  auto [stream, rest] = splitWord(arguments);
  if (stream.empty()) return fail("error: tail STREAM [LIMIT n]: which stream?");
  long limit = 0;
  if (!rest.empty()) {
    auto [word, count] = splitWord(rest);
    char* end = nullptr;
    limit = std::strtol(count.c_str(), &end, 10);
    if (lower(word) != "limit" || count.empty() || *end != '\0' || limit <= 0)
      return fail("error: tail STREAM [LIMIT n]: n is a positive number (got '" + rest + "')");
  }
  if (!needApp()) return;
  if (!elements_) refreshElements();
  std::vector<std::string> columns = {"ts"};
  if (elements_) {
    const Element* element = elements_->find(stream);
    // A fault stream (!S) is not among the elements; the server knows whether it exists.
    if ((!element || element->kind != "stream") && stream.front() != '!') {
      std::string names;
      for (const std::string& name : elements_->names("stream")) names += (names.empty() ? "" : ", ") + name;
      return fail("error: app '" + app_ + "' has no stream '" + stream + "' (it has: " + names + ")");
    }
    if (element)
      for (const auto& [name, type] : element->attributes) columns.push_back(name);
  }
  // Rows are shown as they arrive, so the widths cannot wait for the widest value: each column
  // starts as wide as its name (at least 8, the timestamp 13) and grows when a value needs more.
  std::vector<size_t> width;
  for (const std::string& name : columns) width.push_back(std::max<size_t>(8, name.size()));
  width[0] = 13;  // ts: milliseconds since 1970 have 13 digits until 2286
  auto row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c >= width.size()) width.push_back(8);
      width[c] = std::max(width[c], cells[c].size());
      line += (c ? " | " : " ") + cells[c] + std::string(width[c] - cells[c].size(), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  out_.error("tailing " + app_ + "/" + stream + (limit ? " for " + std::to_string(limit) + (limit == 1 ? " event" : " events") : "") +
             " (Ctrl-C stops)");
  if (settings_.format == Format::Table) out_.print(row(columns));
  long seen = 0;
  clearInterrupt();
  RestResponse answer = client_->stream(streamTarget(app_, stream) + "/tail", [&](const std::string& line) {
    Json event = Json::parse(line, nullptr, false);
    if (settings_.format == Format::Json || !event.is_object()) {
      out_.print(line + "\n");
    } else {
      std::vector<std::string> cells = {cellText(event.value("ts", Json(0)))};
      for (const Json& value : event.value("data", Json::array())) cells.push_back(cellText(value));
      out_.print(row(cells));
    }
    ++seen;
    return limit == 0 || seen < limit;
  });
  bool stopped = interrupted();
  clearInterrupt();
  if (answer.status != 200) return fail(serverError(answer));
  out_.error("(" + std::to_string(seen) + (seen == 1 ? " event" : " events") +
             (stopped ? ", stopped by Ctrl-C)" : !answer.error.empty() ? "; " + answer.error + ")" : ")"));
}

}  // namespace cepheus::cli::shell
