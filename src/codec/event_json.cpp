#include "codec/event_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "common/json_reader.h"
#include "common/json_text.h"

namespace cepheus::codec {

namespace {

using Json = nlohmann::json;
using Kind = JsonValue::Kind;

// A JSON value as it appears in an error message: as written, cut short so one bad line stays
// one line (at a character boundary, so the message stays valid UTF-8).
std::string shortText(const JsonValue& value) {
  constexpr size_t kMax = 40;
  std::string_view text = value.source;
  if (text.size() <= kMax) return std::string(text);
  size_t end = kMax;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
}

[[noreturn]] void reject(const AttributeInfo& attribute, const std::string& expected,
                         const JsonValue& value) {
  throw EventFormatError("attribute \"" + attribute.name + "\" (" + typeName(attribute.type) +
                         "): expected " + expected + ", got " + shortText(value));
}

// ---- numbers, converted from the text as written

bool isIntegerSyntax(std::string_view text) { return text.find_first_of(".eE") == std::string_view::npos; }

enum class Range { Fits, Overflow };

// The digits of an exponent, capped far beyond any meaningful one so that shifting by it (and
// by the digits of a long fraction) cannot overflow.
int64_t exponentValue(std::string_view digits) {
  constexpr int64_t kCap = 1'000'000'000;
  int64_t exponent = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
  return error != std::errc() || exponent > kCap ? kCap : exponent;
}

// An integral JSON number (100, -5, also 100.0, 1e3, 1.5e1) as int64, exactly: the decimal
// digits are shifted by the exponent instead of going through a double, so 9007199254740993.0
// stays itself. False when the number has a fraction; `range` says whether it fit.
bool integralValue(std::string_view text, int64_t& out, Range& range) {
  range = Range::Fits;
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  size_t exponentAt = text.find_first_of("eE");
  std::string_view mantissa = text.substr(0, exponentAt);
  int64_t exponent = 0;
  if (exponentAt != std::string_view::npos) {
    std::string_view digits = text.substr(exponentAt + 1);
    bool negativeExponent = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    exponent = exponentValue(digits);
    if (negativeExponent) exponent = -exponent;
  }
  size_t point = mantissa.find('.');
  std::string digits(mantissa.substr(0, point));
  if (point != std::string_view::npos) {
    std::string_view fraction = mantissa.substr(point + 1);
    digits += fraction;
    exponent -= static_cast<int64_t>(fraction.size());
  }
  size_t firstSignificant = digits.find_first_not_of('0');
  if (firstSignificant == std::string::npos) {  // zero, whatever the exponent
    out = 0;
    return true;
  }
  digits.erase(0, firstSignificant);
  if (exponent < 0) {  // the digits shifted out must all be zeros
    if (static_cast<uint64_t>(-exponent) >= digits.size()) return false;
    size_t keep = digits.size() - static_cast<size_t>(-exponent);
    if (digits.find_first_not_of('0', keep) != std::string::npos) return false;
    digits.resize(keep);
  } else if (digits.size() + static_cast<uint64_t>(exponent) > 19) {
    range = Range::Overflow;  // 20 or more digits: beyond any int64
    return true;
  } else {
    digits.append(static_cast<size_t>(exponent), '0');
  }
  uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  if (error != std::errc() || magnitude > limit) {
    range = Range::Overflow;
    return true;
  }
  out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

// The decimal order of a non-zero JSON number's first significant digit (1e999 -> 999,
// 0.05 -> -2, 123 -> 2); saturates instead of overflowing.
int64_t decimalOrder(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  size_t exponentAt = text.find_first_of("eE");
  int64_t exponent = 0;
  if (exponentAt != std::string_view::npos) {
    std::string_view digits = text.substr(exponentAt + 1);
    bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    exponent = exponentValue(digits);
    if (negative) exponent = -exponent;
  }
  std::string_view mantissa = text.substr(0, exponentAt);
  size_t point = std::min(mantissa.find('.'), mantissa.size());
  size_t first = mantissa.find_first_not_of("0.");
  if (first == std::string_view::npos) return std::numeric_limits<int32_t>::min();  // zero
  int64_t order = first < point ? static_cast<int64_t>(point - first) - 1 : -static_cast<int64_t>(first - point);
  return order + exponent;
}

// A JSON number as a float or double, correctly rounded. False when its magnitude is beyond
// the type's range; numbers too small for it become zero (of their sign), as in Java.
template <typename Floating>
bool floatingValue(std::string_view text, Floating& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (error == std::errc()) return true;
  // from_chars says "out of range" both ways: tell overflow from underflow by the order.
  if (decimalOrder(text) > 0) return false;
  out = text.front() == '-' ? -Floating(0) : Floating(0);
  return true;
}

// ---- values by attribute type

Value objectValue(const JsonValue& value, const AttributeInfo& attribute) {
  switch (value.kind) {
    case Kind::Null: return Value::null();
    case Kind::True: return Value::ofBool(true);
    case Kind::False: return Value::ofBool(false);
    case Kind::String: return Value::ofString(value.text);
    case Kind::Number: {
      int64_t n = 0;
      Range range = Range::Fits;
      if (isIntegerSyntax(value.text) && integralValue(value.text, n, range) && range == Range::Fits)
        return Value::ofLong(n);
      double d = 0;
      if (!floatingValue(value.text, d)) reject(attribute, "a number in the double range", value);
      return Value::ofDouble(d);
    }
    case Kind::Array:
    case Kind::Object: return Value::ofObject(new JsonText(value.text));
  }
  return Value::null();
}

}  // namespace

Value decodeValue(const JsonValue& value, const AttributeInfo& attribute) {
  if (value.kind == Kind::Null) return Value::null();
  switch (attribute.type) {
    case Type::Int:
    case Type::Long: {
      bool isInt = attribute.type == Type::Int;
      int64_t n = 0;
      Range range = Range::Fits;
      if (value.kind != Kind::Number || !integralValue(value.text, n, range)) {
        reject(attribute, isInt ? "an integer" : "an integer in the long range", value);
      }
      if (range == Range::Overflow ||
          (isInt && (n < std::numeric_limits<int32_t>::min() || n > std::numeric_limits<int32_t>::max()))) {
        reject(attribute, isInt ? "an integer in the int range" : "an integer in the long range", value);
      }
      return isInt ? Value::ofInt(static_cast<int32_t>(n)) : Value::ofLong(n);
    }
    case Type::Float: {
      float f = 0;
      if (value.kind != Kind::Number) reject(attribute, "a number", value);
      if (!floatingValue(value.text, f)) reject(attribute, "a number in the float range", value);
      return Value::ofFloat(f);
    }
    case Type::Double: {
      double d = 0;
      if (value.kind != Kind::Number) reject(attribute, "a number", value);
      if (!floatingValue(value.text, d)) reject(attribute, "a number in the double range", value);
      return Value::ofDouble(d);
    }
    case Type::Bool:
      if (value.kind != Kind::True && value.kind != Kind::False) reject(attribute, "true or false", value);
      return Value::ofBool(value.kind == Kind::True);
    case Type::String:
      if (value.kind != Kind::String) reject(attribute, "a string", value);
      return Value::ofString(value.text);
    case Type::Object:
      return objectValue(value, attribute);
  }
  reject(attribute, "a known type", value);
}

namespace {

// The event object and its array of values are read structured; values inside the array (an
// object attribute's JSON) only as compact text.
constexpr int kStructuredLevels = 2;

JsonValue parseLine(std::string_view line) {
  try {
    return readJsonLine(line, kStructuredLevels);
  } catch (const JsonSyntaxError& error) {
    throw EventFormatError("invalid JSON at column " + std::to_string(error.column()) + ": " + error.what());
  }
}

// The member `key` of the event; throws when it is missing or given twice.
const JsonValue& member(const JsonValue& event, std::string_view key) {
  const JsonValue* found = nullptr;
  for (const auto& [name, value] : event.members) {
    if (name != key) continue;
    if (found) throw EventFormatError("\"" + std::string(key) + "\" is given twice");
    found = &value;
  }
  if (!found) throw EventFormatError("missing \"" + std::string(key) + "\"");
  return *found;
}

std::string attributeNames(const StreamInfo& stream) {
  std::string names;
  for (const AttributeInfo& attribute : stream.attributes) {
    if (!names.empty()) names += ", ";
    names += attribute.name;
  }
  return names;
}

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  // Most strings (symbols, ids) need no escaping: copy them straight through.
  bool plain = true;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x80 || c == '"' || c == '\\') {
      plain = false;
      break;
    }
  }
  if (plain) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  // Invalid UTF-8 (a substring cut through a character) becomes U+FFFD, so the output stays
  // valid JSON for any reader.
  out += Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

// The shortest round-trip text of a double that has one to four decimals and a magnitude from 1
// to 10^8 (a price, an amount), found without the general shortest-digits search: the fewest
// decimals k whose rounding m = |number| * 10^k gives the number back exactly (m / 10^k == it).
// When it answers, the text is std::to_chars's, digit for digit: |number| * 10^k stays below
// 2^40, so the product's rounding error (under 2^-13) cannot pick another integer than the one
// that reads back, no shorter text reads back (fewer decimals were tried first), and a fixed
// form is shorter than a scientific one here. It answers false for any other number. Half of
// the time the Kafka sink spent rendering a record's JSON went into to_chars for its price.
bool appendShortDecimal(std::string& out, double number) {
  const double magnitude = std::fabs(number);
  if (!(magnitude >= 1.0 && magnitude < 1e8)) return false;
  // A number with at most four decimals times 10^4 is within 2^-12 of an integer; most others
  // (an average, a ratio) are not, and are left to to_chars after one multiplication.
  const double scaled4 = magnitude * 1e4;
  if (std::fabs(scaled4 - std::nearbyint(scaled4)) > 1e-3) return false;
  constexpr double kScales[] = {10.0, 100.0, 1000.0, 10000.0};
  for (int decimals = 1; decimals <= 4; ++decimals) {
    const double scale = kScales[decimals - 1];
    const double scaled = std::nearbyint(magnitude * scale);
    if (scaled / scale != magnitude) continue;
    auto digits = static_cast<uint64_t>(scaled);
    if (digits % 10 == 0) return false;  // an integer: to_chars's form, and then ".0"
    char text[32];
    char* end = text + sizeof text;
    char* at = end;
    for (int i = 0; i < decimals; ++i) {
      *--at = static_cast<char>('0' + digits % 10);
      digits /= 10;
    }
    *--at = '.';
    do {
      *--at = static_cast<char>('0' + digits % 10);
      digits /= 10;
    } while (digits > 0);
    if (number < 0) *--at = '-';
    out.append(at, end);
    return true;
  }
  return false;
}

template <typename Number>
void appendNumber(std::string& out, Number number) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out.append(buffer, result.ptr);
}

// Shortest round-trip text; "10" becomes "10.0" so readers still see a floating-point number.
template <typename Floating>
void appendFloating(std::string& out, Floating number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  if constexpr (std::is_same_v<Floating, double>) {
    if (appendShortDecimal(out, number)) return;
  }
  size_t start = out.size();
  appendNumber(out, number);
  if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
}

}  // namespace

void appendValueJson(std::string& out, const Value& value) {
  switch (value.tag()) {
    case Value::Tag::Null:
      out += "null";
      break;
    case Value::Tag::Int:
    case Value::Tag::Long:
      appendNumber(out, value.asLong());
      break;
    case Value::Tag::Float:
      appendFloating(out, value.asFloat());
      break;
    case Value::Tag::Double:
      appendFloating(out, value.asDouble());
      break;
    case Value::Tag::Bool:
      out += value.asBool() ? "true" : "false";
      break;
    case Value::Tag::InlineString:
    case Value::Tag::HeapString:
      appendJsonString(out, value.asString());
      break;
    case Value::Tag::Object:
      // JSON that came in as an array or object leaves as the same JSON; other objects (sets)
      // have no JSON form and are printed as their text.
      if (auto* json = dynamic_cast<const JsonText*>(value.asObject())) {
        out += json->text();
      } else {
        appendJsonString(out, value.toString());
      }
      break;
  }
}

int64_t decodeTimestamp(const JsonValue& ts, std::string_view what) {
  int64_t timestamp = 0;
  Range range = Range::Fits;
  if (ts.kind != Kind::Number || !isIntegerSyntax(ts.text) || !integralValue(ts.text, timestamp, range) ||
      range != Range::Fits) {
    throw EventFormatError("\"" + std::string(what) + "\" must be an integer (milliseconds), got " + shortText(ts));
  }
  return timestamp;
}

DecodedEvent decodeEvent(std::string_view line, const StreamLookup& lookup) {
  JsonValue event = parseLine(line);
  if (event.kind != Kind::Object) throw EventFormatError("expected a JSON object");

  const JsonValue& name = member(event, "stream");
  if (name.kind != Kind::String) throw EventFormatError("\"stream\" must be a string");
  const std::string& streamName = name.text;
  DecodedEvent decoded;
  decoded.stream = lookup(streamName);
  if (!decoded.stream) throw EventFormatError("unknown stream \"" + streamName + "\"");

  decoded.timestamp = decodeTimestamp(member(event, "ts"), "ts");

  const JsonValue& data = member(event, "data");
  if (data.kind != Kind::Array) throw EventFormatError("\"data\" must be an array");
  const std::vector<AttributeInfo>& attributes = decoded.stream->attributes;
  if (data.items.size() != attributes.size()) {
    throw EventFormatError(
        "stream \"" + streamName + "\" has " + std::to_string(attributes.size()) + " attributes (" +
        attributeNames(*decoded.stream) + "), got " + std::to_string(data.items.size()) + " values");
  }
  decoded.data.reserve(attributes.size());
  for (size_t i = 0; i < attributes.size(); ++i) {
    decoded.data.push_back(decodeValue(data.items[i], attributes[i]));
  }
  return decoded;
}

void appendEventJson(std::string& out, std::string_view stream, int64_t timestamp,
                     std::span<const Value> data) {
  out += "{\"stream\":";
  appendJsonString(out, stream);
  out += ",\"ts\":";
  appendNumber(out, timestamp);
  out += ",\"data\":[";
  for (size_t i = 0; i < data.size(); ++i) {
    if (i > 0) out += ',';
    appendValueJson(out, data[i]);
  }
  out += "]}";
}

void appendQueryRowJson(std::string& out, std::string_view query, std::span<const Value> data) {
  out += "{\"query\":";
  appendJsonString(out, query);
  out += ",\"data\":[";
  for (size_t i = 0; i < data.size(); ++i) {
    if (i > 0) out += ',';
    appendValueJson(out, data[i]);
  }
  out += "]}";
}

}  // namespace cepheus::codec
