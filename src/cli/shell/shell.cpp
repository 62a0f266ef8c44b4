#include "cli/shell/shell.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/shell/completion.h"
#include "cli/shell/statement_text.h"
#include "parse/parser.h"

namespace cepheus::cli::shell {

using Json = nlohmann::json;

const std::vector<Shell::Command>& Shell::commands() {
  static const std::vector<Command> list = {
      {"apps", "apps", "list the apps the server runs", &Shell::apps},
      {"use", "use APP", "make APP the app queries, tail, send and describe work on", &Shell::use},
      {"describe", "describe [APP|STREAM|TABLE]", "schemas, queries, sources, sinks and counters", &Shell::describe},
      {"deploy", "deploy FILE", "deploy (or update) the app in FILE on the server", &Shell::deploy},
      {"undeploy", "undeploy APP", "stop and remove APP", &Shell::undeploy},
      {"check", "check FILE", "check the app in FILE here, as `cepheus check` does", &Shell::check},
      {"send", "send STREAM JSON", "send events: an object, an array of values, or an array of either", &Shell::send},
      {"tail", "tail STREAM [LIMIT n]", "show the events arriving at STREAM until Ctrl-C (or n of them)", &Shell::tail},
      {"status", "status", "the server's health and the app in use", &Shell::status},
      {"metrics", "metrics [APP]", "the server's metrics (those of APP)", &Shell::metrics},
      {"server", "server [URL]", "talk to another server (or show which one)", &Shell::server},
      {"output", "output [table|json]", "show rows as an aligned table or as JSON objects", &Shell::output},
      {"spool", "spool FILE|off", "copy what is shown to FILE too, until `spool off`", &Shell::spool},
      {"run", "run script FILE", "run the commands and statements of FILE", &Shell::run},
      {"history", "history", "the commands and statements typed before", &Shell::history},
      {"help", "help [COMMAND]", "this list", &Shell::help},
      {"exit", "exit", "leave the shell (Ctrl-D does too)", &Shell::exit},
      {"quit", "quit", "the same as exit", &Shell::exit},
  };
  return list;
}

const Shell::Command* Shell::findCommand(const std::string& word) {
  std::string name = lower(word);
  for (const Command& command : commands())
    if (name == command.name) return &command;
  return nullptr;
}

std::optional<std::string> readText(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    error = path + ": error: cannot read: " + std::strerror(errno ? errno : ENOENT);
    return std::nullopt;
  }
  return text.str();
}

Shell::Shell(ShellSettings settings, Output& output)
    : settings_(std::move(settings)), out_(output),
      client_(std::make_unique<RestClient>(settings_.server, settings_.token)) {}

std::string Shell::prompt() const {
  std::string main = app_.empty() ? "cepheus> " : "cepheus:" + app_ + "> ";
  if (pending_.empty()) return main;
  return std::string(main.size() - 3, ' ') + "-> ";
}

void Shell::fail(const std::string& message) {
  ++failures_;
  out_.error(message);
}

void Shell::printRows(const std::vector<std::string>& columns, const Json& rows) {
  out_.print(settings_.format == Format::Json ? renderJsonRows(columns, rows) : renderTable(columns, rows));
}

void Shell::remember(const std::string& entry) {
  if (editor_ && scriptDepth_ == 0) editor_->remember(entry);
}

bool Shell::needApp() {
  if (!app_.empty()) return true;
  fail("error: no app in use: `use APP` first (`apps` lists them)");
  return false;
}

void Shell::refreshElements() {
  if (app_.empty()) return;
  std::string error;
  elements_ = loadElements(*client_, app_, error);
}

void Shell::guarded(const std::function<void()>& work) {
  // An answer of an unexpected shape (a member of another type) or a file that vanished is that
  // command's failure, not the end of the session.
  try {
    work();
  } catch (const std::exception& error) {
    fail(std::string("error: ") + error.what());
  }
}

bool Shell::feed(const std::string& line) {
  if (pending_.empty()) {
    auto [word, rest] = splitWord(line);
    if (word.empty()) return true;
    if (word.rfind("--", 0) == 0) return true;  // a comment line in a script
    // `apps;` is `apps`: a `;` after a command is allowed, written against it or not.
    std::string name = word;
    while (name.size() > 1 && name.back() == ';') name.pop_back();
    if (const Command* command = findCommand(name)) {
      remember(trim(line));
      while (!rest.empty() && rest.back() == ';') rest = trim(rest.substr(0, rest.size() - 1));
      guarded([&] { (this->*command->run)(rest); });
      return !exited_;
    }
    std::string first = lower(word.substr(0, word.find_first_of(";(")));
    const auto& keywords = language().keywords;
    if (std::find(keywords.begin(), keywords.end(), first) == keywords.end()) {
      remember(trim(line));
      fail("error: unknown command '" + word + "' (`help` lists the commands; a query starts with a keyword such as `from`)");
      return true;
    }
  }
  pending_ += line + "\n";
  std::vector<std::string> statements = takeStatements(pending_);
  if (trim(pending_).empty()) pending_.clear();
  for (const std::string& statement : statements) {
    remember(oneLine(statement) + ";");
    guarded([&] { runStatement(statement); });
  }
  return true;
}

void Shell::runStatement(const std::string& statement) {
  // Checked here first: a statement that does not parse never reaches the server, and its
  // errors point into the text as typed.
  parse::OnDemandParse parsed = parse::parseOnDemandQuery(statement);
  if (!parsed.errors.empty()) {
    std::string message;
    for (const Diagnostic& d : parsed.errors)
      message += std::to_string(d.line) + ":" + std::to_string(d.col) + ": error: " + d.message + "\n" +
                 caret(statement, d.line, d.col);
    message.pop_back();
    fail(message);
    return;
  }
  if (!needApp()) return;
  Json request = {{"appName", app_}, {"query", statement}};
  RestResponse answer = client_->call("POST", "/stores/query", request.dump(), "application/json");
  Json body = Json::parse(answer.body, nullptr, false);
  if (answer.status != 200 || !body.is_object()) {
    fail(serverError(answer, statement));
    return;
  }
  std::vector<std::string> columns;
  for (const Json& column : body.value("columns", Json::array())) columns.push_back(column.value("name", ""));
  Json rows = body.value("records", Json::array());
  if (columns.empty()) {
    out_.print("done\n");
    return;
  }
  printRows(columns, rows);
}

bool Shell::runScript(const std::string& text, const std::string& name) {
  if (scriptDepth_ >= 8) {
    fail(name + ": error: scripts run each other more than 8 deep");
    return false;
  }
  ++scriptDepth_;
  std::string saved = std::move(pending_);
  pending_.clear();
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  int startedWith = failures_;
  bool ok = true;
  int statementLine = 0;
  while (ok && !exited_ && std::getline(lines, line)) {
    ++number;
    if (pending_.empty()) statementLine = number;
    feed(line);
    if (failures_ > startedWith) {
      out_.error(name + ":" + std::to_string(statementLine) + ": the script stops here");
      ok = false;
    }
  }
  if (ok && !trim(pending_).empty()) {
    fail(name + ":" + std::to_string(statementLine) + ": error: the statement starting here has no ';' at its end");
    ok = false;
  }
  pending_ = std::move(saved);
  --scriptDepth_;
  return ok;
}

Completion Shell::complete(const std::string& beforeCursor) {
  // Called from inside libedit (C): nothing may be thrown through it.
  try {
    CompletionSources sources;
    for (const Command& command : commands()) sources.commands.push_back(command.name);
    sources.apps = [this] { return loadAppNames(*client_); };
    if (!app_.empty() && !elements_) refreshElements();
    sources.elements = elements_ ? &*elements_ : nullptr;
    return shell::complete(pending_, beforeCursor, sources);
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace cepheus::cli::shell
