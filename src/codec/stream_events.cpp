#include "codec/stream_events.h"

#include "codec/event_json.h"
#include "common/json_reader.h"

namespace cepheus::codec {

namespace {

using Kind = JsonValue::Kind;

// Appends the event (object of Cepheus's or Siddhi's form) or throws EventFormatError; on a
// throw `out` is as it was.
void decodeObject(const JsonValue& event, const StreamInfo& stream, int64_t now, EventBatch& out) {
  if (event.kind != Kind::Object) throw EventFormatError("expected a JSON object");
  const JsonValue* ts = nullptr;
  const JsonValue* data = nullptr;
  const JsonValue* map = nullptr;
  for (const auto& [name, value] : event.members) {
    const JsonValue** slot = nullptr;
    if (name == "ts") slot = &ts;
    else if (name == "data") slot = &data;
    else if (name == "event") slot = &map;
    else if (name == "stream") {
      if (value.kind != Kind::String || value.text != stream.name)
        throw EventFormatError("\"stream\" must be \"" + stream.name + "\", the stream of this route");
      continue;
    } else {
      throw EventFormatError("unexpected member \"" + name + "\" (an event is {\"ts\":..,\"data\":[..]} or "
                             "{\"event\":{..}})");
    }
    if (*slot) throw EventFormatError("\"" + name + "\" is given twice");
    *slot = &value;
  }
  if (data && map) throw EventFormatError("an event has \"data\" or \"event\", not both");
  if (!data && !map) throw EventFormatError("missing \"data\" (or \"event\")");
  int64_t timestamp = ts ? decodeTimestamp(*ts, "ts") : now;
  const std::vector<AttributeInfo>& attributes = stream.attributes;
  size_t start = out.values.size();
  try {
    if (data) {
      if (data->kind != Kind::Array) throw EventFormatError("\"data\" must be an array");
      if (data->items.size() != attributes.size())
        throw EventFormatError("stream \"" + stream.name + "\" has " + std::to_string(attributes.size()) +
                               " attributes, got " + std::to_string(data->items.size()) + " values");
      for (size_t i = 0; i < attributes.size(); ++i) out.values.push_back(decodeValue(data->items[i], attributes[i]));
    } else {
      if (map->kind != Kind::Object) throw EventFormatError("\"event\" must be an object of attributes");
      out.values.resize(start + attributes.size());
      std::vector<bool> seen(attributes.size(), false);
      for (const auto& [name, value] : map->members) {
        size_t index = 0;
        while (index < attributes.size() && attributes[index].name != name) ++index;
        if (index == attributes.size())
          throw EventFormatError("stream \"" + stream.name + "\" has no attribute \"" + name + "\"");
        if (seen[index]) throw EventFormatError("attribute \"" + name + "\" is given twice");
        seen[index] = true;
        out.values[start + index] = decodeValue(value, attributes[index]);
      }
      for (size_t i = 0; i < attributes.size(); ++i)
        if (!seen[i]) throw EventFormatError("missing attribute \"" + attributes[i].name + "\"");
    }
  } catch (...) {
    out.values.resize(start);
    throw;
  }
  out.timestamps.push_back(timestamp);
}

std::string syntaxMessage(const JsonSyntaxError& error) {
  return "invalid JSON at column " + std::to_string(error.column()) + ": " + error.what();
}

}  // namespace

std::vector<EventView> EventBatch::views() const {
  std::vector<EventView> views;
  views.reserve(size());
  for (size_t i = 0; i < size(); ++i) views.push_back({timestamps[i], values.data() + i * width});
  return views;
}

DecodedBody decodeStreamBody(std::string_view body, const StreamInfo& stream, int64_t now) {
  DecodedBody result;
  result.events.width = stream.attributes.size();
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return result;
  if (body[first] == '[') {
    // An array: its items are events (level 1), their data or event members level 2, the
    // values inside those read structured too (level 3 would be an object attribute's JSON).
    JsonValue array;
    try {
      array = readJsonLine(body, 3);
    } catch (const JsonSyntaxError& error) {
      result.bodyError = syntaxMessage(error);
      return result;
    }
    result.total = array.items.size();
    for (size_t i = 0; i < array.items.size(); ++i) {
      try {
        decodeObject(array.items[i], stream, now, result.events);
      } catch (const EventFormatError& error) {
        result.rejected.push_back({i, 0, error.what()});
      }
    }
    return result;
  }
  size_t lineNumber = 0;
  size_t at = 0;
  while (at <= body.size()) {
    size_t end = body.find('\n', at);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(at, end - at);
    ++lineNumber;
    at = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (end == body.size()) break;
      continue;
    }
    size_t index = result.total++;
    try {
      decodeObject(readJsonLine(line, 2), stream, now, result.events);
    } catch (const JsonSyntaxError& error) {
      result.rejected.push_back({index, lineNumber, syntaxMessage(error)});
    } catch (const EventFormatError& error) {
      result.rejected.push_back({index, lineNumber, error.what()});
    }
    if (end == body.size()) break;
  }
  return result;
}

void appendTextMapEvent(std::string& out, const StreamInfo& stream, std::span<const Value> data) {
  for (size_t i = 0; i < data.size() && i < stream.attributes.size(); ++i) {
    if (i > 0) out += ",\n";
    out += stream.attributes[i].name;
    out += ':';
    appendValueJson(out, data[i]);
  }
}

void appendTemplateValue(std::string& out, const Value& value) {
  if (value.isString()) {
    out += value.asString();
    return;
  }
  appendValueJson(out, value);
}

}  // namespace cepheus::codec
