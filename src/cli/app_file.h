// Reading an app file and reporting its problems in the FILE:LINE:COL form of `cepheus check`.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cepheus/engine.h"

namespace cepheus::cli {

// The file's text; on failure prints "FILE: error: cannot read: REASON" to stderr.
std::optional<std::string> readAppText(const std::string& path);

// What `cepheus check` reports for an app's text: Engine::check's diagnostics, and with `strict`
// every warning made an error (what would be ignored is as wrong as what cannot run, for CI
// before a deploy). The shell's `check FILE` reports the same.
Diagnostics checkApp(const std::string& text, const FunctionRegistry* functions, bool strict);

// One "FILE:LINE:COL: error: MESSAGE" (or "warning:") line on stderr per diagnostic.
void printDiagnostics(const std::string& path, const Diagnostics& diagnostics);

// Reads and deploys the app and prints its warnings; on failure prints why and returns nullptr.
std::unique_ptr<App> deployAppFile(Engine& engine, const std::string& path);

}  // namespace cepheus::cli
