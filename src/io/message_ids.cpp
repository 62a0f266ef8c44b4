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
  prefix_ = tag_ + ":" + hex64(run_) + ":";
}

std::string MessageIds::nextOfHash(uint64_t hash, int64_t timestamp) {
  uint32_t n = counts_[keyOf(timestamp, hash)]++;
  order_.push_back({timestamp, hash});
  if (order_.size() > kKept) {
    auto oldest = counts_.find(keyOf(order_.front().timestamp, order_.front().hash));
    if (oldest != counts_.end() && --oldest->second == 0) counts_.erase(oldest);
    order_.pop_front();
  }
  std::string id = prefix_;
  id += hex64(hash);
  id += ':';
  id += std::to_string(timestamp);
  id += ':';
  id += std::to_string(n);
  return id;
}

std::string MessageIds::save() const {
  nlohmann::json kept = nlohmann::json::array();
  for (const Seen& seen : order_) kept.push_back({seen.timestamp, seen.hash});
  return nlohmann::json{{"run", run_}, {"kept", kept}}.dump();
}

void MessageIds::restore(std::string_view saved) {
  nlohmann::json json = nlohmann::json::parse(saved, nullptr, false);
  if (!json.is_object() || !json.contains("run") || !json.contains("kept"))
    throw std::invalid_argument("not the message ids of a sink");
  run_ = json.at("run").get<uint64_t>();
  prefix_ = tag_ + ":" + hex64(run_) + ":";
  counts_.clear();
  order_.clear();
  for (const auto& entry : json.at("kept")) {
    Seen seen{entry.at(0).get<int64_t>(), entry.at(1).get<uint64_t>()};
    order_.push_back(seen);
    ++counts_[keyOf(seen.timestamp, seen.hash)];
  }
}

}  // namespace cepheus::io
