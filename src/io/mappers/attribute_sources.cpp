#include "io/mappers/attribute_sources.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace cepheus::io {

std::vector<AttributeSource> attributeSources(const TransportInfo& info, const StreamInfo& stream, bool& mapped) {
  std::vector<AttributeSource> sources(stream.attributes.size());
  mapped = !info.attributeMap.empty();
  for (size_t i = 0; i < stream.attributes.size(); ++i) sources[i].field = stream.attributes[i].name;
  for (const auto& [name, written] : info.attributeMap) {
    for (size_t i = 0; i < stream.attributes.size(); ++i) {
      if (stream.attributes[i].name != name) continue;
      AttributeSource& source = sources[i];
      source.field = written;
      if (written == "trp:topic") source.property = TransportProperty::Topic;
      else if (written == "trp:partition") source.property = TransportProperty::Partition;
      else if (written == "trp:offset") source.property = TransportProperty::Offset;
      else if (written == "trp:key") source.property = TransportProperty::Key;
      else if (written == "trp:record.timestamp") source.property = TransportProperty::RecordTimestamp;
    }
  }
  return sources;
}

namespace {

Value integral(int64_t number, const AttributeInfo& attribute, std::string& error) {
  switch (attribute.type) {
    case Type::Int:
      if (number < std::numeric_limits<int32_t>::min() || number > std::numeric_limits<int32_t>::max()) break;
      return Value::ofInt(static_cast<int32_t>(number));
    case Type::Long:
    case Type::Object: return Value::ofLong(number);
    case Type::Double: return Value::ofDouble(static_cast<double>(number));
    case Type::Float: return Value::ofFloat(static_cast<float>(number));
    case Type::String: return Value::ofString(std::to_string(number));
    case Type::Bool: break;
  }
  error = "attribute '" + attribute.name + "' (" + typeName(attribute.type) + ") cannot hold " + std::to_string(number);
  return Value::null();
}

}  // namespace

Value transportValue(TransportProperty property, const MessageContext& context, const AttributeInfo& attribute,
                     std::string& error) {
  switch (property) {
    case TransportProperty::Topic: return Value::ofString(context.topic);
    case TransportProperty::Key:
      if (!context.hasKey) return Value::null();
      if (attribute.type == Type::String || attribute.type == Type::Object) return Value::ofString(context.key);
      if (auto value = valueFromText(context.key, attribute, error)) return *value;
      return Value::null();
    case TransportProperty::Partition: return integral(context.partition, attribute, error);
    case TransportProperty::Offset: return integral(context.offset, attribute, error);
    case TransportProperty::RecordTimestamp: return integral(context.timestamp, attribute, error);
    case TransportProperty::None: break;
  }
  return Value::null();
}

std::optional<Value> valueFromText(std::string_view text, const AttributeInfo& attribute, std::string& error) {
  auto fail = [&](const char* expected) -> std::optional<Value> {
    error = "attribute '" + attribute.name + "' expects " + expected + ", got '" + std::string(text) + "'";
    return std::nullopt;
  };
  if (attribute.type == Type::String || attribute.type == Type::Object) return Value::ofString(text);
  if (text == "null") return Value::null();
  const char* begin = text.data();
  const char* end = begin + text.size();
  switch (attribute.type) {
    case Type::Int: {
      int32_t n = 0;
      auto [at, ec] = std::from_chars(begin, end, n);
      if (ec != std::errc() || at != end) return fail("an integer in the int range");
      return Value::ofInt(n);
    }
    case Type::Long: {
      int64_t n = 0;
      auto [at, ec] = std::from_chars(begin, end, n);
      if (ec != std::errc() || at != end) return fail("an integer in the long range");
      return Value::ofLong(n);
    }
    case Type::Float: {
      float f = 0;
      auto [at, ec] = std::from_chars(begin, end, f);
      if (ec != std::errc() || at != end || !std::isfinite(f)) return fail("a number");
      return Value::ofFloat(f);
    }
    case Type::Double: {
      double d = 0;
      auto [at, ec] = std::from_chars(begin, end, d);
      if (ec != std::errc() || at != end || !std::isfinite(d)) return fail("a number");
      return Value::ofDouble(d);
    }
    case Type::Bool:
      if (text == "true" || text == "TRUE" || text == "True") return Value::ofBool(true);
      if (text == "false" || text == "FALSE" || text == "False") return Value::ofBool(false);
      return fail("true or false");
    case Type::String:
    case Type::Object: break;
  }
  return Value::ofString(text);
}

}  // namespace cepheus::io
