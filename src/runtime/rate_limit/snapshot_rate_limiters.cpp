#include "runtime/rate_limit/snapshot_rate_limiters.h"

#include <unordered_set>

namespace cepheus::runtime {

void LatestRowSnapshot::processChunk(std::span<const EventRow> rows) {
  if (auto due = timer_.takeReached()) periodEnd(*due);
  for (const EventRow& row : rows) {
    bool current = row.kind == EventKind::Current;
    switch (mode_) {
      case Mode::KeepCurrent:
        if (current) latest_.put(keyOf(row), row);
        break;
      case Mode::ExpiredClears:
        if (current) {
          latest_.put(keyOf(row), row);
        } else {
          latest_.clear();
        }
        break;
      case Mode::CountPerGroup: {
        size_t group = latest_.put(keyOf(row), row);
        if (group == balance_.size()) balance_.push_back(0);
        balance_[group] += current ? 1 : -1;
        break;
      }
    }
  }
  if (!latest_.empty()) timer_.armForCurrentPeriod();
}

void LatestRowSnapshot::periodEnd(int64_t due) {
  if (mode_ == Mode::CountPerGroup) {
    std::vector<int64_t> kept;
    latest_.retain([&](size_t group) {
      if (balance_[group] <= 0) return false;
      kept.push_back(balance_[group]);
      return true;
    });
    balance_ = std::move(kept);
  }
  release(latest_.rows());
  if (!latest_.empty()) timer_.armAfter(due);
}

bool WindowContentSnapshot::sameWithoutAggregates(const Value* a, const Value* b) const {
  size_t next = 0;  // aggregateColumns_ is ascending
  for (size_t i = 0; i < width_; ++i) {
    if (next < aggregateColumns_.size() && static_cast<size_t>(aggregateColumns_[next]) == i) {
      ++next;
      continue;
    }
    if (a[i] != b[i]) return false;
  }
  return true;
}

void WindowContentSnapshot::keepAggregates(const EventRow& row) {
  if (aggregateColumns_.empty()) return;
  std::vector<Value>& values = aggregates_[keyOf(row)];
  values.clear();
  for (int column : aggregateColumns_) values.push_back(row.data[column]);
}

void WindowContentSnapshot::processChunk(std::span<const EventRow> rows) {
  if (auto due = timer_.takeReached()) periodEnd(*due);
  for (const EventRow& row : rows) {
    if (row.kind == EventKind::Current) {
      content_.add(row);
      keepAggregates(row);
      continue;
    }
    for (size_t i = 0; i < content_.size(); ++i) {
      if (!sameWithoutAggregates(content_.data(i), row.data)) continue;
      content_.erase(i);
      keepAggregates(row);
      break;
    }
  }
  if (!content_.empty()) timer_.armForCurrentPeriod();
}

void WindowContentSnapshot::periodEnd(int64_t due) {
  released_.clear();
  std::unordered_set<GroupKey, GroupKeyHash> shown;
  for (size_t i = 0; i < content_.size(); ++i) {
    EventRow row = content_.row(i);
    // With group by (which only needs keys when aggregating) a group shows one row.
    if (grouped() && !shown.insert(keyOf(row)).second) continue;
    released_.add(row);
    if (aggregateColumns_.empty()) continue;
    const std::vector<Value>& latest = aggregates_[keyOf(row)];
    Value* copy = released_.data(released_.size() - 1);
    for (size_t a = 0; a < aggregateColumns_.size(); ++a) copy[aggregateColumns_[a]] = latest[a];
  }
  release(released_);
  if (!content_.empty()) timer_.armAfter(due);
}

}  // namespace cepheus::runtime
