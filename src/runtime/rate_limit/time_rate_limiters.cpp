#include "runtime/rate_limit/time_rate_limiters.h"

namespace cepheus::runtime {

void PeriodReleaseLimiter::processChunk(std::span<const EventRow> rows) {
  if (timer_.takeReached()) periodEnd();
  for (const EventRow& row : rows) {
    if (mode_ == Mode::All) {
      all_.add(row);
    } else {
      latest_.put(keyOf(row), row);
    }
  }
  if (!all_.empty() || !latest_.empty()) timer_.armForCurrentPeriod();
}

void PeriodReleaseLimiter::periodEnd() {
  release(mode_ == Mode::All ? all_ : latest_.rows());
  if (mode_ == Mode::All) {
    all_.clear();
  } else {
    latest_.clear();
  }
}

void FirstPerTimeLimiter::processChunk(std::span<const EventRow> rows) {
  // Siddhi reads the clock once per chunk.
  int64_t now = clock_->now();
  out_.clear();
  for (const EventRow& row : grouped() ? rows : rows.first(std::min<size_t>(rows.size(), 1))) {
    auto [it, first] = passedAt_.try_emplace(keyOf(row), now);
    if (!first && it->second + period_ > now) continue;
    it->second = now;
    out_.rows.push_back(row);
  }
  emit(out_);
}

}  // namespace cepheus::runtime
