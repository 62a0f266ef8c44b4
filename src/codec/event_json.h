// The event JSON of `cepheus run`, one object a line:
//   {"stream": "S", "ts": 1000, "data": ["IBM", 10.5, 100]}
// ts is in milliseconds; data holds the attribute values in the stream's attribute order.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/stream.h"
#include "cepheus/value.h"

namespace cepheus {
struct JsonValue;
}

namespace cepheus::codec {

// A line that is not an event of the app; what() says why.
class EventFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DecodedEvent {
  const StreamInfo* stream = nullptr;
  int64_t timestamp = 0;
  std::vector<Value> data;
};

// The attributes of the input stream with this name; nullptr when there is none.
using StreamLookup = std::function<const StreamInfo*(std::string_view name)>;

// Parses one line (strict JSON, RFC 8259) and converts each value by its attribute's type.
// JSON null is null for every type; ints and longs take integers (or integral numbers such as
// 100.0 and 1e3, converted exactly) in their range; floats and doubles take any number in
// their range (too small ones become 0); an object attribute takes any JSON, arrays and objects
// kept as JSON (JsonText). Whatever is wrong with the line, it throws EventFormatError, whose
// message echoes a bad value as written; nothing else.
DecodedEvent decodeEvent(std::string_view line, const StreamLookup& lookup);

// Appends the event as one JSON object (no newline). Doubles and floats print the shortest
// text that reads back to the same value (10.0, 1.5); NaN and infinities print null; JSON
// arrays and objects an event brought in print as that JSON; other object payloads (sets)
// print their text as a JSON string.
void appendEventJson(std::string& out, std::string_view stream, int64_t timestamp,
                     std::span<const Value> data);

// One value as JSON, as appendEventJson writes it; a string as a JSON string.
void appendValueJson(std::string& out, const Value& value);
void appendJsonString(std::string& out, std::string_view text);

// A value read from JSON (JsonValue of common/json_reader.h) for an attribute, by the rules of
// decodeEvent; throws EventFormatError.
Value decodeValue(const JsonValue& value, const AttributeInfo& attribute);
// An integral JSON number as milliseconds; throws EventFormatError naming `what`.
int64_t decodeTimestamp(const JsonValue& value, std::string_view what);

// A row of an on-demand query's result (`cepheus run --query`), as {"query": TEXT, "data": [...]}.
void appendQueryRowJson(std::string& out, std::string_view query, std::span<const Value> data);

}  // namespace cepheus::codec
