#include "cli/arguments.h"

#include <algorithm>
#include <charconv>

namespace cepheus::cli {

const std::string& Arguments::onlyPositional(std::string_view what) const {
  if (positional.empty()) throw UsageError("missing " + std::string(what));
  if (positional.size() > 1) throw UsageError("unexpected argument '" + positional[1] + "'");
  return positional.front();
}

const std::string* Arguments::option(std::string_view name) const {
  auto it = options.find(name);
  return it == options.end() ? nullptr : &it->second;
}

std::vector<std::string> Arguments::all(std::string_view name) const {
  auto it = repeated.find(name);
  return it == repeated.end() ? std::vector<std::string>{} : it->second;
}

int64_t Arguments::positiveOption(std::string_view name, int64_t fallback) const {
  const std::string* text = option(name);
  if (!text) return fallback;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value <= 0) {
    throw UsageError(std::string(name) + " needs a positive integer, got '" + *text + "'");
  }
  return value;
}

Arguments parseArguments(std::span<const std::string> args,
                         std::initializer_list<std::string_view> options,
                         std::initializer_list<std::string_view> flags) {
  Arguments parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 2 || arg[0] != '-') {
      parsed.positional.push_back(arg);
      continue;
    }
    size_t equals = arg.find('=');
    std::string name = arg.substr(0, equals);
    if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
      if (equals != std::string::npos) throw UsageError(name + " takes no value");
      parsed.flags.insert(name);
      continue;
    }
    if (std::find(options.begin(), options.end(), name) == options.end()) {
      throw UsageError("unknown option '" + name + "'");
    }
    if (equals != std::string::npos) {
      parsed.options[name] = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      parsed.options[name] = args[++i];
    } else {
      throw UsageError(name + " needs a value");
    }
    parsed.repeated[name].push_back(parsed.options[name]);
  }
  return parsed;
}

}  // namespace cepheus::cli
