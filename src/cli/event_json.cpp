#include "cli/event_json.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace cepheus::cli {

namespace {

using Json = nlohmann::json;

// A JSON value as it appears in an error message, cut short so one bad line stays one line.
std::string shortText(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  constexpr size_t kMax = 40;
  return text.size() <= kMax ? text : text.substr(0, kMax) + "...";
}

[[noreturn]] void reject(const AttributeInfo& attribute, const std::string& expected,
                         const Json& value) {
  throw EventFormatError("attribute \"" + attribute.name + "\" (" + typeName(attribute.type) +
                         "): expected " + expected + ", got " + shortText(value));
}

// JSON integers, and floating-point numbers without a fraction (100.0, 1e3), as int64.
bool integralValue(const Json& value, int64_t& out) {
  if (value.is_number_unsigned()) {
    uint64_t u = value.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
    out = static_cast<int64_t>(u);
    return true;
  }
  if (value.is_number_integer()) {
    out = value.get<int64_t>();
    return true;
  }
  if (value.is_number_float()) {
    double d = value.get<double>();
    // 2^63 is exactly representable; anything at or beyond it does not fit.
    if (!std::isfinite(d) || d != std::trunc(d) || d < -0x1p63 || d >= 0x1p63) return false;
    out = static_cast<int64_t>(d);
    return true;
  }
  return false;
}

Value objectValue(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      return Value::ofString(value.get_ref<const std::string&>());
    case Json::value_t::number_integer:
      return Value::ofLong(value.get<int64_t>());
    case Json::value_t::number_unsigned: {
      int64_t n = 0;
      return integralValue(value, n) ? Value::ofLong(n) : Value::ofDouble(value.get<double>());
    }
    case Json::value_t::number_float:
      return Value::ofDouble(value.get<double>());
    case Json::value_t::boolean:
      return Value::ofBool(value.get<bool>());
    default:
      return Value::ofString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
}

Value toValue(const Json& value, const AttributeInfo& attribute) {
  if (value.is_null()) return Value::null();
  switch (attribute.type) {
    case Type::Int: {
      int64_t n = 0;
      if (!integralValue(value, n)) reject(attribute, "an integer", value);
      if (n < std::numeric_limits<int32_t>::min() || n > std::numeric_limits<int32_t>::max()) {
        reject(attribute, "an integer in the int range", value);
      }
      return Value::ofInt(static_cast<int32_t>(n));
    }
    case Type::Long: {
      int64_t n = 0;
      if (!integralValue(value, n)) reject(attribute, "an integer in the long range", value);
      return Value::ofLong(n);
    }
    case Type::Float: {
      if (!value.is_number()) reject(attribute, "a number", value);
      double d = value.get<double>();
      if (std::fabs(d) > std::numeric_limits<float>::max()) {
        reject(attribute, "a number in the float range", value);
      }
      return Value::ofFloat(static_cast<float>(d));
    }
    case Type::Double:
      if (!value.is_number()) reject(attribute, "a number", value);
      return Value::ofDouble(value.get<double>());
    case Type::Bool:
      if (!value.is_boolean()) reject(attribute, "true or false", value);
      return Value::ofBool(value.get<bool>());
    case Type::String:
      if (!value.is_string()) reject(attribute, "a string", value);
      return Value::ofString(value.get_ref<const std::string&>());
    case Type::Object:
      return objectValue(value);
  }
  reject(attribute, "a known type", value);
}

Json parseLine(std::string_view line) {
  try {
    return Json::parse(line);
  } catch (const Json::parse_error& error) {
    // what() reads "[json.exception.parse_error.101] parse error at line 1, column 5: ...";
    // keep the part after the position, which is the useful one for a one-line document.
    std::string what = error.what();
    size_t detail = what.find(": ");
    throw EventFormatError("invalid JSON at column " + std::to_string(error.byte) + ": " +
                           (detail == std::string::npos ? what : what.substr(detail + 2)));
  }
}

const Json& member(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) throw EventFormatError(std::string("missing \"") + key + "\"");
  return *it;
}

std::string attributeNames(const StreamInfo& stream) {
  std::string names;
  for (const AttributeInfo& attribute : stream.attributes) {
    if (!names.empty()) names += ", ";
    names += attribute.name;
  }
  return names;
}

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
  size_t start = out.size();
  appendNumber(out, number);
  if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
}

void appendValue(std::string& out, const Value& value) {
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
      appendJsonString(out, value.toString());
      break;
  }
}

}  // namespace

DecodedEvent decodeEvent(std::string_view line, const StreamLookup& lookup) {
  Json event = parseLine(line);
  if (!event.is_object()) throw EventFormatError("expected a JSON object");

  const Json& name = member(event, "stream");
  if (!name.is_string()) throw EventFormatError("\"stream\" must be a string");
  const std::string& streamName = name.get_ref<const std::string&>();
  DecodedEvent decoded;
  decoded.stream = lookup(streamName);
  if (!decoded.stream) throw EventFormatError("unknown stream \"" + streamName + "\"");

  const Json& ts = member(event, "ts");
  if (!ts.is_number_integer() || !integralValue(ts, decoded.timestamp)) {
    throw EventFormatError("\"ts\" must be an integer (milliseconds), got " + shortText(ts));
  }

  const Json& data = member(event, "data");
  if (!data.is_array()) throw EventFormatError("\"data\" must be an array");
  const std::vector<AttributeInfo>& attributes = decoded.stream->attributes;
  if (data.size() != attributes.size()) {
    throw EventFormatError(
        "stream \"" + streamName + "\" has " + std::to_string(attributes.size()) + " attributes (" +
        attributeNames(*decoded.stream) + "), got " + std::to_string(data.size()) + " values");
  }
  decoded.data.reserve(attributes.size());
  for (size_t i = 0; i < attributes.size(); ++i) {
    decoded.data.push_back(toValue(data[i], attributes[i]));
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
    appendValue(out, data[i]);
  }
  out += "]}";
}

}  // namespace cepheus::cli
