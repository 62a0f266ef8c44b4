// `output snapshot every <time>`: at every period end (see PeriodTimer), re-emit what the query
// currently holds, even when nothing arrived since the last one. The limiter sees only output
// rows (all events: the analyzer forces it), so it rebuilds "what the query holds" from them the
// way Siddhi's snapshot limiters do; which one applies depends on the query's shape.
#pragma once

#include "runtime/rate_limit/rate_limiter.h"

namespace cepheus::runtime {

// The latest row, per group with group by.
class LatestRowSnapshot final : public RateLimiter {
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
  LatestRowSnapshot(Mode mode, size_t width, std::vector<int> groupColumns, int64_t period)
      : RateLimiter(std::move(groupColumns)), mode_(mode), width_(width), period_(period) {}

  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  void periodEnd(ExecContext& ctx, State& s, int64_t due) const;
  Mode mode_;
  size_t width_;
  int64_t period_;
};

// A window's content: current rows join it, an expired row removes the first equal one. With
// aggregates, rows are compared without their aggregate columns, and every emitted row shows the
// latest aggregate values (of its group, which then shows only its first row).
class WindowContentSnapshot final : public RateLimiter {
 public:
  WindowContentSnapshot(size_t width, std::vector<int> aggregateColumns, std::vector<int> groupColumns,
                        int64_t period)
      : RateLimiter(std::move(groupColumns)),
        width_(width),
        aggregateColumns_(std::move(aggregateColumns)),
        period_(period) {}

  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  void periodEnd(ExecContext& ctx, State& s, int64_t due) const;
  bool sameWithoutAggregates(const Value* a, const Value* b) const;
  void keepAggregates(State& s, const EventRow& row) const;

  size_t width_;
  std::vector<int> aggregateColumns_;
  int64_t period_;
};

}  // namespace cepheus::runtime
