// Helpers shared by the parser tests.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "parse/parser.h"

namespace cepheus::parse::test {

inline std::string describe(const Diagnostics& errors) {
  std::string text;
  for (const Diagnostic& d : errors) text += d.format("app") + "\n";
  return text;
}

// Parses an app that must have no syntax errors; throws (failing the test) with them otherwise.
inline std::unique_ptr<ast::App> parseOk(std::string_view text) {
  AppParse result = parseApp(text);
  if (!result.errors.empty() || !result.app) {
    throw std::runtime_error("unexpected syntax errors:\n" + describe(result.errors));
  }
  return std::move(result.app);
}

// The app's `index`-th query or partition element must be a query.
inline const ast::Query& queryAt(const ast::App& app, size_t index = 0) {
  if (index >= app.elements.size() || !app.elements[index].query) {
    throw std::runtime_error("no query at element " + std::to_string(index));
  }
  return *app.elements[index].query;
}

// Errors as "line:col: message", in the order reported.
inline std::vector<std::string> errorsOf(std::string_view text) {
  AppParse result = parseApp(text);
  std::vector<std::string> errors;
  for (const Diagnostic& d : result.errors) {
    // Code in messages is quoted once: a literal never shows as ''abc''.
    if (d.message.find("''") != std::string::npos)
      throw std::runtime_error("a literal quoted twice: " + d.message);
    errors.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message);
  }
  if (!errors.empty() && result.app) throw std::runtime_error("an app despite syntax errors");
  return errors;
}

}  // namespace cepheus::parse::test
