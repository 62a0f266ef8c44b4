#include "runtime/rate_limit/snapshot_rate_limiters.h"

#include <unordered_map>
#include <unordered_set>

#include "runtime/rate_limit/period_timer.h"

namespace cepheus::runtime {

// --- the latest row ---

struct LatestRowSnapshot::State final : OperatorState {
  State(size_t width, AppState& app, StateFrame& frame, const LatestRowSnapshot& limiter)
      : limiter(&limiter), latest(width), timer(app, frame, limiter) {}
  void snapshot(StateWriter& out) const override {
    latest.snapshot(out);
    out.varint(balance.size());
    for (int64_t b : balance) out.svarint(b);
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    latest.restore(in, [this](const EventRow& row) { return limiter->keyOf(row.data); });
    balance.resize(in.count(1));
    for (int64_t& b : balance) b = in.svarint();
    if (!balance.empty() && balance.size() != latest.rows().size()) StateReader::fail("group counts do not match the groups");
    timer.restore(in);
  }
  bool canDestroy() const override { return latest.empty() && !timer.pending(); }

  const LatestRowSnapshot* limiter;
  LatestPerGroup latest;
  std::vector<int64_t> balance;  // CountPerGroup: current minus expired rows, by group position
  PeriodTimer timer;
};

std::unique_ptr<OperatorState> LatestRowSnapshot::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, app, frame, *this);
}

std::string LatestRowSnapshot::stateLayout() const {
  return "snapshot latest(" + std::to_string(static_cast<int>(mode_)) + ") every " + std::to_string(period_) + " ms" +
         groupLayout();
}

void LatestRowSnapshot::onTimer(ExecContext& ctx, int64_t due) const { periodEnd(ctx, state<State>(ctx), due); }

void LatestRowSnapshot::processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const {
  State& s = static_cast<State&>(state);
  if (auto due = s.timer.takeReached(ctx.app)) periodEnd(ctx, s, *due);
  LimiterScratch& sc = scratch(ctx);
  for (const EventRow& row : rows) {
    bool current = row.kind == EventKind::Current;
    switch (mode_) {
      case Mode::KeepCurrent:
        if (current) s.latest.put(keyOf(sc, row.data), row);
        break;
      case Mode::ExpiredClears:
        if (current) {
          s.latest.put(keyOf(sc, row.data), row);
        } else {
          s.latest.clear();
        }
        break;
      case Mode::CountPerGroup: {
        size_t group = s.latest.put(keyOf(sc, row.data), row);
        if (group == s.balance.size()) s.balance.push_back(0);
        s.balance[group] += current ? 1 : -1;
        break;
      }
    }
  }
  if (!s.latest.empty()) s.timer.armForCurrentPeriod(ctx.app, period_);
}

void LatestRowSnapshot::periodEnd(ExecContext& ctx, State& s, int64_t due) const {
  if (mode_ == Mode::CountPerGroup) {
    std::vector<int64_t> kept;
    s.latest.retain([&](size_t group) {
      if (s.balance[group] <= 0) return false;
      kept.push_back(s.balance[group]);
      return true;
    });
    s.balance = std::move(kept);
  }
  release(ctx, s.latest.rows());
  if (!s.latest.empty()) s.timer.armAfter(due, period_);
}

// --- the window's content ---

struct WindowContentSnapshot::State final : OperatorState {
  State(size_t width, AppState& app, StateFrame& frame, const WindowContentSnapshot& limiter)
      : limiter(&limiter), content(width), timer(app, frame, limiter) {}
  void snapshot(StateWriter& out) const override {
    content.snapshot(out);
    out.varint(aggregates.size());
    for (const auto& [key, values] : aggregates) {
      out.values(key.data(), key.size());
      out.values(values.data(), values.size());
    }
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    content.restore(in);
    aggregates.clear();
    size_t keyWidth = limiter->groupColumns().size();
    size_t valueWidth = limiter->aggregateColumns_.size();
    size_t n = in.count(keyWidth + valueWidth);
    for (size_t i = 0; i < n; ++i) {
      GroupKey key(keyWidth);
      in.values(key.data(), keyWidth);
      std::vector<Value> values(valueWidth);
      in.values(values.data(), valueWidth);
      aggregates[key] = std::move(values);
    }
    timer.restore(in);
  }
  bool canDestroy() const override { return content.empty() && !timer.pending(); }

  const WindowContentSnapshot* limiter;
  RowStore content;
  std::unordered_map<GroupKey, std::vector<Value>, GroupKeyHash> aggregates;  // latest, by group
  PeriodTimer timer;
};

std::unique_ptr<OperatorState> WindowContentSnapshot::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, app, frame, *this);
}

std::string WindowContentSnapshot::stateLayout() const {
  std::string aggregates;
  for (int column : aggregateColumns_) aggregates += "," + std::to_string(column);
  return "snapshot content every " + std::to_string(period_) + " ms" + groupLayout() + ";" + aggregates;
}

void WindowContentSnapshot::onTimer(ExecContext& ctx, int64_t due) const { periodEnd(ctx, state<State>(ctx), due); }

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

void WindowContentSnapshot::keepAggregates(State& s, const EventRow& row) const {
  if (aggregateColumns_.empty()) return;
  std::vector<Value>& values = s.aggregates[keyOf(row.data)];
  values.clear();
  for (int column : aggregateColumns_) values.push_back(row.data[column]);
}

void WindowContentSnapshot::processChunk(ExecContext& ctx, OperatorState& state,
                                         std::span<const EventRow> rows) const {
  State& s = static_cast<State&>(state);
  if (auto due = s.timer.takeReached(ctx.app)) periodEnd(ctx, s, *due);
  for (const EventRow& row : rows) {
    if (row.kind == EventKind::Current) {
      s.content.add(row);
      keepAggregates(s, row);
      continue;
    }
    for (size_t i = 0; i < s.content.size(); ++i) {
      if (!sameWithoutAggregates(s.content.data(i), row.data)) continue;
      s.content.erase(i);
      keepAggregates(s, row);
      break;
    }
  }
  if (!s.content.empty()) s.timer.armForCurrentPeriod(ctx.app, period_);
}

void WindowContentSnapshot::periodEnd(ExecContext& ctx, State& s, int64_t due) const {
  RowStore released(width_);
  std::unordered_set<GroupKey, GroupKeyHash> shown;
  for (size_t i = 0; i < s.content.size(); ++i) {
    EventRow row = s.content.row(i);
    // With group by (which only needs keys when aggregating) a group shows one row.
    if (grouped() && !shown.insert(keyOf(row.data)).second) continue;
    released.add(row);
    if (aggregateColumns_.empty()) continue;
    const std::vector<Value>& latest = s.aggregates[keyOf(row.data)];
    Value* copy = released.data(released.size() - 1);
    for (size_t a = 0; a < aggregateColumns_.size(); ++a) copy[aggregateColumns_[a]] = latest[a];
  }
  release(ctx, released);
  if (!s.content.empty()) s.timer.armAfter(due, period_);
}

}  // namespace cepheus::runtime
