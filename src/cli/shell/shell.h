// The shell's state and what it does with each line: a command (one line, `;` optional) or
// SiddhiQL text, gathered until `;` and sent as an on-demand query to the app in use. The same
// whether the lines are typed (repl.cpp) or come from --execute, --file or `run script`.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/functions.h"
#include "cli/shell/catalog.h"
#include "cli/shell/line_editor.h"
#include "cli/shell/output.h"
#include "cli/shell/render.h"
#include "cli/shell/rest_client.h"

namespace cepheus::cli::shell {

struct ShellSettings {
  std::string server = "http://127.0.0.1:9090";  // where `bash scripts/run.sh` starts it
  std::string token;                             // the bearer token, "" for none
  Format format = Format::Table;
  // User functions for `check FILE` (--plugin LIB.so, as `cepheus check` takes them); null: none.
  const FunctionRegistry* functions = nullptr;
};

class Shell {
 public:
  Shell(ShellSettings settings, Output& output);

  // One line of input. False once `exit` was given.
  bool feed(const std::string& line);
  // Runs a script's lines in order, stopping at the first that fails; false when one failed
  // (or the last statement has no `;`). `name` is shown with the line number of a failure.
  bool runScript(const std::string& text, const std::string& name);

  // A warning when the server does not answer its health route; "" when it does.
  std::string serverWarning();

  bool midStatement() const { return !pending_.empty(); }
  void cancelStatement() { pending_.clear(); }
  std::string prompt() const;
  Completion complete(const std::string& beforeCursor);
  // Commands and statements that failed so far.
  int failures() const { return failures_; }
  bool exited() const { return exited_; }
  // The history `history` lists and each typed entry goes to; null in a script.
  void setEditor(LineEditor* editor, const History* history) {
    editor_ = editor;
    history_ = history;
  }

 private:
  struct Command {
    const char* name;
    const char* usage;
    const char* what;
    void (Shell::*run)(const std::string& arguments);
  };
  static const std::vector<Command>& commands();
  static const Command* findCommand(const std::string& word);

  void remember(const std::string& entry);
  // Runs a command or statement; what it throws is reported as its failure.
  void guarded(const std::function<void()>& work);
  void runStatement(const std::string& statement);
  void fail(const std::string& message);
  // Rows in the output format: an aligned table, or one JSON object a row.
  void printRows(const std::vector<std::string>& columns, const nlohmann::json& rows);
  bool needApp();
  void refreshElements();

  // app_commands.cpp
  void apps(const std::string&);
  void use(const std::string& app);
  void describe(const std::string& name);
  void describeApp(const AppElements& elements);
  void describeElement(const Element& element, const AppElements& app);
  void deploy(const std::string& file);
  void undeploy(const std::string& app);
  void check(const std::string& file);
  // stream_commands.cpp
  void send(const std::string& arguments);
  void tail(const std::string& arguments);
  // session_commands.cpp
  void help(const std::string& command);
  void status(const std::string&);
  void metrics(const std::string& app);
  void server(const std::string& url);
  void output(const std::string& format);
  void spool(const std::string& file);
  void run(const std::string& arguments);
  void history(const std::string&);
  void exit(const std::string&);

  ShellSettings settings_;
  Output& out_;
  std::unique_ptr<RestClient> client_;
  std::string app_;                       // the app in use, "" for none
  std::optional<AppElements> elements_;   // its elements, for describe and completion
  std::string pending_;                   // the lines of an unfinished statement
  int failures_ = 0;
  int scriptDepth_ = 0;
  bool exited_ = false;
  LineEditor* editor_ = nullptr;
  const History* history_ = nullptr;
};

// The text of a file; nullopt (with `error` set) when it cannot be read.
std::optional<std::string> readText(const std::string& path, std::string& error);

}  // namespace cepheus::cli::shell
