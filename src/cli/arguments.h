// Splits a subcommand's arguments into positionals and `--name value` options.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cepheus::cli {

// The command line is wrong: main prints the message and the usage, and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Arguments {
  std::vector<std::string> positional;
  std::map<std::string, std::string, std::less<>> options;  // "--events" -> "x.jsonl" (the last given)
  std::map<std::string, std::vector<std::string>, std::less<>> repeated;  // every value, in order
  std::set<std::string, std::less<>> flags;                 // "--strict"

  // The one positional argument (the app file); throws UsageError when there is not exactly one.
  const std::string& onlyPositional(std::string_view what) const;
  // Whether the flag (an option without a value) was given.
  bool flag(std::string_view name) const { return flags.count(name) > 0; }
  // The option's value, or nullptr when it was not given.
  const std::string* option(std::string_view name) const;
  // Every value of an option that may be given several times (--plugin a.so --plugin b.so).
  std::vector<std::string> all(std::string_view name) const;
  // A positive integer option; `fallback` when absent; throws UsageError when malformed.
  int64_t positiveOption(std::string_view name, int64_t fallback) const;
};

// Accepts `--name value` and `--name=value` for the names in `options`, and `--name` alone for
// the names in `flags`; anything else starting with "--" is a UsageError. A lone "-" is a
// positional (standard input).
Arguments parseArguments(std::span<const std::string> args,
                         std::initializer_list<std::string_view> options,
                         std::initializer_list<std::string_view> flags = {});

}  // namespace cepheus::cli
