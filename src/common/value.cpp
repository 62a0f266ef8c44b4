#include "cepheus/value.h"

#include <charconv>
#include <cmath>
#include <functional>

namespace cepheus {

namespace {

// Strings longer than a value's inline space live in one shared immutable block.
class HeapString final : public RefCounted {
 public:
  explicit HeapString(std::string_view s) : text(s) {}
  const std::string text;
};

// Java's Double.toString: plain notation with at least one fractional digit for
// 1e-3 <= |d| < 1e7, otherwise computerized scientific notation ("1.0E10").
std::string javaDoubleText(double d, bool isFloat) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char digits[64];
  auto result = isFloat ? std::to_chars(digits, digits + sizeof digits, static_cast<float>(d),
                                        std::chars_format::scientific)
                        : std::to_chars(digits, digits + sizeof digits, d,
                                        std::chars_format::scientific);
  std::string sci(digits, result.ptr);  // e.g. "-1.2345e+03"
  size_t e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  bool negative = sci[0] == '-';
  std::string mantissa = sci.substr(negative ? 1 : 0, e - (negative ? 1 : 0));
  std::string allDigits;
  for (char c : mantissa)
    if (c != '.') allDigits += c;
  std::string out = negative ? "-" : "";
  double magnitude = std::fabs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      std::string intPart = allDigits.substr(0, std::min<size_t>(allDigits.size(), exponent + 1));
      while (intPart.size() < static_cast<size_t>(exponent + 1)) intPart += '0';
      std::string frac = allDigits.size() > static_cast<size_t>(exponent + 1)
                             ? allDigits.substr(exponent + 1)
                             : "0";
      out += intPart + "." + frac;
    } else {
      out += "0." + std::string(-exponent - 1, '0') + allDigits;
    }
    return out;
  }
  std::string frac = allDigits.size() > 1 ? allDigits.substr(1) : "0";
  out += allDigits.substr(0, 1) + "." + frac + "E" + std::to_string(exponent);
  return out;
}

}  // namespace

void Value::retainHeap() const { heap()->retain(); }
void Value::releaseHeap() const { heap()->release(); }

const char* typeName(Type type) {
  switch (type) {
    case Type::String: return "string";
    case Type::Int: return "int";
    case Type::Long: return "long";
    case Type::Float: return "float";
    case Type::Double: return "double";
    case Type::Bool: return "bool";
    case Type::Object: return "object";
  }
  return "?";
}

bool isNumeric(Type type) {
  return type == Type::Int || type == Type::Long || type == Type::Float || type == Type::Double;
}

Value Value::ofString(std::string_view s) {
  Value v;
  if (s.size() <= sizeof v.bytes_) {
    std::memset(v.bytes_, 0, sizeof v.bytes_);  // zero padding: equal strings are equal bytes
    std::memcpy(v.bytes_, s.data(), s.size());
    v.length_ = static_cast<uint8_t>(s.size());
    v.tag_ = Tag::InlineString;
  } else {
    const RefCounted* block = new HeapString(s);
    std::memcpy(v.bytes_, &block, sizeof block);
    v.tag_ = Tag::HeapString;
  }
  return v;
}

Value Value::ofObject(const Object* object) {
  Value v;
  if (!object) return v;
  const RefCounted* block = object;
  std::memcpy(v.bytes_, &block, sizeof block);
  v.tag_ = Tag::Object;
  return v;
}

std::string_view Value::asString() const {
  if (tag_ == Tag::InlineString) return {reinterpret_cast<const char*>(bytes_), length_};
  // Empty for a value that is not a string at all: a value of the wrong type (which only a
  // tampered snapshot can hold) reads as nothing rather than as a pointer.
  if (tag_ != Tag::HeapString) return {};
  return static_cast<const HeapString*>(heap())->text;
}

bool Value::equalsSlow(const Value& other) const {
  if (isString() && other.isString()) return asString() == other.asString();
  if (tag_ != other.tag_) return false;
  switch (tag_) {
    case Tag::Null: return true;
    case Tag::Int:
    case Tag::Long:
    case Tag::Bool: return asLong() == other.asLong();
    case Tag::Float: return asFloat() == other.asFloat();
    case Tag::Double: return asDouble() == other.asDouble();
    case Tag::Object: return asObject() == other.asObject() || asObject()->equals(*other.asObject());
    default: return false;
  }
}

size_t Value::hashSlow() const {
  switch (tag_) {
    case Tag::Null: return 0x9e3779b9;
    case Tag::InlineString:
    case Tag::HeapString: return std::hash<std::string_view>()(asString());
    case Tag::Float: return std::hash<float>()(asFloat());
    case Tag::Double: return std::hash<double>()(asDouble());
    case Tag::Object: return asObject()->hash();
    default: return std::hash<int64_t>()(asLong()) ^ static_cast<size_t>(tag_);
  }
}

std::string Value::toString() const {
  switch (tag_) {
    case Tag::Null: return "null";
    case Tag::Int:
    case Tag::Long: return std::to_string(asLong());
    case Tag::Float: return javaDoubleText(asFloat(), true);
    case Tag::Double: return javaDoubleText(asDouble(), false);
    case Tag::Bool: return asBool() ? "true" : "false";
    case Tag::InlineString:
    case Tag::HeapString: return std::string(asString());
    case Tag::Object: return asObject()->toString();
  }
  return "";
}

}  // namespace cepheus
