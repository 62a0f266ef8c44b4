#include "runtime/rate_limit/event_rate_limiters.h"

#include <unordered_map>

namespace cepheus::runtime {

namespace {

// A count of rows since something happened.
struct CounterState final : OperatorState {
  void snapshot(StateWriter& out) const override { out.svarint(counter); }
  void restore(StateReader& in) override { counter = in.svarint(); }
  bool canDestroy() const override { return counter == 0; }
  int64_t counter = 0;
};

}  // namespace

// --- all every N events ---

struct AllPerEventsLimiter::State final : OperatorState {
  explicit State(size_t width) : held(width) {}
  void snapshot(StateWriter& out) const override { held.snapshot(out); }
  void restore(StateReader& in) override { held.restore(in); }
  bool canDestroy() const override { return held.empty(); }
  RowStore held;
};

std::unique_ptr<OperatorState> AllPerEventsLimiter::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_);
}

void AllPerEventsLimiter::processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const {
  RowStore& held = static_cast<State&>(state).held;
  for (const EventRow& row : rows) {
    held.add(row);
    if (static_cast<int64_t>(held.size()) < events_) continue;
    release(ctx, held);
    held.clear();
  }
}

// --- first every N events ---

std::unique_ptr<OperatorState> FirstPerEventsLimiter::makeState(AppState&, StateFrame&) const {
  return std::make_unique<CounterState>();
}

void FirstPerEventsLimiter::processChunk(ExecContext& ctx, OperatorState& state,
                                         std::span<const EventRow> rows) const {
  int64_t& counter = static_cast<CounterState&>(state).counter;
  Chunk& out = scratch(ctx).out;
  out.clear();
  for (const EventRow& row : rows) {
    if (++counter == 1) {
      out.rows.push_back(row);
    } else if (counter == events_) {
      counter = 0;
    }
  }
  emit(ctx, out);
}

// --- first every N events, per group ---

struct FirstPerGroupEventsLimiter::State final : OperatorState {
  explicit State(const FirstPerGroupEventsLimiter& limiter) : limiter(&limiter) {}
  void snapshot(StateWriter& out) const override {
    out.varint(seen.size());
    for (const auto& [key, n] : seen) {
      out.values(key.data(), key.size());
      out.svarint(n);
    }
  }
  void restore(StateReader& in) override {
    seen.clear();
    size_t width = limiter->groupColumns().size();
    size_t n = in.count(1 + width);
    for (size_t i = 0; i < n; ++i) {
      GroupKey key(width);
      in.values(key.data(), width);
      seen[key] = in.svarint();
    }
  }
  bool canDestroy() const override { return seen.empty(); }

  const FirstPerGroupEventsLimiter* limiter;
  std::unordered_map<GroupKey, int64_t, GroupKeyHash> seen;  // rows of the group since it passed one
};

std::unique_ptr<OperatorState> FirstPerGroupEventsLimiter::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(*this);
}

void FirstPerGroupEventsLimiter::processChunk(ExecContext& ctx, OperatorState& state,
                                              std::span<const EventRow> rows) const {
  auto& seen = static_cast<State&>(state).seen;
  LimiterScratch& s = scratch(ctx);
  s.out.clear();
  for (const EventRow& row : rows) {
    const GroupKey& key = keyOf(s, row.data);
    auto it = seen.find(key);
    if (it == seen.end()) {
      seen.emplace(key, 1);
      s.out.rows.push_back(row);
    } else if (it->second == events_ - 1) {
      seen.erase(it);
    } else {
      ++it->second;
    }
  }
  emit(ctx, s.out);
}

// --- last every N events ---

std::unique_ptr<OperatorState> LastPerEventsLimiter::makeState(AppState&, StateFrame&) const {
  return std::make_unique<CounterState>();
}

void LastPerEventsLimiter::processChunk(ExecContext& ctx, OperatorState& state,
                                        std::span<const EventRow> rows) const {
  int64_t& counter = static_cast<CounterState&>(state).counter;
  Chunk& out = scratch(ctx).out;
  for (const EventRow& row : rows) {
    if (++counter < events_) continue;
    counter = 0;
    out.clear();
    out.rows.push_back(row);
    emit(ctx, out);
  }
}

// --- last every N events, with group by ---

struct LastPerGroupEventsLimiter::State final : OperatorState {
  State(size_t width, const LastPerGroupEventsLimiter& limiter) : limiter(&limiter), latest(width) {}
  void snapshot(StateWriter& out) const override {
    out.svarint(counter);
    latest.snapshot(out);
  }
  void restore(StateReader& in) override {
    counter = in.svarint();
    latest.restore(in, [this](const EventRow& row) { return limiter->keyOf(row.data); });
  }
  bool canDestroy() const override { return counter == 0 && latest.empty(); }

  const LastPerGroupEventsLimiter* limiter;
  int64_t counter = 0;
  LatestPerGroup latest;
};

std::unique_ptr<OperatorState> LastPerGroupEventsLimiter::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(width_, *this);
}

void LastPerGroupEventsLimiter::processChunk(ExecContext& ctx, OperatorState& state,
                                             std::span<const EventRow> rows) const {
  State& s = static_cast<State&>(state);
  LimiterScratch& sc = scratch(ctx);
  RowStore released(width_);  // rare: only when a release happens does it hold anything
  for (const EventRow& row : rows) {
    s.latest.put(keyOf(sc, row.data), row);
    if (++s.counter < events_) continue;
    s.counter = 0;
    for (size_t i = 0; i < s.latest.rows().size(); ++i) released.add(s.latest.rows().row(i));
    s.latest.clear();
  }
  release(ctx, released);
}

}  // namespace cepheus::runtime
