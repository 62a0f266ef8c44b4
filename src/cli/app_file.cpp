#include "cli/app_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cepheus::cli {

std::optional<std::string> readAppText(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  std::string text;
  int error = file ? 0 : errno;
  if (file) {
    char buffer[1 << 16];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
    // fopen succeeds on a directory; the read is what fails (EISDIR).
    if (std::ferror(file)) error = errno;
    std::fclose(file);
  }
  if (error != 0) {
    std::fprintf(stderr, "%s: error: cannot read: %s\n", path.c_str(), std::strerror(error));
    return std::nullopt;
  }
  return text;
}

Diagnostics checkApp(const std::string& text, const FunctionRegistry* functions, bool strict) {
  Diagnostics diagnostics = Engine::check(text, functions);
  if (strict) {
    for (Diagnostic& diagnostic : diagnostics) diagnostic.severity = Severity::Error;
  }
  return diagnostics;
}

void printDiagnostics(const std::string& path, const Diagnostics& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics) {
    std::fprintf(stderr, "%s\n", diagnostic.format(path).c_str());
  }
}

std::unique_ptr<App> deployAppFile(Engine& engine, const std::string& path) {
  std::optional<std::string> text = readAppText(path);
  if (!text) return nullptr;
  try {
    std::unique_ptr<App> app = engine.deploy(*text);
    printDiagnostics(path, app->warnings());
    return app;
  } catch (const DeployError& error) {
    printDiagnostics(path, error.diagnostics());
    return nullptr;
  }
}

}  // namespace cepheus::cli
