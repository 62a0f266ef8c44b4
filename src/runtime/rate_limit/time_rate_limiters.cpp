#include "runtime/rate_limit/time_rate_limiters.h"

#include <unordered_map>

#include "runtime/rate_limit/period_timer.h"

namespace cepheus::runtime {

struct PeriodReleaseLimiter::State final : OperatorState {
  State(size_t width, AppState& app, StateFrame& frame, const PeriodReleaseLimiter& limiter)
      : limiter(&limiter), all(width), latest(width), timer(app, frame, limiter) {}
  void snapshot(StateWriter& out) const override {
    all.snapshot(out);
    latest.snapshot(out);
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    all.restore(in);
    latest.restore(in, [this](const EventRow& row) { return limiter->keyOf(row.data); });
    timer.restore(in);
  }
  bool canDestroy() const override { return all.empty() && latest.empty() && !timer.pending(); }

  const PeriodReleaseLimiter* limiter;
  RowStore all;           // Mode::All
  LatestPerGroup latest;  // Mode::Last (one group without group by)
  PeriodTimer timer;
};

std::unique_ptr<OperatorState> PeriodReleaseLimiter::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, app, frame, *this);
}

std::string PeriodReleaseLimiter::stateLayout() const {
  return std::string(mode_ == Mode::All ? "all" : "last") + " every " + std::to_string(period_) + " ms" +
         groupLayout();
}

void PeriodReleaseLimiter::onTimer(ExecContext& ctx, int64_t) const {
  periodEnd(ctx, state<State>(ctx));
}

void PeriodReleaseLimiter::processChunk(ExecContext& ctx, OperatorState& state,
                                        std::span<const EventRow> rows) const {
  State& s = static_cast<State&>(state);
  if (s.timer.takeReached(ctx.app)) periodEnd(ctx, s);
  LimiterScratch& sc = scratch(ctx);
  for (const EventRow& row : rows) {
    if (mode_ == Mode::All) {
      s.all.add(row);
    } else {
      s.latest.put(keyOf(sc, row.data), row);
    }
  }
  if (!s.all.empty() || !s.latest.empty()) s.timer.armForCurrentPeriod(ctx.app, period_);
}

void PeriodReleaseLimiter::periodEnd(ExecContext& ctx, State& s) const {
  if (mode_ == Mode::All) {
    release(ctx, s.all);
    s.all.clear();
  } else {
    release(ctx, s.latest.rows());
    s.latest.clear();
  }
}

// --- first every <time> ---

struct FirstPerTimeLimiter::State final : OperatorState {
  explicit State(size_t keyWidth) : keyWidth(keyWidth) {}
  void snapshot(StateWriter& out) const override {
    out.varint(passedAt.size());
    for (const auto& [key, at] : passedAt) {
      out.values(key.data(), key.size());
      out.svarint(at);
    }
  }
  void restore(StateReader& in) override {
    passedAt.clear();
    size_t n = in.count(1 + keyWidth);
    for (size_t i = 0; i < n; ++i) {
      GroupKey key(keyWidth);
      in.values(key.data(), keyWidth);
      passedAt[key] = in.svarint();
    }
  }
  // When a row last passed matters until a period has gone by; it is kept for good, as Siddhi does.
  bool canDestroy() const override { return passedAt.empty(); }

  size_t keyWidth;
  std::unordered_map<GroupKey, int64_t, GroupKeyHash> passedAt;  // clock when a row last passed
};

std::unique_ptr<OperatorState> FirstPerTimeLimiter::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(groupColumns().size());
}

void FirstPerTimeLimiter::processChunk(ExecContext& ctx, OperatorState& state,
                                       std::span<const EventRow> rows) const {
  auto& passedAt = static_cast<State&>(state).passedAt;
  // Siddhi reads the clock once per chunk.
  int64_t now = ctx.app.clock.now();
  LimiterScratch& sc = scratch(ctx);
  sc.out.clear();
  for (const EventRow& row : grouped() ? rows : rows.first(std::min<size_t>(rows.size(), 1))) {
    auto [it, first] = passedAt.try_emplace(keyOf(sc, row.data), now);
    if (!first && it->second + period_ > now) continue;
    it->second = now;
    sc.out.rows.push_back(row);
  }
  emit(ctx, sc.out);
}

}  // namespace cepheus::runtime
