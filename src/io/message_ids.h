// The deterministic ids of output messages (Kafka records, webhook requests): an output that a
// replay after a crash produces again gets the id it had the first time, whatever order it comes
// in and wherever the checkpoints fell, so the receiver (or the sink reading back its topic) can
// tell what it already has. An id is
//   TAG:RUN:HASH:TS:N
// TAG names the app and sink; RUN is drawn at random when the sink starts without saved state and
// kept in its checkpoints (two deployments never share ids); HASH is a hash of the output's
// content (contentHash) and TS its event time; N counts the outputs with the same content and time
// before it. The counts of the last 4096 outputs are kept (and checkpointed): an output identical
// in content and time to one more than 4096 outputs before it would be taken for it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cepheus::io {

constexpr uint64_t kHashSeed = 1469598103934665603ull;
// FNV-1a, a byte at a time: the content hash of ids saved before wordHash (version 1).
uint64_t fnv1a(std::string_view bytes, uint64_t seed = kHashSeed);
// Eight bytes at a time (little-endian words, multiplied and folded): the content hash of ids
// since version 2. FNV-1a's byte loop was 3% of a Kafka sink's time for 100-byte records.
uint64_t wordHash(std::string_view bytes, uint64_t seed = kHashSeed);
std::string hex64(uint64_t value);

// An id as its parts (HASH, TS, N), written out as text only where it is read: a record header,
// a checkpoint, a dead letter. Made into a string for every output, ids were a tenth of a Kafka
// sink's time.
struct OutputId {
  uint64_t hash = 0;
  int64_t timestamp = 0;
  uint32_t count = 0;
};

class MessageIds {
 public:
  MessageIds(const std::string& app, const std::string& sinkId);
  const std::string& tag() const { return tag_; }
  std::string next(std::string_view content, int64_t timestamp) { return nextOfHash(contentHash(content), timestamp); }
  // The hash of content for its id, or of a part of it, chained over the parts by `seed`. Which
  // function is kept in the save: ids restored from a save of an older version are made as they
  // were then, so a replay after an upgrade gives the outputs the ids they had.
  uint64_t contentHash(std::string_view bytes, uint64_t seed = kHashSeed) const {
    return hashVersion_ == 1 ? fnv1a(bytes, seed) : wordHash(bytes, seed);
  }
  int hashVersion() const { return hashVersion_; }
  // The same for content hashed by the caller (contentHash, chained over its parts).
  std::string nextOfHash(uint64_t hash, int64_t timestamp) { return text(nextIdOfHash(hash, timestamp)); }
  OutputId nextIdOfHash(uint64_t hash, int64_t timestamp);
  // Asks for the memory nextIdOfHash(hash, timestamp) will read: a sink making the ids of a batch
  // asks a few outputs ahead, and the table's cache misses overlap.
  void prefetch(uint64_t hash, int64_t timestamp) const;

  // TAG:RUN:HASH:TS:N of `id`, into `out` (kMaxText bytes at least); returns the length.
  static constexpr size_t kMaxText = 96;
  size_t render(const OutputId& id, char* out) const;
  std::string text(const OutputId& id) const;

  // For the sink's saved state: the run and the recent counts, as JSON text; and back (throws
  // std::invalid_argument for text that is not one).
  std::string save() const;
  void restore(std::string_view saved);

 private:
  static constexpr size_t kKept = 4096;
  struct Seen {
    int64_t timestamp;
    uint64_t hash;
    uint32_t slot;  // where its count is in slots_ (set again by every rebuild)
  };
  // The counts of the kept outputs: an open-addressing table (four slots a kept output, linear
  // probing, tombstones swept by a rebuild), since a node allocated and freed for every output
  // was a tenth of a Kafka sink's time.
  struct Slot {
    int64_t timestamp;
    uint64_t hash;
    uint32_t count;  // 0: empty or a tombstone
    bool used;       // ever filled since the last rebuild
  };
  static constexpr size_t kSlots = kKept * 4;
  static size_t home(int64_t timestamp, uint64_t hash);  // the first slot find() looks at
  Slot* find(int64_t timestamp, uint64_t hash, bool insert);
  void add(int64_t timestamp, uint64_t hash, Slot* slot);
  void rebuild();
  void clearCounts();

  std::string tag_;
  std::string prefix_;  // "TAG:RUN:"
  uint64_t run_;
  int hashVersion_ = 2;
  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  size_t tombstones_ = 0;
  std::vector<Seen> ring_ = std::vector<Seen>(kKept);  // the kept outputs; the oldest at next_
  size_t next_ = 0;
  size_t kept_ = 0;
};

}  // namespace cepheus::io
