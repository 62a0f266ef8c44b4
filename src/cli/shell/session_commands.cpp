// help, status, metrics, server, output, spool, run script, history, exit: the session itself.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli/shell/shell.h"
#include "cli/shell/statement_text.h"

namespace cepheus::cli::shell {

using Json = nlohmann::json;

void Shell::help(const std::string& command) {
  if (!command.empty()) {
    const Command* found = findCommand(command);
    if (!found) return fail("error: no command '" + command + "' (`help` lists them)");
    out_.print(std::string(found->usage) + "\n    " + found->what + "\n");
    return;
  }
  std::string text = "commands (case does not matter; a `;` at the end is optional):\n";
  for (const Command& c : commands()) {
    std::string usage = c.usage;
    text += "  " + usage + std::string(usage.size() < 30 ? 30 - usage.size() : 1, ' ') + c.what + "\n";
  }
  text +=
      "queries: an on-demand query ends with ';' and may span lines, e.g.\n"
      "  from Stock on qty > 2 select item, qty order by qty desc;\n"
      "TAB completes keywords, commands, apps, streams, tables, attributes, functions and windows;\n"
      "Ctrl-C cancels the input or a tail, Ctrl-D leaves.\n";
  out_.print(text);
}

void Shell::status(const std::string&) {
  RestResponse health = client_->get("/health");
  Json body = Json::parse(health.body, nullptr, false);
  if (health.status != 200 || !body.is_object()) return fail(serverError(health));
  std::string text = "server " + client_->server() + ": " + body.value("status", std::string("?")) + ", " +
                     std::to_string(body.value("apps", 0)) + " apps" +
                     (body.value("ready", false) ? "" : ", still deploying its directory") + "\n";
  if (!app_.empty()) {
    RestResponse app = client_->get("/siddhi-apps/" + io::percentEncode(app_) + "/status");
    Json state = Json::parse(app.body, nullptr, false);
    text += "app " + app_ + ": " + (app.status == 200 && state.is_object() ? state.value("status", std::string("?")) : "not running") + "\n";
  }
  text += "output " + std::string(settings_.format == Format::Json ? "json" : "table") +
          (out_.spoolPath().empty() ? "" : ", spooling to " + out_.spoolPath()) + "\n";
  out_.print(text);
}

std::string Shell::serverWarning() {
  RestResponse health = client_->get("/health");
  if (health.status == 200) return "";
  if (health.status != 0)
    return "warning: " + client_->server() + " answers its health check with HTTP " + std::to_string(health.status);
  return "warning: no answer from the server: " + health.error + "; `server URL` talks to another";
}

namespace {

struct Sample {
  std::string metric;
  std::vector<std::pair<std::string, std::string>> labels;
  std::string value;
};

// One sample line of the Prometheus text format: `name{key="value",...} value`.
std::optional<Sample> parseSample(const std::string& line) {
  Sample sample;
  size_t i = line.find_first_of("{ ");
  if (i == std::string::npos) return std::nullopt;
  sample.metric = line.substr(0, i);
  if (line[i] == '{') {
    ++i;
    while (i < line.size() && line[i] != '}') {
      size_t equals = line.find('=', i);
      if (equals == std::string::npos || equals + 1 >= line.size() || line[equals + 1] != '"') return std::nullopt;
      std::string key = line.substr(i, equals - i);
      std::string value;
      for (i = equals + 2; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        value += line[i];
      }
      sample.labels.emplace_back(key, value);
      i = i + 1 < line.size() && line[i + 1] == ',' ? i + 2 : i + 1;
    }
    ++i;
  }
  sample.value = trim(line.substr(std::min(i, line.size())));
  return sample;
}

}  // namespace

void Shell::metrics(const std::string& app) {
  RestResponse answer = client_->get("/metrics");
  if (answer.status != 200) return fail(serverError(answer));
  // Every sample, or those labelled with the app (whose label is then left out). Histogram
  // buckets are for scrapers: their _sum and _count are shown.
  std::istringstream lines(answer.body);
  std::string line;
  Json rows = Json::array();
  Json objects = Json::array();
  while (std::getline(lines, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::optional<Sample> sample = parseSample(line);
    if (!sample || sample->metric.ends_with("_bucket")) continue;
    bool ofApp = false;
    std::string labels;
    Json labelObject = Json::object();
    for (const auto& [key, value] : sample->labels) {
      if (key == "app" && value == app) {
        ofApp = true;
        continue;
      }
      labels += (labels.empty() ? "" : ", ") + key + "=" + value;
      labelObject[key] = value;
    }
    if (!app.empty() && !ofApp) continue;
    Json value = Json::parse(sample->value, nullptr, false);
    if (value.is_discarded()) value = sample->value;
    rows.push_back({sample->metric, labels, value});
    objects.push_back({{"metric", sample->metric}, {"labels", labelObject}, {"value", value}});
  }
  if (rows.empty() && !app.empty()) return fail("error: no metrics for an app named '" + app + "'");
  if (settings_.format == Format::Json) {
    std::string text;
    for (const Json& object : objects) text += object.dump() + "\n";
    out_.print(text);
  } else {
    printRows({"metric", "labels", "value"}, rows);
  }
}

void Shell::server(const std::string& url) {
  if (url.empty()) {
    out_.print(client_->server() + "\n");
    return;
  }
  std::unique_ptr<RestClient> next;
  try {
    next = std::make_unique<RestClient>(url, settings_.token);
  } catch (const std::invalid_argument& error) {
    return fail(std::string("error: ") + error.what());
  }
  client_ = std::move(next);
  settings_.server = client_->server();
  app_.clear();
  elements_.reset();
  RestResponse health = client_->get("/health");
  if (health.status != 200) return fail("now talking to " + client_->server() + ", which does not answer: " + serverError(health));
  out_.print("now talking to " + client_->server() + "\n");
}

void Shell::output(const std::string& format) {
  std::string name = lower(format);
  if (name == "table") settings_.format = Format::Table;
  else if (name == "json") settings_.format = Format::Json;
  else if (!name.empty()) return fail("error: output table|json (got '" + format + "')");
  out_.print(std::string("output ") + (settings_.format == Format::Json ? "json" : "table") + "\n");
}

void Shell::spool(const std::string& file) {
  if (file.empty()) return fail("error: spool FILE|off");
  if (lower(file) == "off") {
    if (out_.spoolPath().empty()) return fail("error: not spooling");
    std::string path = out_.spoolPath();
    out_.stopSpooling();
    out_.print("stopped spooling to " + path + "\n");
    return;
  }
  if (!out_.spool(file)) return fail("error: cannot write " + file);
  out_.print("spooling to " + file + "\n");
}

void Shell::run(const std::string& arguments) {
  auto [word, file] = splitWord(arguments);
  if (lower(word) != "script" || file.empty()) return fail("error: run script FILE");
  std::string error;
  std::optional<std::string> text = readText(file, error);
  if (!text) return fail(error);
  runScript(*text, file);
}

void Shell::history(const std::string&) {
  if (!history_) return fail("error: a script has no history");
  std::string text;
  const auto& entries = history_->entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string number = std::to_string(i + 1);
    text += std::string(number.size() < 5 ? 5 - number.size() : 0, ' ') + number + "  " + entries[i] + "\n";
  }
  out_.print(text);
}

void Shell::exit(const std::string&) { exited_ = true; }

}  // namespace cepheus::cli::shell
