// `output [all|first|last] every <time>`. `all` and `last` hold rows and release them at the
// period ends (see PeriodTimer); `first` is not periodic in Siddhi but a throttle: a chunk's
// first row passes when at least the period has passed since the last row that passed.
#pragma once

#include "runtime/rate_limit/rate_limiter.h"

namespace cepheus::runtime {

// `all`: every row of the period; `last`: the period's last row, or with group by the last row
// of each group (groups in order of first appearance in the period). Released as one chunk.
class PeriodReleaseLimiter final : public RateLimiter {
 public:
  enum class Mode { All, Last };
  PeriodReleaseLimiter(Mode mode, size_t width, std::vector<int> groupColumns, int64_t period)
      : RateLimiter(std::move(groupColumns)), mode_(mode), width_(width), period_(period) {}

  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  void periodEnd(ExecContext& ctx, State& s) const;
  Mode mode_;
  size_t width_;
  int64_t period_;
};

// `first every <time>`: without group by only the first row of a chunk is considered; with group
// by, each row against the last row that passed for its group.
class FirstPerTimeLimiter final : public RateLimiter {
 public:
  FirstPerTimeLimiter(std::vector<int> groupColumns, int64_t period)
      : RateLimiter(std::move(groupColumns)), period_(period) {}

  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override {
    return "first every " + std::to_string(period_) + " ms" + groupLayout();
  }

 private:
  struct State;
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  int64_t period_;
};

}  // namespace cepheus::runtime
