// The deterministic ids of output messages (Kafka records, webhook requests): the same output of
// a replay after a crash gets the same id as the first time, whatever order it comes in, so the
// receiver (or the sink reading back its topic) can tell what it already has. An id is
//   TAG:EPOCH:HASH:N
// TAG names the app and sink, EPOCH is the checkpoint the output follows (each checkpoint starts
// a new one), HASH is the FNV-1a hash of the output's content, and N counts the outputs of the
// epoch with the same content before it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cepheus::io {

uint64_t fnv1a(std::string_view bytes, uint64_t seed = 1469598103934665603ull);
std::string hex64(uint64_t value);

class MessageIds {
 public:
  MessageIds(const std::string& app, const std::string& sinkId);
  const std::string& tag() const { return tag_; }
  uint64_t epoch() const { return epoch_; }
  // A new epoch: after a checkpoint, or the one a checkpoint restored.
  void startEpoch(uint64_t epoch) {
    epoch_ = epoch;
    seen_.clear();
  }
  std::string next(std::string_view content);

 private:
  std::string tag_;
  uint64_t epoch_;
  std::unordered_map<uint64_t, uint32_t> seen_;
};

}  // namespace cepheus::io
