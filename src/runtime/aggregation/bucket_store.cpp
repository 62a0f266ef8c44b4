#include "runtime/aggregation/bucket_store.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "runtime/state/state_io.h"

namespace cepheus::runtime {

namespace {

// Beyond this many groups a bucket finds its rows by hash rather than by looking through them.
constexpr size_t kLinearGroups = 8;

bool sameKey(const Value* a, const Value* b, size_t width) {
  for (size_t i = 0; i < width; ++i)
    if (!(a[i] == b[i])) return false;
  return true;
}

}  // namespace

BucketStore::BucketStore(const BucketLayout& layout)
    : layout_(&layout),
      keyWidth_(layout.keyWidth),
      rowWidth_(layout.rowWidth()),
      running_(1 + layout.keyWidth),
      keyScratch_(1 + layout.keyWidth),
      runningEnd_(std::numeric_limits<int64_t>::min()),
      levels_(layout.granularities.size()) {}

Value* BucketStore::runningRow() {
  size_t h = GroupTable::hash(keyScratch_.data(), keyScratch_.size());
  uint32_t index = running_.find(keyScratch_.data(), h);
  if (index == GroupTable::kAbsent) {
    index = running_.insert(keyScratch_.data(), h);
    runningRows_.resize(runningRows_.size() + rowWidth_);
    Value* row = &runningRows_[static_cast<size_t>(index) * rowWidth_];
    for (size_t c = 0; c < layout_->cells.size(); ++c) row[layout_->firstCell() + c] = initialCell(layout_->cells[c].kind);
  }
  return &runningRows_[static_cast<size_t>(index) * rowWidth_];
}

void BucketStore::mergeRow(Value* into, const Value* row) const {
  // The lasts of the latest event; of two as late, the one that came later (the merged row).
  if (!row[0].isNull() && (into[0].isNull() || row[0].asLong() >= into[0].asLong()))
    std::copy(row, row + 1 + layout_->lastWidth, into);
  size_t first = layout_->firstCell();
  for (size_t c = 0; c < layout_->cells.size(); ++c) mergeCell(layout_->cells[c].kind, into[first + c], row[first + c]);
}

Value* BucketStore::addRow(Bucket& bucket, const Value* key) const {
  size_t group = groupsIn(bucket);
  bucket.keys.insert(bucket.keys.end(), key, key + keyWidth_);
  bucket.rows.resize(bucket.rows.size() + rowWidth_);
  Value* row = &bucket.rows[group * rowWidth_];
  for (size_t c = 0; c < layout_->cells.size(); ++c) row[layout_->firstCell() + c] = initialCell(layout_->cells[c].kind);
  if (bucket.index) {
    bucket.index->insert(key, GroupTable::hash(key, keyWidth_));
  } else if (group + 1 > kLinearGroups) {
    bucket.index = std::make_unique<GroupTable>(keyWidth_);
    for (size_t g = 0; g <= group; ++g) {
      const Value* k = &bucket.keys[g * keyWidth_];
      bucket.index->insert(k, GroupTable::hash(k, keyWidth_));
    }
  }
  return row;
}

Value* BucketStore::rowIn(Bucket& bucket, const Value* key) const {
  size_t groups = groupsIn(bucket);
  if (bucket.index) {
    uint32_t index = bucket.index->find(key, GroupTable::hash(key, keyWidth_));
    if (index != GroupTable::kAbsent) return &bucket.rows[static_cast<size_t>(index) * rowWidth_];
  } else {
    for (size_t g = 0; g < groups; ++g)
      if (sameKey(&bucket.keys[g * keyWidth_], key, keyWidth_)) return &bucket.rows[g * rowWidth_];
  }
  return addRow(bucket, key);
}

void BucketStore::rollUp(int64_t now) {
  for (uint32_t i = 0; i < running_.size(); ++i) {
    const Value* key = running_.key(i);
    const Value* row = &runningRows_[static_cast<size_t>(i) * rowWidth_];
    int64_t rootStart = key[0].asLong();
    for (size_t level = 0; level < levels_.size(); ++level) {
      int64_t start = level == 0 ? rootStart : bucketStart(rootStart, layout_->granularities[level]);
      mergeRow(rowIn(levels_[level][start], key + 1), row);
    }
  }
  running_.clear();
  runningRows_.clear();
  runningEnd_ = nextBucketStart(now, layout_->root());
}

bool BucketStore::matches(const Value* key, std::span<const KeyMatch> wanted) const {
  for (const KeyMatch& m : wanted)
    if (!(key[m.index] == m.value)) return false;
  return true;
}

void BucketStore::emit(BucketRows& out, int64_t start, const Value* key, const Value* row) const {
  for (const BucketColumn& column : layout_->columns) out.values_.push_back(bucketColumn(*layout_, column, start, key, row));
  out.starts_.push_back(start);
}

void BucketStore::read(const BucketQuery& query, BucketRows& out) const {
  int level = layout_->levelOf(query.per);
  if (level < 0) throw std::logic_error("a read per a granularity the aggregation does not keep");
  out.width_ = layout_->columns.size();
  out.values_.clear();
  out.starts_.clear();

  // The running buckets within the range, rolled up to `per` (keyed by [start, group key]).
  if (!out.pending_) out.pending_ = std::make_unique<GroupTable>(1 + keyWidth_);
  GroupTable& pending = *out.pending_;
  pending.clear();
  out.pendingRows_.clear();
  std::vector<Value>& key = out.key_;
  key.assign(1 + keyWidth_, Value());
  for (uint32_t i = 0; i < running_.size(); ++i) {
    const Value* runningKey = running_.key(i);
    int64_t start = bucketStart(runningKey[0].asLong(), query.per);
    if (start < query.start || start >= query.end || !matches(runningKey + 1, query.keys)) continue;
    key[0] = Value::ofLong(start);
    std::copy(runningKey + 1, runningKey + 1 + keyWidth_, key.begin() + 1);
    size_t h = GroupTable::hash(key.data(), key.size());
    const Value* row = &runningRows_[static_cast<size_t>(i) * rowWidth_];
    uint32_t index = pending.find(key.data(), h);
    if (index != GroupTable::kAbsent) {
      mergeRow(&out.pendingRows_[static_cast<size_t>(index) * rowWidth_], row);
      continue;
    }
    pending.insert(key.data(), h);
    for (size_t v = 0; v < rowWidth_; ++v) out.pendingRows_.push_back(row[v]);
    Value* copy = &out.pendingRows_[out.pendingRows_.size() - rowWidth_];
    for (size_t c = 0; c < layout_->cells.size(); ++c)
      copy[layout_->firstCell() + c] = ownCell(layout_->cells[c].kind, copy[layout_->firstCell() + c]);
  }
  out.pendingUsed_.assign(pending.size(), false);

  // The rolled-up buckets within the range, each with its running part merged in.
  const Level& buckets = levels_[level];
  for (auto it = buckets.lower_bound(query.start); it != buckets.end() && it->first < query.end; ++it) {
    const Bucket& bucket = it->second;
    for (size_t g = 0; g < groupsIn(bucket); ++g) {
      const Value* groupKey = &bucket.keys[g * keyWidth_];
      const Value* row = &bucket.rows[g * rowWidth_];
      if (!matches(groupKey, query.keys)) continue;
      uint32_t index = GroupTable::kAbsent;
      if (pending.size() > 0) {
        key[0] = Value::ofLong(it->first);
        std::copy(groupKey, groupKey + keyWidth_, key.begin() + 1);
        index = pending.find(key.data(), GroupTable::hash(key.data(), key.size()));
      }
      if (index == GroupTable::kAbsent) {
        emit(out, it->first, groupKey, row);
        continue;
      }
      // Rolled-up data is older than running data: it goes first, so a tie on the latest event
      // time leaves the lasts of the running one.
      std::vector<Value>& merged = out.merged_;
      merged.assign(row, row + rowWidth_);
      for (size_t c = 0; c < layout_->cells.size(); ++c)
        merged[layout_->firstCell() + c] = ownCell(layout_->cells[c].kind, merged[layout_->firstCell() + c]);
      mergeRow(merged.data(), &out.pendingRows_[static_cast<size_t>(index) * rowWidth_]);
      emit(out, it->first, groupKey, merged.data());
      out.pendingUsed_[index] = true;
    }
  }
  for (uint32_t i = 0; i < pending.size(); ++i) {
    if (out.pendingUsed_[i]) continue;
    const Value* pendingKey = pending.key(i);
    emit(out, pendingKey[0].asLong(), pendingKey + 1, &out.pendingRows_[static_cast<size_t>(i) * rowWidth_]);
  }

  // Running buckets of starts the rolled-up ones do not have come last: put every row in
  // order of start, keeping the order of groups within a start.
  if (std::is_sorted(out.starts_.begin(), out.starts_.end())) return;
  out.order_.resize(out.starts_.size());
  for (size_t i = 0; i < out.order_.size(); ++i) out.order_[i] = i;
  std::stable_sort(out.order_.begin(), out.order_.end(),
                   [&](size_t a, size_t b) { return out.starts_[a] < out.starts_[b]; });
  std::vector<Value> values;
  std::vector<int64_t> starts;
  values.reserve(out.values_.size());
  for (size_t i : out.order_) {
    values.insert(values.end(), out.values_.begin() + static_cast<std::ptrdiff_t>(i * out.width_),
                  out.values_.begin() + static_cast<std::ptrdiff_t>((i + 1) * out.width_));
    starts.push_back(out.starts_[i]);
  }
  out.values_ = std::move(values);
  out.starts_ = std::move(starts);
}

void BucketStore::purge(Granularity granularity, int64_t cutoff) {
  int level = layout_->levelOf(granularity);
  if (level < 0) return;
  Level& buckets = levels_[level];
  buckets.erase(buckets.begin(), buckets.lower_bound(cutoff));
}

bool BucketStore::empty() const {
  if (running_.size() > 0) return false;
  for (const Level& level : levels_)
    if (!level.empty()) return false;
  return true;
}

size_t BucketStore::bucketCount(Granularity granularity) const {
  int level = layout_->levelOf(granularity);
  return level < 0 ? 0 : levels_[level].size();
}

void BucketStore::snapshot(StateWriter& out) const {
  out.svarint(runningEnd_);
  out.varint(running_.size());
  for (uint32_t i = 0; i < running_.size(); ++i) {
    out.values(running_.key(i), 1 + keyWidth_);
    out.values(&runningRows_[static_cast<size_t>(i) * rowWidth_], rowWidth_);
  }
  for (const Level& level : levels_) {
    out.varint(level.size());
    int64_t previous = 0;
    for (const auto& [start, bucket] : level) {
      out.svarint(start - previous);
      previous = start;
      size_t groups = groupsIn(bucket);
      out.varint(groups);
      for (size_t g = 0; g < groups; ++g) {
        out.values(&bucket.keys[g * keyWidth_], keyWidth_);
        out.values(&bucket.rows[g * rowWidth_], rowWidth_);
      }
    }
  }
}

void BucketStore::restore(StateReader& in) {
  runningEnd_ = in.svarint();
  size_t running = in.count(1 + keyWidth_ + rowWidth_);
  std::vector<Value> key(1 + keyWidth_);
  std::vector<Value> row(rowWidth_);
  for (size_t i = 0; i < running; ++i) {
    in.values(key.data(), key.size());
    in.values(row.data(), row.size());
    if (key[0].tag() != Value::Tag::Long) StateReader::fail("a running bucket without a start");
    size_t h = GroupTable::hash(key.data(), key.size());
    if (running_.find(key.data(), h) != GroupTable::kAbsent) StateReader::fail("a running bucket twice");
    running_.insert(key.data(), h);
    runningRows_.insert(runningRows_.end(), row.begin(), row.end());
  }
  for (Level& level : levels_) {
    size_t buckets = in.count(2);
    int64_t start = 0;
    for (size_t b = 0; b < buckets; ++b) {
      start += in.svarint();
      Bucket& bucket = level[start];
      if (groupsIn(bucket) > 0) StateReader::fail("a bucket twice");
      size_t groups = in.count(1);
      for (size_t g = 0; g < groups; ++g) {
        in.values(key.data(), keyWidth_);
        in.values(row.data(), rowWidth_);
        Value* into = rowIn(bucket, key.data());
        if (groupsIn(bucket) != g + 1) StateReader::fail("a group twice in a bucket");
        std::copy(row.begin(), row.end(), into);
      }
    }
  }
}

}  // namespace cepheus::runtime
