// `output snapshot every <time>`: at every period end (see PeriodTimer), re-emit what the query
// currently holds, even when nothing arrived since the last one. The limiter sees only output
// rows (all events: the analyzer forces it), so it rebuilds "what the query holds" from them the
// way Siddhi's snapshot limiters do; which one applies depends on the query's shape.
#pragma once

#include <unordered_map>

#include "runtime/clock.h"
#include "runtime/rate_limit/period_timer.h"
#include "runtime/rate_limit/rate_limiter.h"

namespace cepheus::runtime {

// The latest row, per group with group by.
class LatestRowSnapshot final : public RateLimiter, public TimerTarget {
 public:
  enum class Mode {
    // No window: the latest current row (of each group). Nothing expires.
    KeepCurrent,
    // A window and only aggregates, no group by: the latest current row; an expired row (the
    // window emptied by time) leaves nothing to show.
    ExpiredClears,
    // A window and only aggregates, group by: each group's latest row, current or expired,
    // while the group has more current than expired rows (counted at the period end).
    CountPerGroup,
  };
  LatestRowSnapshot(Mode mode, size_t width, std::vector<int> groupColumns, int64_t period, const Clock* clock,
                    Scheduler* scheduler)
      : RateLimiter(std::move(groupColumns)), mode_(mode), latest_(width), timer_(period, clock, scheduler, this) {}

  void onTimer(int64_t due) override {
    if (timer_.take(due)) periodEnd(due);
  }

 private:
  void processChunk(std::span<const EventRow> rows) override;
  void periodEnd(int64_t due);
  Mode mode_;
  LatestPerGroup latest_;
  std::vector<int64_t> balance_;  // CountPerGroup: current minus expired rows, by group position
  PeriodTimer timer_;
};

// A window's content: current rows join it, an expired row removes the first equal one. With
// aggregates, rows are compared without their aggregate columns, and every emitted row shows the
// latest aggregate values (of its group, which then shows only its first row).
class WindowContentSnapshot final : public RateLimiter, public TimerTarget {
 public:
  WindowContentSnapshot(size_t width, std::vector<int> aggregateColumns, std::vector<int> groupColumns,
                        int64_t period, const Clock* clock, Scheduler* scheduler)
      : RateLimiter(std::move(groupColumns)),
        width_(width),
        aggregateColumns_(std::move(aggregateColumns)),
        content_(width),
        released_(width),
        timer_(period, clock, scheduler, this) {}

  void onTimer(int64_t due) override {
    if (timer_.take(due)) periodEnd(due);
  }

 private:
  void processChunk(std::span<const EventRow> rows) override;
  void periodEnd(int64_t due);
  bool sameWithoutAggregates(const Value* a, const Value* b) const;
  void keepAggregates(const EventRow& row);

  size_t width_;
  std::vector<int> aggregateColumns_;
  RowStore content_;
  std::unordered_map<GroupKey, std::vector<Value>, GroupKeyHash> aggregates_;  // latest, by group
  RowStore released_;
  PeriodTimer timer_;
};

}  // namespace cepheus::runtime
