// `output [all|first|last] every <time>`. `all` and `last` hold rows and release them at the
// period ends (see PeriodTimer); `first` is not periodic in Siddhi but a throttle: a chunk's
// first row passes when at least the period has passed since the last row that passed.
#pragma once

#include <optional>
#include <unordered_map>

#include "runtime/clock.h"
#include "runtime/rate_limit/period_timer.h"
#include "runtime/rate_limit/rate_limiter.h"

namespace cepheus::runtime {

// `all`: every row of the period; `last`: the period's last row, or with group by the last row
// of each group (groups in order of first appearance in the period). Released as one chunk.
class PeriodReleaseLimiter final : public RateLimiter, public TimerTarget {
 public:
  enum class Mode { All, Last };
  PeriodReleaseLimiter(Mode mode, size_t width, std::vector<int> groupColumns, int64_t period, const Clock* clock,
                       Scheduler* scheduler)
      : RateLimiter(std::move(groupColumns)),
        mode_(mode),
        all_(width),
        latest_(width),
        timer_(period, clock, scheduler, this) {}

  void onTimer(int64_t due) override {
    if (timer_.take(due)) periodEnd();
  }

 private:
  void processChunk(std::span<const EventRow> rows) override;
  void periodEnd();
  Mode mode_;
  RowStore all_;           // Mode::All
  LatestPerGroup latest_;  // Mode::Last (one group without group by)
  PeriodTimer timer_;
};

// `first every <time>`: without group by only the first row of a chunk is considered; with group
// by, each row against the last row that passed for its group.
class FirstPerTimeLimiter final : public RateLimiter {
 public:
  FirstPerTimeLimiter(std::vector<int> groupColumns, int64_t period, const Clock* clock)
      : RateLimiter(std::move(groupColumns)), period_(period), clock_(clock) {}

 private:
  void processChunk(std::span<const EventRow> rows) override;
  int64_t period_;
  const Clock* clock_;
  std::unordered_map<GroupKey, int64_t, GroupKeyHash> passedAt_;  // clock when a row last passed
};

}  // namespace cepheus::runtime
