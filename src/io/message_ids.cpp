#include "io/message_ids.h"

#include <random>

namespace cepheus::io {

uint64_t fnv1a(std::string_view bytes, uint64_t seed) {
  uint64_t hash = seed;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string hex64(uint64_t value) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<size_t>(i)] = kHex[value & 15];
  return out;
}

MessageIds::MessageIds(const std::string& app, const std::string& sinkId)
    : tag_(hex64(fnv1a(app + "\n" + sinkId))) {
  // Until a checkpoint sets it, a random epoch: ids of two unrelated runs never meet.
  std::random_device random;
  epoch_ = (static_cast<uint64_t>(random()) << 32) ^ random();
}

std::string MessageIds::next(std::string_view content) {
  uint64_t hash = fnv1a(content);
  uint32_t n = seen_[hash]++;
  return tag_ + ":" + hex64(epoch_) + ":" + hex64(hash) + ":" + std::to_string(n);
}

}  // namespace cepheus::io
