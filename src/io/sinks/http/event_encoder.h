// Turns an event into what the http sink sends: its URL and headers (with {{attribute}}
// templates filled in) and its body part (Siddhi's json or text map, or the @payload template).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cepheus/elements.h"
#include "cepheus/stream.h"

namespace cepheus::io {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A text with {{attribute}} placeholders, split once.
class Template {
 public:
  Template() = default;
  Template(const std::string& text, const StreamInfo& stream);
  bool constant() const { return attributes_.empty(); }
  // The text with each placeholder replaced by the value (percent-encoded when `forUrl`).
  std::string render(std::span<const Value> data, bool forUrl = false) const;

 private:
  std::vector<std::string> literals_;  // one more than attributes_
  std::vector<size_t> attributes_;
};

class EventEncoder {
 public:
  EventEncoder(const TransportInfo& info, const StreamInfo& stream);

  struct Encoded {
    std::string url;
    Headers headers;  // the annotation's, templates filled in
    std::string body;
  };
  Encoded encode(std::span<const Value> data) const;
  // The body part alone into `out` (cleared first, its memory reused): for transports without a
  // URL or headers (the kafka sink).
  void bodyInto(std::string& out, std::span<const Value> data) const;
  // The body of a request carrying several events: a JSON array of their bodies (json map), or
  // the bodies a line each (text map).
  std::string batchBody(const std::vector<const std::string*>& bodies) const;
  const std::string& contentType() const { return contentType_; }
  bool json() const { return json_; }

 private:
  StreamInfo stream_;
  Template url_;
  std::vector<std::pair<std::string, Template>> headers_;
  std::optional<Template> payload_;
  bool json_ = true;
  std::string contentType_;
  size_t expectedBody_ = 0;  // room a body is given at first: growing it by doubling cost more
  // The json map's text before each value ({"event":{"a": then ,"b": ...), made once: the
  // attribute names were escaped again for every event.
  std::vector<std::string> jsonFieldPrefixes_;
};

// The event's values as a JSON array, as dead letters and saved state keep them.
std::string dataJson(std::span<const Value> data);

}  // namespace cepheus::io
