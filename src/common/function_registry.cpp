// The registry of user functions (include/cepheus/functions.h). It lives below every stage:
// the analyzer checks calls against the signatures, the planner compiles the bodies.
#include <cctype>

#include "cepheus/functions.h"

namespace cepheus {

namespace {

// The namespaces of the built-in extension functions: a user function there would shadow or
// be shadowed by a built-in one, depending on lookup order, so neither may happen.
constexpr std::string_view kBuiltInNamespaces[] = {"str", "regex", "math", "time", "json", "geo"};

bool isIdentifier(std::string_view part) {
  if (part.empty() || std::isdigit(static_cast<unsigned char>(part.front()))) return false;
  for (char c : part)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

}  // namespace

void FunctionRegistry::add(std::string_view name, FunctionSignature signature, UserFunctionBody body) {
  size_t colon = name.find(':');
  if (colon == std::string_view::npos || !isIdentifier(name.substr(0, colon)) ||
      !isIdentifier(name.substr(colon + 1)))
    throw std::invalid_argument("user function name '" + std::string(name) +
                                "' must be namespace:name (letters, digits and _)");
  std::string_view ns = name.substr(0, colon);
  for (std::string_view reserved : kBuiltInNamespaces)
    if (ns == reserved)
      throw std::invalid_argument("user function '" + std::string(name) + "': namespace '" +
                                  std::string(ns) + "' belongs to the built-in functions");
  if (signature.variadic && signature.parameters.empty())
    throw std::invalid_argument("user function '" + std::string(name) +
                                "': a variadic function needs at least one parameter");
  if (!body) throw std::invalid_argument("user function '" + std::string(name) + "' has no body");

  auto function = std::make_shared<UserFunction>();
  function->name = std::string(name);
  function->signature = std::move(signature);
  function->body = std::move(body);
  std::lock_guard lock(mutex_);
  if (!functions_.emplace(function->name, function).second)
    throw std::invalid_argument("user function '" + std::string(name) + "' is already registered");
}

std::shared_ptr<const UserFunction> FunctionRegistry::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : it->second;
}

std::vector<std::string> FunctionRegistry::names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, function] : functions_) out.push_back(name);
  return out;
}

}  // namespace cepheus
