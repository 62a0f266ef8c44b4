// --plugin LIB.so: shared libraries of user functions (include/cepheus/functions.h), loaded
// into an engine before the app is checked or deployed, for `run` and `check`; `serve` loads
// them with the same loader (loadFunctionPlugin) into its one engine (src/server/server.cpp).
#pragma once

#include <string>
#include <vector>

#include "cepheus/functions.h"

namespace cepheus::cli {

// Loads each plugin into `registry`; on failure prints "LIB: error: WHY" and returns false.
bool loadPlugins(const std::vector<std::string>& paths, FunctionRegistry& registry);

}  // namespace cepheus::cli
