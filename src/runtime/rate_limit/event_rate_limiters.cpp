#include "runtime/rate_limit/event_rate_limiters.h"

namespace cepheus::runtime {

void AllPerEventsLimiter::processChunk(std::span<const EventRow> rows) {
  for (const EventRow& row : rows) {
    held_.add(row);
    if (static_cast<int64_t>(held_.size()) < events_) continue;
    release(held_);
    held_.clear();
  }
}

void FirstPerEventsLimiter::processChunk(std::span<const EventRow> rows) {
  out_.clear();
  for (const EventRow& row : rows) {
    if (++counter_ == 1) {
      out_.rows.push_back(row);
    } else if (counter_ == events_) {
      counter_ = 0;
    }
  }
  emit(out_);
}

void FirstPerGroupEventsLimiter::processChunk(std::span<const EventRow> rows) {
  out_.clear();
  for (const EventRow& row : rows) {
    const GroupKey& key = keyOf(row);
    auto it = seen_.find(key);
    if (it == seen_.end()) {
      seen_.emplace(key, 1);
      out_.rows.push_back(row);
    } else if (it->second == events_ - 1) {
      seen_.erase(it);
    } else {
      ++it->second;
    }
  }
  emit(out_);
}

void LastPerEventsLimiter::processChunk(std::span<const EventRow> rows) {
  for (const EventRow& row : rows) {
    if (++counter_ < events_) continue;
    counter_ = 0;
    out_.clear();
    out_.rows.push_back(row);
    emit(out_);
  }
}

void LastPerGroupEventsLimiter::processChunk(std::span<const EventRow> rows) {
  released_.clear();
  for (const EventRow& row : rows) {
    latest_.put(keyOf(row), row);
    if (++counter_ < events_) continue;
    counter_ = 0;
    for (size_t i = 0; i < latest_.rows().size(); ++i) released_.add(latest_.rows().row(i));
    latest_.clear();
  }
  release(released_);
}

}  // namespace cepheus::runtime
