// User functions: scalar functions written in C++ that SiddhiQL apps call as `ns:name(...)`,
// checked at deploy time and evaluated like the built-in ones.
//
//   cepheus::Engine engine;
//   engine.functions().add("risk:score", {cepheus::Type::Double, {cepheus::Type::Double, cepheus::Type::Int}},
//                          [](std::span<const cepheus::Value> args) {
//                            return cepheus::Value::ofDouble(args[0].asDouble() * args[1].asInt());
//                          });
//   auto app = engine.deploy("define stream S (amount double, n int); "
//                            "from S select risk:score(amount, n) as risk insert into Out;");
//
// A plugin is a shared library that registers functions when it is loaded
// (`cepheus run --plugin lib.so`, `cepheus serve --plugin lib.so`, or loadFunctionPlugin() from C++):
//
//   #include "cepheus/functions.h"
//   CEPHEUS_PLUGIN(registry) {
//     registry.add("risk:score", {...}, ...);
//   }
//
// ABI rule: std::function, std::string and std::vector cross the plugin boundary, so a plugin
// must be compiled against the headers of the same Cepheus version, with the same compiler and
// C++ standard library as the cepheus binary that loads it (on Debian 12: GCC 12, libstdc++,
// -std=c++20). The loader refuses a plugin whose CEPHEUS_PLUGIN_ABI differs from its own. A
// plugin links against nothing from Cepheus: the symbols it uses (Value, FunctionRegistry) are
// resolved from the binary that loads it. Plugins are never unloaded.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/value.h"

namespace cepheus {

// What a user function takes and returns. The analyzer checks every call against it.
struct FunctionSignature {
  Type result = Type::Object;
  // The parameter types. A numeric parameter accepts any narrower number (an int argument
  // of a double parameter arrives as a double); `object` accepts any type.
  std::vector<Type> parameters;
  // The last parameter may repeat: with parameters {string, int} the function takes one string
  // and zero or more ints.
  bool variadic = false;
  // When true (the default), a null argument makes the result null and the function is not
  // called. When false, null arguments are passed as null Values.
  bool nullGivesNull = true;
};

// The implementation. It receives the arguments converted to the parameter types and returns
// a Value of the declared result type, or null. It may throw: the event whose processing
// failed goes to the input stream's fault stream (@OnError(action='STREAM')) or to the log.
// It is called under the calling app's lock, but different apps may call it at the same time.
using UserFunctionBody = std::function<Value(std::span<const Value> arguments)>;

struct UserFunction {
  std::string name;  // "namespace:name"
  FunctionSignature signature;
  UserFunctionBody body;
};

// The user functions an engine's apps may call. Apps deployed before a function is added do
// not see it; a deployed app keeps the functions it uses alive.
class FunctionRegistry {
 public:
  // Registers `name` ("namespace:name", letters, digits and _ on each side). Throws
  // std::invalid_argument when the name is malformed, uses a namespace of the built-in
  // functions (str, regex, math, time, json, geo), is already registered, or when the
  // signature is unusable (a variadic function without parameters, an empty body).
  void add(std::string_view name, FunctionSignature signature, UserFunctionBody body);

  // The function registered under `name`, or null.
  std::shared_ptr<const UserFunction> find(std::string_view name) const;
  std::vector<std::string> names() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const UserFunction>, std::less<>> functions_;
};

// --- plugins ---

// Bump when FunctionRegistry, FunctionSignature, UserFunction or Value change layout.
#define CEPHEUS_PLUGIN_ABI 1

// Defines a plugin's two entry points (C linkage, so their names are not mangled):
//   int cepheus_plugin_abi()                                  returns CEPHEUS_PLUGIN_ABI
//   void cepheus_register_functions(cepheus::FunctionRegistry&)  registers the functions
#define CEPHEUS_PLUGIN(registry)                                                  \
  extern "C" int cepheus_plugin_abi() { return CEPHEUS_PLUGIN_ABI; }             \
  extern "C" void cepheus_register_functions(::cepheus::FunctionRegistry& registry)

// A plugin could not be loaded: not found, not a shared library, no entry point, another ABI,
// or its registration threw.
class PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Loads the shared library at `path` and lets it register its functions into `registry`.
void loadFunctionPlugin(const std::string& path, FunctionRegistry& registry);

}  // namespace cepheus
