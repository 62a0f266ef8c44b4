#include "cli/plugins.h"

#include <cstdio>

namespace cepheus::cli {

bool loadPlugins(const std::vector<std::string>& paths, FunctionRegistry& registry) {
  for (const std::string& path : paths) {
    try {
      loadFunctionPlugin(path, registry);
    } catch (const PluginError& error) {
      std::fprintf(stderr, "%s: error: %s\n", path.c_str(), error.what());
      return false;
    }
  }
  return true;
}

}  // namespace cepheus::cli
