// apps, use, describe, deploy, undeploy, check: the apps on the server, and app files here.
#include <nlohmann/json.hpp>

#include "cepheus/engine.h"
#include "cli/app_file.h"
#include "cli/shell/shell.h"
#include "cli/shell/statement_text.h"

namespace cepheus::cli::shell {

using Json = nlohmann::json;

namespace {

std::string target(const std::string& app) { return "/siddhi-apps/" + io::percentEncode(app); }

std::string schema(const Element& element) {
  std::string text;
  for (const auto& [name, type] : element.attributes) text += (text.empty() ? "" : ", ") + name + (type.empty() ? "" : " " + type);
  return "(" + text + ")";
}

// A section of `describe`: its title, then its rows as a table (nothing when it has none).
std::string section(const std::string& title, const std::vector<std::string>& columns, const Json& rows) {
  if (rows.empty()) return "";
  std::string table = renderTable(columns, rows);
  table.erase(table.rfind('('));  // the row count: the section's rows are all there is
  return "\n" + title + "\n" + table;
}

std::string optionsText(const Json& options) {
  std::string text;
  if (options.is_object())
    for (const auto& [key, value] : options.items())
      text += (text.empty() ? "" : ", ") + key + "=" + cellText(value);
  return text;
}

}  // namespace

void Shell::apps(const std::string&) {
  RestResponse active = client_->get("/siddhi-apps?isActive=true");
  Json names = Json::parse(active.body, nullptr, false);
  if (active.status != 200 || !names.is_array()) return fail(serverError(active));
  RestResponse failed = client_->get("/siddhi-apps?isActive=false");
  Json inactive = Json::parse(failed.body, nullptr, false);
  Json rows = Json::array();
  for (const Json& name : names) rows.push_back({name, name == app_ ? "active (in use)" : "active"});
  if (inactive.is_array())
    for (const Json& name : inactive) rows.push_back({name, "failed to deploy"});
  printRows({"app", "status"}, rows);
}

void Shell::use(const std::string& app) {
  if (app.empty()) return fail("error: use APP: which app? (`apps` lists them)");
  std::string error;
  std::optional<AppElements> elements = loadElements(*client_, app, error);
  if (!elements) return fail("error: " + error);
  app_ = app;
  elements_ = std::move(elements);
  size_t streams = elements_->names("stream").size();
  size_t tables = elements_->names("table").size();
  auto count = [](size_t n, const std::string& what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); };
  out_.print("using app '" + app + "' (" + count(streams, "stream") + ", " + count(tables, "table") + ")\n");
}

void Shell::describe(const std::string& name) {
  if (name.empty()) {
    if (!needApp()) return;
    refreshElements();
    if (!elements_) return fail("error: cannot read the elements of '" + app_ + "'");
    return describeApp(*elements_);
  }
  if (!app_.empty()) {
    refreshElements();
    if (elements_) {
      if (const Element* element = elements_->find(name)) return describeElement(*element, *elements_);
    }
  }
  std::string error;
  std::optional<AppElements> other = loadElements(*client_, name, error);
  if (other) return describeApp(*other);
  fail("error: '" + name + "' is neither an app on the server" +
       (app_.empty() ? std::string() : " nor a stream, table or window of '" + app_ + "'"));
}

void Shell::describeApp(const AppElements& app) {
  const Json& raw = app.raw;
  if (settings_.format == Format::Json) {
    // For scripts: the elements route's answer, with what the app's text adds.
    Json all = raw;
    all["tables"] = Json::array();
    for (const Element& element : app.elements) {
      if (element.kind == "stream") continue;
      Json attributes = Json::array();
      for (const auto& [name, type] : element.attributes) attributes.push_back({{"name", name}, {"type", type}});
      all["tables"].push_back({{"name", element.name}, {"kind", element.kind}, {"attributes", attributes}});
    }
    out_.print(all.dump() + "\n");
    return;
  }
  Json streams = Json::array();
  for (const Json& s : raw.value("streams", Json::array())) {
    const Element* element = app.find(s.value("name", ""));
    streams.push_back({s.value("name", ""), element ? schema(*element) : "", s.value("events", 0),
                       s.value("ingested", 0), s.value("rejected", 0), s.value("tails", 0)});
  }
  Json stores = Json::array();
  for (const Element& element : app.elements)
    if (element.kind != "stream") stores.push_back({element.name, element.kind, schema(element)});
  Json queries = Json::array();
  for (const Json& q : raw.value("queries", Json::array()))
    queries.push_back({q.value("name", ""), q.value("input", ""), q.value("output", ""), q.value("eventsIn", 0),
                       q.contains("eventsOut") ? q["eventsOut"] : Json("")});
  Json sources = Json::array();
  for (const Json& s : raw.value("sources", Json::array()))
    sources.push_back({s.value("type", ""), s.value("stream", ""), s.value("endpoint", ""), optionsText(s.value("options", Json::object()))});
  Json sinks = Json::array();
  for (const Json& s : raw.value("sinks", Json::array()))
    sinks.push_back({s.value("type", ""), s.value("stream", ""), s.value("published", 0), s.value("delivered", 0),
                     s.value("errors", 0), s.value("deadLetters", 0), optionsText(s.value("options", Json::object()))});
  std::string text = "app '" + app.app + "'\n";
  text += section("streams", {"stream", "attributes", "events", "ingested", "rejected", "tails"}, streams);
  text += section("tables, windows, aggregations", {"name", "kind", "attributes"}, stores);
  text += section("queries", {"query", "input", "output", "events in", "events out"}, queries);
  text += section("sources", {"type", "stream", "endpoint", "options"}, sources);
  text += section("sinks", {"type", "stream", "published", "delivered", "errors", "dead letters", "options"}, sinks);
  out_.print(text);
}

void Shell::describeElement(const Element& element, const AppElements& app) {
  std::string text = element.kind + " " + element.name + " " + schema(element) + "\n";
  Json counters = Json::array();
  for (const Json& s : app.raw.value("streams", Json::array()))
    if (s.value("name", "") == element.name)
      counters.push_back({s.value("events", 0), s.value("ingested", 0), s.value("rejected", 0), s.value("tails", 0)});
  text += section("counters", {"events", "ingested", "rejected", "tails"}, counters);
  Json queries = Json::array();
  for (const Json& q : app.raw.value("queries", Json::array()))
    if (q.value("input", "") == element.name || q.value("output", "") == element.name)
      queries.push_back({q.value("name", ""), q.value("input", ""), q.value("output", "")});
  text += section("queries", {"query", "input", "output"}, queries);
  if (element.kind == "table" || element.kind == "window")
    text += "\n(`from " + element.name + " select ...;` reads it)\n";
  out_.print(text);
}

void Shell::deploy(const std::string& file) {
  if (file.empty()) return fail("error: deploy FILE: which file?");
  std::string error;
  std::optional<std::string> text = readText(file, error);
  if (!text) return fail(error);
  // PUT: a new app is created, a running one updated in place (keeping the state of what did
  // not change), so deploying an edited file again just works.
  RestResponse answer = client_->call("PUT", "/siddhi-apps", *text, "text/plain");
  Json body = Json::parse(answer.body, nullptr, false);
  if ((answer.status != 200 && answer.status != 201) || !body.is_object())
    return fail(serverError(answer, *text, file));
  std::string name = body.value("name", "");
  std::string message = body.value("message", "deployed") + "\n";
  for (const Json& w : body.value("warnings", Json::array()))
    message += file + ":" + std::to_string(w.value("line", 0)) + ":" + std::to_string(w.value("column", 0)) +
               ": warning: " + w.value("message", "") + "\n";
  if (app_.empty() || app_ == name) {
    out_.print(message);
    use(name);
  } else {
    out_.print(message + "(`use " + name + "` to work on it)\n");
  }
}

void Shell::undeploy(const std::string& app) {
  if (app.empty()) return fail("error: undeploy APP: which app?");
  RestResponse answer = client_->call("DELETE", target(app), "", "");
  Json body = Json::parse(answer.body, nullptr, false);
  if (answer.status != 200) return fail(serverError(answer));
  out_.print(body.value("message", "undeployed") + "\n");
  if (app == app_) {
    app_.clear();
    elements_.reset();
  }
}

void Shell::check(const std::string& file) {
  if (file.empty()) return fail("error: check FILE: which file?");
  std::string error;
  std::optional<std::string> text = readText(file, error);
  if (!text) return fail(error);
  FunctionRegistry none;
  Diagnostics diagnostics = checkApp(*text, settings_.functions ? settings_.functions : &none, false);
  std::string message;
  for (const Diagnostic& d : diagnostics) message += d.format(file) + "\n" + caret(*text, d.line, d.col);
  if (hasErrors(diagnostics)) {
    message.pop_back();
    return fail(message);
  }
  out_.print(message + file + ": ok\n");
}

}  // namespace cepheus::cli::shell
