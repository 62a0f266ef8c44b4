// A strict JSON reader (RFC 8259) for one line of input, made for the event codec: numbers keep
// the text they were written as (so a value out of range is echoed as written, and converted
// exactly by the attribute's type), and nesting of any depth is read without recursion.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cepheus {

// The line is not one JSON value; what() says what is wrong, column() where (1-based, bytes).
class JsonSyntaxError : public std::runtime_error {
 public:
  JsonSyntaxError(size_t column, const std::string& what) : std::runtime_error(what), column_(column) {}
  size_t column() const { return column_; }

 private:
  size_t column_;
};

struct JsonValue {
  enum class Kind { Null, False, True, Number, String, Array, Object };
  Kind kind = Kind::Null;
  // Number: the number as written. String: the decoded text (valid UTF-8). Array and Object
  // read as a whole (below the structured levels): the value as compact JSON text.
  std::string text;
  std::vector<JsonValue> items;                             // a structured Array
  std::vector<std::pair<std::string, JsonValue>> members;  // a structured Object, in order
  std::string_view source;                                  // the value as written in the line

  bool isCompound() const { return kind == Kind::Array || kind == Kind::Object; }
};

// Reads a line that holds exactly one JSON value (whitespace around it allowed). Arrays and
// objects of the first `structuredLevels` levels are read into items and members (the top level
// is level 0); deeper ones only into their compact text, at no cost in stack depth.
// Throws JsonSyntaxError.
JsonValue readJsonLine(std::string_view line, int structuredLevels);

}  // namespace cepheus
