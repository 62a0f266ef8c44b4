// The buckets of one incremental aggregation: what it has aggregated, at every granularity.
//
// Events go into the *running* buckets of the finest granularity (one lookup per event). When
// the engine clock passes the end of the running period (the second, for `every sec ...`),
// every running bucket rolls up: it is merged into its bucket at each granularity the
// aggregation keeps (the second's, the minute's, ..., the year's), and the running ones start
// over. With `aggregate by ts` an event goes to the bucket of its own time, however late it
// arrives: a late event's bucket is an old one, and rolling up merges it into the old buckets
// of every granularity.
//
// A read `per` a granularity merges that granularity's buckets with the running ones (rolled up
// on the fly), so it sees every event, whenever the clock last rolled them. Purging drops the
// rolled-up buckets that start before a cut-off; running ones never are.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "runtime/aggregation/bucket_layout.h"
#include "runtime/group_table.h"

namespace cepheus::runtime {

class StateReader;
class StateWriter;

// A group by value a read wants (a join's `on a.symbol == q.symbol`): rows of other groups are
// skipped before they are merged.
struct KeyMatch {
  int index = 0;  // into the group key
  Value value;
};

// The buckets of `per` whose start is in [start, end).
struct BucketQuery {
  int64_t start = 0;
  int64_t end = 0;
  Granularity per = Granularity::Seconds;
  std::span<const KeyMatch> keys;
};

// What a read gives: rows of the aggregation's attributes (BucketLayout::columns), ordered by
// bucket start, then by group in the order the bucket first saw it; and the buffers it merges
// in, kept from one read to the next.
class BucketRows {
 public:
  size_t size() const { return starts_.size(); }
  const Value* row(size_t i) const { return &values_[i * width_]; }
  int64_t start(size_t i) const { return starts_[i]; }
  // Where a reader puts the group values a read wants, kept from one read to the next.
  std::vector<KeyMatch>& keyScratch() { return keyMatches_; }

 private:
  friend class BucketStore;
  size_t width_ = 0;
  std::vector<Value> values_;
  std::vector<int64_t> starts_;
  // The running buckets a read merges, keyed by [start at `per`, group key...].
  std::unique_ptr<GroupTable> pending_;
  std::vector<Value> pendingRows_;
  std::vector<bool> pendingUsed_;
  std::vector<Value> key_;
  std::vector<Value> merged_;
  std::vector<size_t> order_;
  std::vector<KeyMatch> keyMatches_;
};

class BucketStore {
 public:
  explicit BucketStore(const BucketLayout& layout);

  // The clock is at `now`: when it passed the end of the running period, the running buckets
  // roll up first. Call before adding an event and before purging.
  void advance(int64_t now) {
    if (now >= runningEnd_) rollUp(now);
  }

  // An event of the root bucket that starts at `rootStart`: its group key goes into the
  // keyWidth values returned, then runningRow() gives the row it updates (made with fresh cells
  // if new; valid until the next event).
  Value* runningKey(int64_t rootStart) {
    keyScratch_[0] = Value::ofLong(rootStart);
    return keyScratch_.data() + 1;
  }
  Value* runningRow();

  // Appends the rows `query` asks for to `out` (after clearing it).
  void read(const BucketQuery& query, BucketRows& out) const;

  // Drops the rolled-up buckets of `granularity` that start before `cutoff`.
  void purge(Granularity granularity, int64_t cutoff);

  bool empty() const;
  // Rolled-up buckets of a granularity (tests and the state's size).
  size_t bucketCount(Granularity granularity) const;

  void snapshot(StateWriter& out) const;
  void restore(StateReader& in);

 private:
  // The buckets of one start at one granularity: a row per group, in the order they came.
  struct Bucket {
    std::vector<Value> keys;  // keyWidth per group
    std::vector<Value> rows;  // rowWidth per group
    std::unique_ptr<GroupTable> index;  // by key, once there are many groups
  };
  using Level = std::map<int64_t, Bucket>;

  size_t groupsIn(const Bucket& bucket) const { return bucket.rows.size() / rowWidth_; }
  void rollUp(int64_t now);
  // Merges a row (with the later event time winning the lasts) into `into`.
  void mergeRow(Value* into, const Value* row) const;
  // The row of `key` in `bucket`, made empty if new.
  Value* rowIn(Bucket& bucket, const Value* key) const;
  Value* addRow(Bucket& bucket, const Value* key) const;
  void mergePending(BucketRows& out, int64_t start, const Value* key, const Value* row) const;
  bool matches(const Value* key, std::span<const KeyMatch> wanted) const;
  void emit(BucketRows& out, int64_t start, const Value* key, const Value* row) const;

  const BucketLayout* layout_;
  size_t keyWidth_;
  size_t rowWidth_;
  // Running buckets, keyed by [root bucket start, group key...].
  GroupTable running_;
  std::vector<Value> runningRows_;
  std::vector<Value> keyScratch_;
  int64_t runningEnd_;  // when the running period ends; the lowest time before the first event
  std::vector<Level> levels_;  // rolled-up buckets, one Level per granularity of the layout
};

}  // namespace cepheus::runtime
