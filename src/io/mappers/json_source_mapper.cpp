// The json map of a source: Siddhi's default form {"event":{"symbol":"IBM","price":10.5}}, a
// plain object of the attributes, a JSON array of either, Cepheus's own form
// {"ts":1000,"data":["IBM",10.5]}, or @attributes(name='$.a.b') paths into any object. Parsed
// with simdjson's DOM parser, which picks the fastest kernel of the CPU it runs on (the on-demand
// API only has the one the compiler targeted: the portable fallback for a generic x86-64 build).
// Fields the stream does not have are ignored (messages from other systems carry more than a
// rule needs); a missing attribute makes the message malformed, as Siddhi's
// fail.on.missing.attribute does by default.
#include <simdjson.h>

#include "codec/event_json.h"
#include "common/json_reader.h"
#include "io/mappers/attribute_sources.h"
#include "io/mappers/mapper_factories.h"

namespace cepheus::io {

namespace {

namespace dom = simdjson::dom;

// "$.a.b[0]" -> "/a/b/0" (a JSON pointer); "$" alone is the whole document.
std::string pointerOf(const std::string& path) {
  std::string pointer;
  size_t i = path.rfind("$", 0) == 0 ? 1 : 0;
  while (i < path.size()) {
    char c = path[i];
    if (c == '.') {
      pointer += '/';
      ++i;
    } else if (c == '[') {
      size_t end = path.find(']', i);
      if (end == std::string::npos) end = path.size();
      std::string inside = path.substr(i + 1, end - i - 1);
      if (inside.size() >= 2 && (inside.front() == '\'' || inside.front() == '"')) inside = inside.substr(1, inside.size() - 2);
      pointer += '/' + inside;
      i = end + 1;
    } else {
      if (c == '~') pointer += "~0";
      else if (c == '/') pointer += "~1";
      else pointer += c;
      ++i;
    }
  }
  return pointer;
}

class JsonSourceMapper : public SourceMapper {
 public:
  JsonSourceMapper(const TransportInfo& info, const StreamInfo& stream) : stream_(stream) {
    sources_ = attributeSources(info, stream, mapped_);
    for (AttributeSource& source : sources_)
      if (source.property == TransportProperty::None) pointers_.push_back(pointerOf(source.field));
      else pointers_.emplace_back();
    seen_.resize(stream.attributes.size());
  }

  bool decode(std::string_view message, const MessageContext& context, int64_t timestamp, codec::EventBatch& out,
              std::string& error) override {
    size_t before = out.size();
    buffer_.assign(message);
    buffer_.append(simdjson::SIMDJSON_PADDING, '\0');
    try {
      dom::element document;
      simdjson::error_code code = parser_.parse(buffer_.data(), message.size(), false).get(document);
      if (code) {
        error = std::string("not JSON: ") + simdjson::error_message(code);
        return false;
      }
      bool ok = mapped_ ? decodeMapped(document, context, timestamp, out, error)
                        : decodeDocument(document, message, context, timestamp, out, error);
      if (ok) return true;
    } catch (const simdjson::simdjson_error& failure) {
      error = std::string("not JSON: ") + simdjson::error_message(failure.error());
    } catch (const std::runtime_error& failure) {  // an object attribute's JSON, its value's type
      error = failure.what();
    }
    truncate(out, before);
    return false;
  }

 private:
  static void truncate(codec::EventBatch& batch, size_t events) {
    batch.timestamps.resize(events);
    batch.values.resize(events * batch.width);
  }

  bool decodeDocument(dom::element document, std::string_view message, const MessageContext& context,
                      int64_t timestamp, codec::EventBatch& out, std::string& error) {
    if (document.is_array()) {
      size_t count = 0;
      dom::array events = document.get_array().value();  // a copy: value() of a temporary dangles
      for (dom::element value : events) {
        if (!value.is_object()) {
          error = "event " + std::to_string(count) + " of the array is not a JSON object";
          return false;
        }
        if (!decodeEventObject(value.get_object().value(), context, timestamp, out, error, count)) return false;
        ++count;
      }
      return true;
    }
    if (!document.is_object()) {
      error = "expected a JSON object or an array of them";
      return false;
    }
    return decodeEventObject(document.get_object().value(), context, timestamp, out, error, std::nullopt, message);
  }

  // {"event":{...}} or a plain object of the attributes (or, from the whole message, Cepheus's
  // {"ts":..,"data":[..]} form, which the codec reads).
  bool decodeEventObject(dom::object object, const MessageContext& context, int64_t timestamp, codec::EventBatch& out,
                         std::string& error, std::optional<size_t> index, std::string_view whole = {}) {
    std::string where = index ? "event " + std::to_string(*index) + ": " : "";
    std::fill(seen_.begin(), seen_.end(), false);
    size_t row = out.size();
    out.timestamps.push_back(timestamp);
    out.values.resize(out.values.size() + out.width);
    Value* values = out.values.data() + row * out.width;
    bool first = true;
    for (dom::key_value_pair field : object) {
      std::string_view key = field.key;
      if (first && (key == "ts" || key == "data" || key == "stream") && !whole.empty() && !hasAttribute(key)) {
        return decodeCepheusForm(whole, timestamp, out, error, row);
      }
      if (first && key == "event" && !hasAttribute("event")) {
        if (!field.value.is_object()) {
          error = where + "\"event\" is not a JSON object";
          return false;
        }
        dom::object inner = field.value.get_object().value();
        for (dom::key_value_pair member : inner)
          if (!readField(member.key, member.value, values, where, error)) return false;
        break;
      }
      first = false;
      if (!readField(key, field.value, values, where, error)) return false;
    }
    return finishRow(values, context, where, error);
  }

  bool decodeCepheusForm(std::string_view whole, int64_t timestamp, codec::EventBatch& out, std::string& error,
                         size_t row) {
    truncate(out, row);
    codec::DecodedBody body = codec::decodeStreamBody(whole, stream_, timestamp);
    if (!body.bodyError.empty() || !body.rejected.empty() || body.events.size() != 1) {
      error = !body.bodyError.empty() ? body.bodyError : body.rejected.empty() ? "not one event" : body.rejected[0].message;
      return false;
    }
    out.timestamps.push_back(body.events.timestamps[0]);
    out.values.insert(out.values.end(), body.events.values.begin(), body.events.values.end());
    return true;
  }

  bool hasAttribute(std::string_view name) const {
    for (const AttributeInfo& attribute : stream_.attributes)
      if (attribute.name == name) return true;
    return false;
  }

  bool readField(std::string_view key, dom::element value, Value* values, const std::string& where, std::string& error) {
    for (size_t i = 0; i < stream_.attributes.size(); ++i) {
      if (seen_[i] || stream_.attributes[i].name != key) continue;
      seen_[i] = true;
      return readValue(value, stream_.attributes[i], values[i], where, error);
    }
    return true;  // not an attribute: ignored
  }

  bool finishRow(Value* values, const MessageContext& context, const std::string& where, std::string& error) {
    for (size_t i = 0; i < stream_.attributes.size(); ++i) {
      if (sources_[i].property != TransportProperty::None) {
        values[i] = transportValue(sources_[i].property, context, stream_.attributes[i], error);
        if (!error.empty()) return false;
        continue;
      }
      if (!seen_[i]) {
        error = where + "attribute '" + stream_.attributes[i].name + "' is missing";
        return false;
      }
    }
    return true;
  }

  bool decodeMapped(dom::element document, const MessageContext& context, int64_t timestamp, codec::EventBatch& out,
                    std::string& error) {
    size_t row = out.size();
    out.timestamps.push_back(timestamp);
    out.values.resize(out.values.size() + out.width);
    Value* values = out.values.data() + row * out.width;
    std::fill(seen_.begin(), seen_.end(), true);
    for (size_t i = 0; i < stream_.attributes.size(); ++i) {
      if (sources_[i].property != TransportProperty::None) continue;
      auto found = document.at_pointer(pointers_[i]);
      if (found.error() == simdjson::NO_SUCH_FIELD || found.error() == simdjson::INDEX_OUT_OF_BOUNDS) {
        error = "attribute '" + stream_.attributes[i].name + "': nothing at " + sources_[i].field;
        return false;
      }
      if (found.error()) {
        error = "attribute '" + stream_.attributes[i].name + "': " + sources_[i].field + ": " +
                simdjson::error_message(found.error());
        return false;
      }
      if (!readValue(found.value(), stream_.attributes[i], values[i], "", error)) return false;
    }
    return finishRow(values, context, "", error);
  }

  static bool readValue(dom::element value, const AttributeInfo& attribute, Value& into, const std::string& where,
                        std::string& error) {
    dom::element_type type = value.type();
    if (type == dom::element_type::NULL_VALUE) {
      into = Value::null();
      return true;
    }
    auto fail = [&](const char* expected) {
      error = where + "attribute '" + attribute.name + "' expects " + expected;
      return false;
    };
    bool number = type == dom::element_type::INT64 || type == dom::element_type::UINT64 || type == dom::element_type::DOUBLE;
    switch (attribute.type) {
      case Type::String:
        if (type != dom::element_type::STRING) return fail("a string");
        into = Value::ofString(value.get_string().value());
        return true;
      case Type::Int:
      case Type::Long: {
        int64_t n = 0;
        if (type != dom::element_type::INT64 || value.get_int64().get(n))
          return fail(attribute.type == Type::Int ? "an integer in the int range" : "an integer in the long range");
        if (attribute.type == Type::Int) {
          if (n < INT32_MIN || n > INT32_MAX) return fail("an integer in the int range");
          into = Value::ofInt(static_cast<int32_t>(n));
        } else {
          into = Value::ofLong(n);
        }
        return true;
      }
      case Type::Float:
      case Type::Double: {
        double d = 0;
        if (!number || value.get_double().get(d)) return fail("a number");
        into = attribute.type == Type::Float ? Value::ofFloat(static_cast<float>(d)) : Value::ofDouble(d);
        return true;
      }
      case Type::Bool:
        if (type != dom::element_type::BOOL) return fail("true or false");
        into = Value::ofBool(value.get_bool().value());
        return true;
      case Type::Object: {
        std::string raw = simdjson::minify(value);
        into = codec::decodeValue(readJsonLine(raw, 0), attribute);
        return true;
      }
    }
    return fail("a known type");
  }

  StreamInfo stream_;
  std::vector<AttributeSource> sources_;
  std::vector<std::string> pointers_;
  std::vector<bool> seen_;
  bool mapped_ = false;
  dom::parser parser_;
  std::string buffer_;
};

}  // namespace

std::unique_ptr<SourceMapper> makeJsonSourceMapper(const TransportInfo& info, const StreamInfo& stream) {
  return std::make_unique<JsonSourceMapper>(info, stream);
}

}  // namespace cepheus::io
