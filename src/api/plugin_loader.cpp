// Loads plugins of user functions (include/cepheus/functions.h): dlopen, check the ABI version,
// call the registration entry point. Handles are never closed: the functions a plugin
// registered point into its code for as long as any app may call them.
#include <dlfcn.h>

#include "cepheus/functions.h"

namespace cepheus {

void loadFunctionPlugin(const std::string& path, FunctionRegistry& registry) {
  // A bare file name would be searched in the library path, not the current directory.
  std::string where = path.find('/') == std::string::npos ? "./" + path : path;
  void* handle = ::dlopen(where.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    throw PluginError("cannot load plugin '" + path + "': " + (why ? why : "unknown error"));
  }
  using AbiFunction = int (*)();
  using RegisterFunction = void (*)(FunctionRegistry&);
  auto abi = reinterpret_cast<AbiFunction>(::dlsym(handle, "cepheus_plugin_abi"));
  auto registerFunctions = reinterpret_cast<RegisterFunction>(::dlsym(handle, "cepheus_register_functions"));
  if (!abi || !registerFunctions)
    throw PluginError("'" + path +
                      "' is not a Cepheus plugin: it defines no cepheus_plugin_abi and "
                      "cepheus_register_functions (use CEPHEUS_PLUGIN from cepheus/functions.h)");
  if (int version = abi(); version != CEPHEUS_PLUGIN_ABI)
    throw PluginError("plugin '" + path + "' was built for plugin ABI " + std::to_string(version) +
                      ", but this Cepheus has ABI " + std::to_string(CEPHEUS_PLUGIN_ABI) +
                      ": rebuild it against this version's headers");
  try {
    registerFunctions(registry);
  } catch (const std::exception& e) {
    throw PluginError("plugin '" + path + "' failed to register its functions: " + e.what());
  }
}

}  // namespace cepheus
