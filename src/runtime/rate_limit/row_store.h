// Storage for the output rows a rate limiter holds on to. Rows reach the limiter as views that
// are valid only during process(), so whatever is released later is copied here first.
#pragma once

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "runtime/chunk.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

// Rows of a fixed width, in the order they were added.
class RowStore {
 public:
  explicit RowStore(size_t width) : width_(width) {}

  size_t width() const { return width_; }
  size_t size() const { return times_.size(); }
  bool empty() const { return times_.empty(); }
  Value* data(size_t i) { return values_.data() + i * width_; }
  const Value* data(size_t i) const { return values_.data() + i * width_; }
  EventRow row(size_t i) const { return {data(i), times_[i], kinds_[i]}; }

  void add(const EventRow& row) {
    values_.insert(values_.end(), row.data, row.data + width_);
    times_.push_back(row.timestamp);
    kinds_.push_back(row.kind);
  }
  void set(size_t i, const EventRow& row) {
    std::copy(row.data, row.data + width_, data(i));
    times_[i] = row.timestamp;
    kinds_[i] = row.kind;
  }
  void erase(size_t i) {
    values_.erase(values_.begin() + i * width_, values_.begin() + (i + 1) * width_);
    times_.erase(times_.begin() + i);
    kinds_.erase(kinds_.begin() + i);
  }
  void clear() {
    values_.clear();
    times_.clear();
    kinds_.clear();
  }
  // Views of every row, valid until the store changes.
  void appendTo(Chunk& chunk) const {
    for (size_t i = 0; i < size(); ++i) chunk.rows.push_back(row(i));
  }

  void snapshot(StateWriter& out) const {
    out.varint(size());
    for (size_t i = 0; i < size(); ++i) {
      out.svarint(times_[i]);
      out.u8(static_cast<uint8_t>(kinds_[i]));
      out.values(data(i), width_);
    }
  }
  void restore(StateReader& in) {
    clear();
    size_t n = in.count(2 + width_);
    values_.resize(n * width_);
    for (size_t i = 0; i < n; ++i) {
      times_.push_back(in.svarint());
      uint8_t kind = in.u8();
      if (kind > static_cast<uint8_t>(EventKind::Expired)) StateReader::fail("a held row of kind " + std::to_string(kind));
      kinds_.push_back(static_cast<EventKind>(kind));
      in.values(data(i), width_);
    }
  }

 private:
  size_t width_;
  std::vector<Value> values_;
  std::vector<int64_t> times_;
  std::vector<EventKind> kinds_;
};

// The values of an output row's group by columns (empty without group by).
using GroupKey = std::vector<Value>;

struct GroupKeyHash {
  size_t operator()(const GroupKey& key) const {
    size_t h = 0;
    for (const auto& v : key) h = h * 31 + v.hash();
    return h;
  }
};

// The latest row of each group, groups in order of first appearance (Siddhi keeps them in a
// LinkedHashMap, whose order a later row of the same group does not change).
class LatestPerGroup {
 public:
  explicit LatestPerGroup(size_t width) : rows_(width) {}

  const RowStore& rows() const { return rows_; }
  bool empty() const { return rows_.empty(); }

  // Stores `row` as its group's latest; returns the group's position.
  size_t put(const GroupKey& key, const EventRow& row) {
    auto [it, inserted] = index_.try_emplace(key, rows_.size());
    if (inserted) {
      keys_.push_back(key);
      rows_.add(row);
    } else {
      rows_.set(it->second, row);
    }
    return it->second;
  }

  // Drops the groups whose position `keep` rejects; the others keep their order.
  template <class Keep>
  void retain(Keep keep) {
    RowStore kept(rows_.width());
    std::vector<GroupKey> keptKeys;
    index_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!keep(i)) continue;
      index_.emplace(keys_[i], kept.size());
      kept.add(rows_.row(i));
      keptKeys.push_back(std::move(keys_[i]));
    }
    rows_ = std::move(kept);
    keys_ = std::move(keptKeys);
  }

  void clear() {
    index_.clear();
    keys_.clear();
    rows_.clear();
  }

  // The rows, groups in order; their keys are read again from the rows' group columns.
  void snapshot(StateWriter& out) const { rows_.snapshot(out); }
  template <class KeyOf>
  void restore(StateReader& in, KeyOf keyOf) {
    RowStore rows(rows_.width());
    rows.restore(in);
    clear();
    for (size_t i = 0; i < rows.size(); ++i) {
      GroupKey key = keyOf(rows.row(i));
      if (index_.count(key)) StateReader::fail("a group appears twice");
      put(key, rows.row(i));
    }
  }

 private:
  std::unordered_map<GroupKey, size_t, GroupKeyHash> index_;
  std::vector<GroupKey> keys_;  // by position
  RowStore rows_;
};

}  // namespace cepheus::runtime
