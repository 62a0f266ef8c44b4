// cepheus check APP.siddhi
#include <optional>
#include <string>

#include "cepheus/engine.h"
#include "cli/app_file.h"
#include "cli/arguments.h"
#include "cli/commands.h"

namespace cepheus::cli {

int checkCommand(std::span<const std::string> args) {
  Arguments arguments = parseArguments(args, {});
  const std::string& path = arguments.onlyPositional("the app file");
  std::optional<std::string> text = readAppText(path);
  if (!text) return 1;
  Diagnostics diagnostics = Engine::check(*text);
  printDiagnostics(path, diagnostics);
  return diagnostics.empty() ? 0 : 1;
}

}  // namespace cepheus::cli
