#include "runtime/windows/sort_window.h"

#include <algorithm>

#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

SortWindow::SortWindow(size_t length, std::vector<Key> keys, size_t width, const Clock* clock)
    : length_(length),
      keys_(std::move(keys)),
      width_(width),
      clock_(clock),
      slots_((length + 1) * width) {
  order_.reserve(length + 1);
}

int SortWindow::compare(const Value* a, const Value* b) const {
  for (const Key& key : keys_) {
    int c = compareValues(a[key.index], b[key.index]);
    if (c != 0) return key.descending ? -c : c;
  }
  return 0;
}

void SortWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    // Once every slot has been used, the window is full and the arrival takes the freed one.
    uint32_t s = unused_ <= length_ ? unused_++ : free_;
    Value* stored = slot(s);
    for (size_t i = 0; i < width_; ++i) stored[i] = row.data[i];
    // After equal events: Siddhi appends and stable-sorts, so among equals the latest sorts last.
    auto at = std::upper_bound(order_.begin(), order_.end(), s, [&](uint32_t x, uint32_t y) {
      return compare(slot(x), slot(y)) < 0;
    });
    order_.insert(at, s);
    out_.rows.clear();
    out_.rows.push_back({stored, row.timestamp, EventKind::Current});
    if (order_.size() > length_) {
      free_ = order_.back();
      order_.pop_back();
      out_.rows.push_back({slot(free_), arrivalTime(*clock_, row), EventKind::Expired});
    }
    emit(out_);
  }
}

}  // namespace cepheus::runtime
