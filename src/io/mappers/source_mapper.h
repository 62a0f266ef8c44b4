// Turns a message a source took in (a Kafka record's value) into events of its stream, as the
// source's @map says: json (simdjson on the hot path), csv or text. A message that does not fit
// is malformed: decode() says why and appends nothing, so the source can count it and send it
// to its dead letter; a mapper never throws for bad input.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cepheus/elements.h"
#include "cepheus/stream.h"
#include "codec/stream_events.h"

namespace cepheus::io {

// What the transport knows of a message, for @attributes(x='trp:topic') and event times.
struct MessageContext {
  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string_view key;
  bool hasKey = false;
  int64_t timestamp = 0;  // the record's timestamp (ms), or the arrival time
};

class SourceMapper {
 public:
  virtual ~SourceMapper() = default;
  // Appends the message's events (one, or several for a JSON array) to `out` with `timestamp`;
  // false (and `error` set) for a malformed message, with nothing appended.
  virtual bool decode(std::string_view message, const MessageContext& context, int64_t timestamp,
                      codec::EventBatch& out, std::string& error) = 0;
};

// The mapper of the source's @map (json when it has none); throws std::invalid_argument for a
// map type no mapper reads (the analyzer rejects those first).
std::unique_ptr<SourceMapper> makeSourceMapper(const TransportInfo& info, const StreamInfo& stream);

}  // namespace cepheus::io
