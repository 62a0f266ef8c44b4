#include "io/sinks/http/event_encoder.h"

#include <algorithm>

#include "codec/event_json.h"
#include "codec/stream_events.h"
#include "io/net/url.h"

namespace cepheus::io {

Template::Template(const std::string& text, const StreamInfo& stream) {
  size_t from = 0;
  std::string literal;
  while (from < text.size()) {
    size_t open = text.find("{{", from);
    size_t close = open == std::string::npos ? std::string::npos : text.find("}}", open + 2);
    if (close == std::string::npos) {
      literal += text.substr(from);
      break;
    }
    std::string name = text.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    size_t index = 0;
    while (index < stream.attributes.size() && stream.attributes[index].name != name) ++index;
    if (index == stream.attributes.size()) {  // the analyzer rejects this; keep it as text
      literal += text.substr(from, close + 2 - from);
      from = close + 2;
      continue;
    }
    literal += text.substr(from, open - from);
    literals_.push_back(std::move(literal));
    literal.clear();
    attributes_.push_back(index);
    from = close + 2;
  }
  literals_.push_back(std::move(literal));
}

std::string Template::render(std::span<const Value> data, bool forUrl) const {
  if (attributes_.empty()) return literals_.empty() ? std::string() : literals_[0];
  std::string out = literals_[0];
  for (size_t i = 0; i < attributes_.size(); ++i) {
    std::string value;
    if (attributes_[i] < data.size()) codec::appendTemplateValue(value, data[attributes_[i]]);
    out += forUrl ? percentEncode(value) : value;
    out += literals_[i + 1];
  }
  return out;
}

EventEncoder::EventEncoder(const TransportInfo& info, const StreamInfo& stream)
    : stream_(stream), url_(info.option("publisher.url"), stream) {
  std::string headers = info.option("headers");
  size_t from = 0;
  while (from < headers.size()) {
    size_t end = headers.find('\n', from);
    if (end == std::string::npos) end = headers.size();
    std::string header = headers.substr(from, end - from);
    size_t colon = header.find(':');
    if (colon != std::string::npos) headers_.emplace_back(header.substr(0, colon), Template(header.substr(colon + 1), stream));
    from = end + 1;
  }
  json_ = info.mapType != "text";
  if (info.payload) payload_ = Template(*info.payload, stream);
  contentType_ = json_ ? "application/json" : "text/plain";
  expectedBody_ = 16;
  for (const auto& attribute : stream_.attributes) expectedBody_ += attribute.name.size() + 28;
  for (size_t i = 0; i < stream_.attributes.size(); ++i) {
    std::string prefix = i == 0 ? "{\"event\":{" : ",";
    codec::appendJsonString(prefix, stream_.attributes[i].name);
    prefix += ':';
    jsonFieldPrefixes_.push_back(std::move(prefix));
  }
}

EventEncoder::Encoded EventEncoder::encode(std::span<const Value> data) const {
  Encoded encoded;
  encoded.url = url_.render(data, true);
  for (const auto& [name, value] : headers_) encoded.headers.emplace_back(name, value.render(data));
  bodyInto(encoded.body, data);
  return encoded;
}

void EventEncoder::bodyInto(std::string& out, std::span<const Value> data) const {
  if (payload_) {
    out = payload_->render(data);
    return;
  }
  out.clear();
  out.reserve(expectedBody_);
  if (!json_) {
    codec::appendTextMapEvent(out, stream_, data);
    return;
  }
  // Siddhi's json map: {"event":{"a":1,"b":"x"}}.
  const size_t fields = std::min(data.size(), jsonFieldPrefixes_.size());
  if (fields == 0) out += "{\"event\":{";
  for (size_t i = 0; i < fields; ++i) {
    out += jsonFieldPrefixes_[i];
    codec::appendValueJson(out, data[i]);
  }
  out += "}}";
}

std::string EventEncoder::batchBody(const std::vector<const std::string*>& bodies) const {
  std::string out;
  if (json_) out += '[';
  for (size_t i = 0; i < bodies.size(); ++i) {
    if (i > 0) out += json_ ? "," : "\n";
    out += *bodies[i];
  }
  if (json_) out += ']';
  return out;
}

std::string dataJson(std::span<const Value> data) {
  std::string out = "[";
  for (size_t i = 0; i < data.size(); ++i) {
    if (i > 0) out += ',';
    codec::appendValueJson(out, data[i]);
  }
  out += ']';
  return out;
}

}  // namespace cepheus::io
