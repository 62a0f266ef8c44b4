#include "io/message_ids.h"

#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

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

MessageIds::MessageIds(const std::string& app, const std::string& sinkId) : tag_(hex64(fnv1a(app + "\n" + sinkId))) {
  std::random_device random;
  run_ = (static_cast<uint64_t>(random()) << 32) ^ random();
}

std::string MessageIds::next(std::string_view content, int64_t timestamp) {
  uint64_t hash = fnv1a(content);
  if (timestamp > latest_) {
    latest_ = timestamp;
    while (!counts_.empty() && counts_.begin()->first.first < latest_ - kWindowMillis) counts_.erase(counts_.begin());
  }
  uint32_t n = counts_[{timestamp, hash}]++;
  return tag_ + ":" + hex64(run_) + ":" + hex64(hash) + ":" + std::to_string(timestamp) + ":" + std::to_string(n);
}

std::string MessageIds::save() const {
  nlohmann::json counts = nlohmann::json::array();
  for (const auto& [key, count] : counts_) counts.push_back({key.first, key.second, count});
  return nlohmann::json{{"run", run_}, {"latest", latest_}, {"counts", counts}}.dump();
}

void MessageIds::restore(std::string_view saved) {
  nlohmann::json json = nlohmann::json::parse(saved, nullptr, false);
  if (!json.is_object() || !json.contains("run")) throw std::invalid_argument("not the message ids of a sink");
  run_ = json.at("run").get<uint64_t>();
  latest_ = json.at("latest").get<int64_t>();
  counts_.clear();
  for (const auto& entry : json.at("counts"))
    counts_[{entry.at(0).get<int64_t>(), entry.at(1).get<uint64_t>()}] = entry.at(2).get<uint32_t>();
}

}  // namespace cepheus::io
