// `output [all|first|last] every N events`: counting output rows (Current and Expired alike).
// Siddhi is not symmetric with group by, and Cepheus follows it: `first` keeps a counter per
// group, `last` one counter for all rows (releasing the latest row of every group seen).
#pragma once

#include "runtime/rate_limit/rate_limiter.h"

namespace cepheus::runtime {

// Holds rows and releases them N at a time, each N as one chunk.
class AllPerEventsLimiter final : public RateLimiter {
 public:
  AllPerEventsLimiter(size_t width, int64_t events) : width_(width), events_(events) {}
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override { return "all every " + std::to_string(events_) + " events"; }

 private:
  struct State;
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  size_t width_;
  int64_t events_;
};

// Passes the 1st row of every N and drops the others. As in Siddhi, N = 1 passes only the
// very first row: the counter is reset on reaching N only when N is not also 1.
class FirstPerEventsLimiter final : public RateLimiter {
 public:
  explicit FirstPerEventsLimiter(int64_t events) : events_(events) {}
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override { return "first every " + std::to_string(events_) + " events"; }

 private:
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  int64_t events_;
};

// Per group: passes the group's first row, then drops its rows until N of them have passed
// (N = 1 passes only each group's first row, as in Siddhi).
class FirstPerGroupEventsLimiter final : public RateLimiter {
 public:
  FirstPerGroupEventsLimiter(int64_t events, std::vector<int> groupColumns)
      : RateLimiter(std::move(groupColumns)), events_(events) {}
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override {
    return "first every " + std::to_string(events_) + " events per group" + groupLayout();
  }

 private:
  struct State;
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  int64_t events_;
};

// Passes every N-th row, each as a chunk of its own.
class LastPerEventsLimiter final : public RateLimiter {
 public:
  explicit LastPerEventsLimiter(int64_t events) : events_(events) {}
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override { return "last every " + std::to_string(events_) + " events"; }

 private:
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  int64_t events_;
};

// At every N-th row (counted over all groups) releases the latest row of each group seen since
// the previous release.
class LastPerGroupEventsLimiter final : public RateLimiter {
 public:
  LastPerGroupEventsLimiter(size_t width, int64_t events, std::vector<int> groupColumns)
      : RateLimiter(std::move(groupColumns)), width_(width), events_(events) {}
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override {
    return "last every " + std::to_string(events_) + " events per group" + groupLayout();
  }

 private:
  struct State;
  void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const override;
  size_t width_;
  int64_t events_;
};

}  // namespace cepheus::runtime
