// cepheus shell [--server URL] [--token-file F] [--execute TEXT] [--file SCRIPT] [--output table|json]
//               [--plugin LIB.so]...
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <iostream>
#include <iterator>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/plugins.h"
#include "cli/shell/interrupt.h"
#include "cli/shell/line_editor.h"
#include "cli/shell/shell.h"
#include "cli/shell/statement_text.h"

namespace cepheus::cli {

namespace {

using namespace shell;

std::string historyPath() {
  const char* home = std::getenv("HOME");
  return home && *home ? std::string(home) + "/.cepheus_history" : "";
}

int interactive(Shell& session, Output& output, const std::string& server) {
  // libedit reads multi-byte characters by the locale's encoding (only the character type: numbers
  // keep the C locale's format).
  std::setlocale(LC_CTYPE, "");
  catchInterrupts();
  History history(historyPath());
  LineEditor editor(history, [&session](const std::string& before) { return session.complete(before); });
  session.setEditor(&editor, &history);
  output.print(std::string("cepheus shell ") + kVersion + " on " + server +
               " (`help` lists the commands, Ctrl-D leaves)\n");
  if (std::string warning = session.serverWarning(); !warning.empty()) output.error(warning);
  while (!session.exited()) {
    std::string line;
    LineEditor::Read read = editor.read(session.prompt(), line);
    if (read == LineEditor::Read::End) {
      output.print("\n");
      break;
    }
    if (read == LineEditor::Read::Interrupted) {
      session.cancelStatement();
      continue;
    }
    session.feed(line);
    clearInterrupt();  // a Ctrl-C while the line ran was for it (a request, a tail)
  }
  return 0;
}

}  // namespace

int shellCommand(std::span<const std::string> args) {
  Arguments arguments =
      parseArguments(args, {"--server", "--token-file", "--execute", "--file", "--output", "--plugin"});
  if (!arguments.positional.empty()) throw UsageError("shell takes no file; use --file SCRIPT");
  ShellSettings settings;
  FunctionRegistry userFunctions;
  if (!loadPlugins(arguments.all("--plugin"), userFunctions)) return 1;
  settings.functions = &userFunctions;
  if (const std::string* server = arguments.option("--server")) settings.server = normalizeServer(*server);
  if (const std::string* format = arguments.option("--output")) {
    if (*format == "json") settings.format = Format::Json;
    else if (*format != "table") throw UsageError("--output is table or json, not '" + *format + "'");
  }
  std::string error;
  if (const std::string* tokenFile = arguments.option("--token-file")) {
    std::optional<std::string> token = readText(*tokenFile, error);
    if (!token) {
      std::cerr << error << "\n";
      return 1;
    }
    settings.token = trim(*token);
  }
  Output output;
  std::unique_ptr<Shell> session;
  try {
    session = std::make_unique<Shell>(settings, output);
  } catch (const std::invalid_argument& bad) {
    throw UsageError(bad.what());
  }
  const std::string* execute = arguments.option("--execute");
  const std::string* file = arguments.option("--file");
  if (execute || file) {
    // For scripts: no prompts, no history; the first command or statement that fails stops it
    // and the exit code is 1.
    bool ok = true;
    if (execute) ok = session->runScript(*execute, "--execute");
    if (ok && file && !session->exited()) {
      std::optional<std::string> text = readText(*file, error);
      if (!text) {
        output.error(error);
        return 1;
      }
      ok = session->runScript(*text, *file);
    }
    return ok ? 0 : 1;
  }
  if (::isatty(STDIN_FILENO)) return interactive(*session, output, settings.server);
  std::string text(std::istreambuf_iterator<char>(std::cin), {});
  return session->runScript(text, "stdin") ? 0 : 1;
}

}  // namespace cepheus::cli
