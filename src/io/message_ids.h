// The deterministic ids of output messages (Kafka records, webhook requests): an output that a
// replay after a crash produces again gets the id it had the first time, whatever order it comes
// in and wherever the checkpoints fell, so the receiver (or the sink reading back its topic) can
// tell what it already has. An id is
//   TAG:RUN:HASH:TS:N
// TAG names the app and sink; RUN is drawn at random when the sink starts without saved state and
// kept in its checkpoints (two deployments never share ids); HASH is the FNV-1a hash of the
// output's content and TS its event time; N counts the outputs with the same content and time
// before it. The counts of the last minute of event time are kept (and checkpointed); an output
// identical to one more than a minute older, in content and time, would be taken for it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace cepheus::io {

uint64_t fnv1a(std::string_view bytes, uint64_t seed = 1469598103934665603ull);
std::string hex64(uint64_t value);

class MessageIds {
 public:
  MessageIds(const std::string& app, const std::string& sinkId);
  const std::string& tag() const { return tag_; }
  std::string next(std::string_view content, int64_t timestamp);

  // For the sink's saved state: the run and the recent counts, as JSON text; and back (throws
  // std::invalid_argument for text that is not one).
  std::string save() const;
  void restore(std::string_view saved);

 private:
  static constexpr int64_t kWindowMillis = 60'000;
  std::string tag_;
  uint64_t run_;
  int64_t latest_ = INT64_MIN;
  std::map<std::pair<int64_t, uint64_t>, uint32_t> counts_;  // (time, hash) -> outputs so far
};

}  // namespace cepheus::io
