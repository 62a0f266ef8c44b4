// JSON paths as the json: functions take them (Jayway JsonPath syntax, which Siddhi uses):
// $.a.b, $['a'], $.list[0], $.list[-1], $.list[*], $.list[0,2], $.list[1:3], $..name, $.* .
// Filters ([?(...)]) and path functions (.length()) are not supported and say so.
//
// Shared by the analyzer (constant paths are checked at deploy time) and the planner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cepheus {

struct JsonPathStep {
  enum class Kind {
    Child,     // .name or ['name']; several names for ['a','b']
    Index,     // [n] (negative counts from the end); several for [0,2]
    Slice,     // [from:to]
    Wildcard,  // .* or [*]
  };
  Kind kind = Kind::Child;
  bool deep = false;  // reached with .. (this step applies at any depth)
  std::vector<std::string> names;
  std::vector<int64_t> indices;
  std::optional<int64_t> from, to;  // Slice
};

struct JsonPath {
  std::string text;
  std::vector<JsonPathStep> steps;
  // A definite path names at most one value (no wildcard, deep scan, slice or union).
  bool definite = true;

  // Null with the reason in `error`. As Jayway, a path that does not start with $ is read as
  // if it did ("name" is "$.name").
  static std::optional<JsonPath> parse(std::string_view text, std::string& error);
};

}  // namespace cepheus
