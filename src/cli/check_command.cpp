// cepheus check APP.siddhi [--strict] [--plugin LIB.so]...
#include <optional>
#include <string>

#include "cepheus/engine.h"
#include "cli/app_file.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/plugins.h"

namespace cepheus::cli {

int checkCommand(std::span<const std::string> args) {
  Arguments arguments = parseArguments(args, {"--plugin"}, {"--strict"});
  const std::string& path = arguments.onlyPositional("the app file");
  FunctionRegistry userFunctions;
  if (!loadPlugins(arguments.all("--plugin"), userFunctions)) return 1;
  std::optional<std::string> text = readAppText(path);
  if (!text) return 1;
  Diagnostics diagnostics = checkApp(*text, &userFunctions, arguments.flag("--strict"));
  printDiagnostics(path, diagnostics);
  return hasErrors(diagnostics) ? 1 : 0;
}

}  // namespace cepheus::cli
