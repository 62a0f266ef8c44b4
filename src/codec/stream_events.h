// Events of one known stream as JSON, the way the server takes them in (the ingest route, the
// http source) and the sinks write them out (Siddhi's json and text maps).
//
// In, each event is either Cepheus's form or Siddhi's JSON map form:
//   {"ts": 1000, "data": ["IBM", 10.5]}        ts may be left out (the time of arrival); a
//                                             "stream" member, if given, must name the stream
//   {"event": {"symbol": "IBM", "price": 10.5}}  every attribute by name, nothing else
// A body holds one event, a JSON array of events, or JSON lines (one event a line; blank lines
// are skipped).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/stream.h"
#include "cepheus/value.h"

namespace cepheus::codec {

// Decoded events laid out flat: event i's values are values[i*width, (i+1)*width).
struct EventBatch {
  size_t width = 0;
  std::vector<int64_t> timestamps;
  std::vector<Value> values;

  size_t size() const { return timestamps.size(); }
  std::vector<EventView> views() const;
};

struct RejectedEvent {
  size_t index = 0;  // 0-based, among the events of the body
  size_t line = 0;   // 1-based line of the body (JSON lines), 0 for an array
  std::string message;
};

struct DecodedBody {
  EventBatch events;  // those that were valid, in order
  std::vector<RejectedEvent> rejected;
  size_t total = 0;  // events in the body, valid or not
  // Set when the body as a whole is not JSON (an array that does not parse): nothing in it
  // can be counted.
  std::string bodyError;
};

// Decodes every event of the body for `stream`; `now` stamps events without "ts".
DecodedBody decodeStreamBody(std::string_view body, const StreamInfo& stream, int64_t now);

// Siddhi's default text map: one `name:value` a line, strings quoted, joined by ",\n".
void appendTextMapEvent(std::string& out, const StreamInfo& stream, std::span<const Value> data);
// A value as text in a {{attribute}} template: strings as they are, null as "null", numbers and
// JSON as appendValueJson writes them.
void appendTemplateValue(std::string& out, const Value& value);

}  // namespace cepheus::codec
