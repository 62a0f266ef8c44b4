// The YAML config file of `cepheus serve`: a map of the command line's option names, e.g.
//   listen: 127.0.0.1:9090
//   apps: /etc/cepheus/apps
//   state: /var/lib/cepheus
//   token-file: /etc/cepheus/token
//   workers: 4
//   plugin: [/opt/cepheus/librisk.so]    (a list, or one path)
// yaml-cpp stays in this translation unit.
#include <yaml-cpp/yaml.h>

#include "server/config/server_options.h"

namespace cepheus::server {

void applyConfigFile(const std::string& path, ServerOptions& options,
                     const std::function<bool(const std::string&)>& givenOnCommandLine) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw OptionsError("cannot read the config file " + path);
  } catch (const YAML::Exception& error) {
    throw OptionsError(path + ":" + std::to_string(error.mark.line + 1) + ":" + std::to_string(error.mark.column + 1) +
                       ": " + error.msg);
  }
  if (root.IsNull()) return;
  if (!root.IsMap()) throw OptionsError(path + ": the config file must be a map of option: value");
  for (const auto& entry : root) {
    std::string key = entry.first.as<std::string>();
    if (key == "plugin" && entry.second.IsSequence()) {
      for (const auto& plugin : entry.second) {
        if (!plugin.IsScalar())
          throw OptionsError(path + ":" + std::to_string(plugin.Mark().line + 1) + ": each plugin must be a path");
        options.plugins.push_back(plugin.as<std::string>());
      }
      continue;
    }
    if (!entry.second.IsScalar())
      throw OptionsError(path + ":" + std::to_string(entry.second.Mark().line + 1) + ": '" + key + "' must be a single value");
    if (givenOnCommandLine(key)) continue;
    try {
      setOption(key, entry.second.as<std::string>(), options);
    } catch (const OptionsError& error) {
      throw OptionsError(path + ":" + std::to_string(entry.first.Mark().line + 1) + ": " + error.what());
    }
  }
}

}  // namespace cepheus::server
