#include "io/message_ids.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
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

uint64_t wordHash(std::string_view bytes, uint64_t seed) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
  auto mix = [](uint64_t h, uint64_t word) {
    h = (h ^ word) * kMultiplier;
    return h ^ (h >> 29);
  };
  uint64_t hash = mix(seed, bytes.size());
  const auto* at = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t left = bytes.size();
  for (; left >= 8; at += 8, left -= 8) {
    uint64_t word;
    std::memcpy(&word, at, 8);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);  // the same ids anywhere
    hash = mix(hash, word);
  }
  uint64_t tail = 0;
  for (size_t i = left; i > 0; --i) tail = (tail << 8) | at[i - 1];
  hash = mix(hash, tail);
  return hash ^ (hash >> 32);
}

namespace {

// The 16 lower-case hex digits of `value` at `out`.
void writeHex64(uint64_t value, char* out) {
  static const char kHex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i, value >>= 4) out[i] = kHex[value & 15];
}

}  // namespace

std::string hex64(uint64_t value) {
  std::string out(16, '0');
  writeHex64(value, out.data());
  return out;
}

MessageIds::MessageIds(const std::string& app, const std::string& sinkId) : tag_(hex64(fnv1a(app + "\n" + sinkId))) {
  std::random_device random;
  run_ = (static_cast<uint64_t>(random()) << 32) ^ random();
  prefix_ = tag_ + ":" + hex64(run_) + ":";
}

size_t MessageIds::home(int64_t timestamp, uint64_t hash) {
  uint64_t mixed = hash ^ (static_cast<uint64_t>(timestamp) * 0x9E3779B97F4A7C15ull);
  return static_cast<size_t>(mixed ^ (mixed >> 29)) & (kSlots - 1);
}

void MessageIds::prefetch(uint64_t hash, int64_t timestamp) const { __builtin_prefetch(&slots_[home(timestamp, hash)]); }

MessageIds::Slot* MessageIds::find(int64_t timestamp, uint64_t hash, bool insert) {
  size_t at = home(timestamp, hash);
  Slot* reusable = nullptr;
  for (size_t probe = 0; probe < kSlots; ++probe, at = (at + 1) & (kSlots - 1)) {
    Slot& slot = slots_[at];
    if (!slot.used) {
      if (!insert) return nullptr;
      Slot& target = reusable ? *reusable : slot;
      if (reusable) --tombstones_;
      target = {timestamp, hash, 0, true};
      return &target;
    }
    if (slot.count == 0) {
      if (!reusable) reusable = &slot;
      continue;
    }
    if (slot.timestamp == timestamp && slot.hash == hash) return &slot;
  }
  if (!insert || !reusable) return nullptr;
  --tombstones_;
  *reusable = {timestamp, hash, 0, true};
  return reusable;
}

// `slot` holds the output's count, already counted. The ring remembers where, so forgetting the
// oldest output needs no second lookup.
void MessageIds::add(int64_t timestamp, uint64_t hash, Slot* slot) {
  if (kept_ == kKept) {  // forget the oldest
    Slot& oldest = slots_[ring_[next_].slot];
    if (--oldest.count == 0) ++tombstones_;
    --kept_;
  }
  ring_[next_] = {timestamp, hash, static_cast<uint32_t>(slot - slots_.data())};
  next_ = (next_ + 1) % kKept;
  ++kept_;
  if (tombstones_ > kKept) rebuild();
}

void MessageIds::clearCounts() {
  std::fill(slots_.begin(), slots_.end(), Slot{0, 0, 0, false});
  tombstones_ = 0;
}

void MessageIds::rebuild() {
  clearCounts();
  for (size_t i = 0; i < kept_; ++i) {
    Seen& seen = ring_[(next_ + kKept - kept_ + i) % kKept];
    Slot* slot = find(seen.timestamp, seen.hash, true);
    ++slot->count;
    seen.slot = static_cast<uint32_t>(slot - slots_.data());
  }
}

OutputId MessageIds::nextIdOfHash(uint64_t hash, int64_t timestamp) {
  Slot* slot = find(timestamp, hash, true);
  uint32_t n = slot->count++;
  add(timestamp, hash, slot);
  return {hash, timestamp, n};
}

size_t MessageIds::render(const OutputId& id, char* out) const {
  // The prefix is two 16-digit hex numbers and two colons: 34 bytes, 62 left for the rest.
  static_assert(kMaxText >= 34 + 16 + 1 + 20 + 1 + 10);
  char* at = std::copy(prefix_.begin(), prefix_.end(), out);
  writeHex64(id.hash, at);
  at += 16;
  *at++ = ':';
  at = std::to_chars(at, out + kMaxText, id.timestamp).ptr;
  *at++ = ':';
  at = std::to_chars(at, out + kMaxText, id.count).ptr;
  return static_cast<size_t>(at - out);
}

std::string MessageIds::text(const OutputId& id) const {
  char buffer[kMaxText];
  return std::string(buffer, render(id, buffer));
}

std::string MessageIds::save() const {
  nlohmann::json kept = nlohmann::json::array();
  for (size_t i = 0; i < kept_; ++i) {
    const Seen& seen = ring_[(next_ + kKept - kept_ + i) % kKept];
    kept.push_back({seen.timestamp, seen.hash});
  }
  return nlohmann::json{{"run", run_}, {"hash", hashVersion_}, {"kept", kept}}.dump();
}

void MessageIds::restore(std::string_view saved) {
  nlohmann::json json = nlohmann::json::parse(saved, nullptr, false);
  if (!json.is_object() || !json.contains("run") || !json.contains("kept"))
    throw std::invalid_argument("not the message ids of a sink");
  // Saves before version 2 have no "hash": theirs was FNV-1a.
  const int version = json.value("hash", 1);
  if (version != 1 && version != 2) throw std::invalid_argument("message ids of an unknown hash version");
  hashVersion_ = version;
  run_ = json.at("run").get<uint64_t>();
  prefix_ = tag_ + ":" + hex64(run_) + ":";
  clearCounts();
  kept_ = 0;
  next_ = 0;
  for (const auto& entry : json.at("kept")) {
    const int64_t timestamp = entry.at(0).get<int64_t>();
    const uint64_t hash = entry.at(1).get<uint64_t>();
    Slot* slot = find(timestamp, hash, true);
    ++slot->count;
    add(timestamp, hash, slot);
  }
}

}  // namespace cepheus::io
