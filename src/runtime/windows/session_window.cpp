#include "runtime/windows/session_window.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <vector>

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

struct SessionWindow::Session {
  explicit Session(size_t width) : rows(width) {}
  RowBuffer rows;
  int64_t start = 0, end = 0, alive = 0;
  bool empty() const { return rows.empty(); }
  void set(int64_t s, int64_t e, int64_t a) { start = s, end = e, alive = a; }
  void expireInto(RowBuffer& expired) {
    expired.appendAll(rows);
    rows.clear();
  }
  void snapshot(StateWriter& out) const {
    rows.snapshot(out);
    out.svarint(start);
    out.svarint(end);
    out.svarint(alive);
  }
  void restore(StateReader& in) {
    rows.restore(in);
    start = in.svarint();
    end = in.svarint();
    alive = in.svarint();
  }
};

struct SessionWindow::Sessions {  // of one key
  explicit Sessions(size_t width) : current(width), previous(width) {}
  Session current;
  Session previous;
};

struct SessionWindow::State final : OperatorState {
  State(size_t width, AppState& app, StateFrame& frame, const SessionWindow& window)
      : width(width), timer(app.scheduler, window, frame) {}

  Sessions& sessionsOf(const Value& key) {
    auto it = index.find(key);
    if (it != index.end()) return sessions[it->second];
    index.emplace(key, sessions.size());
    keys.push_back(key);
    return sessions.emplace_back(width);
  }

  void snapshot(StateWriter& out) const override {
    out.varint(sessions.size());
    for (size_t i = 0; i < sessions.size(); ++i) {
      out.value(keys[i]);
      sessions[i].current.snapshot(out);
      sessions[i].previous.snapshot(out);
    }
    timer.snapshot(out);
  }
  void restore(StateReader& in) override {
    size_t n = in.count(3);
    for (size_t i = 0; i < n; ++i) {
      Value key = in.value();
      if (index.count(key)) StateReader::fail("a session key appears twice");
      Sessions& s = sessionsOf(key);
      s.current.restore(in);
      s.previous.restore(in);
    }
    timer.restore(in);
  }
  bool canDestroy() const override {
    for (const Sessions& s : sessions)
      if (!s.current.empty() || !s.previous.empty()) return false;
    return !timer.pending();
  }

  size_t width;
  std::deque<Sessions> sessions;  // in order of the keys' first appearance
  std::vector<Value> keys;        // by position in `sessions`
  std::unordered_map<Value, size_t, ValueHash> index;
  Timer timer;
};

struct SessionWindow::Scratch final : runtime::Scratch {
  explicit Scratch(size_t width) : expired(width) {}
  std::vector<Sessions*> ending;  // sessions ordered by end time
  RowBuffer expired;
  Chunk out;
};

std::unique_ptr<OperatorState> SessionWindow::makeState(AppState& app, StateFrame& frame) const {
  return std::make_unique<State>(width_, app, frame, *this);
}

void SessionWindow::process(ExecContext& ctx, const Chunk& chunk) const {
  State& state = this->state<State>(ctx);
  auto& scratch = ctx.lane.scratch<Scratch>(id(), width_);
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    Sessions& s = state.sessionsOf(keyIndex_ >= 0 ? row.data[keyIndex_] : Value());
    scratch.expired.clear();
    bool kept = arrive(s, row, scratch.expired);
    Chunk& out = scratch.out;
    out.rows.clear();
    if (kept) out.rows.push_back({row.data, row.timestamp, EventKind::Current});
    scratch.expired.addTo(out, EventKind::Expired);
    emit(ctx, out);
    // Only this key's sessions changed: a pending wake-up covers the others.
    if (!s.current.empty()) state.timer.armNoLaterThan(s.current.end);
    if (latency_ > 0 && !s.previous.empty()) state.timer.armNoLaterThan(s.previous.alive);
  }
}

bool SessionWindow::arrive(Sessions& s, const EventRow& row, RowBuffer& expired) const {
  const int64_t ts = row.timestamp;
  Session& current = s.current;
  if (current.empty()) {
    current.rows.append(row.data, ts);
    current.set(ts, ts + gap_, ts + gap_ + latency_);
    return true;
  }
  if (ts < current.start) return arriveLate(s, row);
  if (ts <= current.end) {
    current.rows.append(row.data, ts);
    current.set(current.start, ts + gap_, ts + gap_ + latency_);
  } else if (latency_ > 0) {
    // A new session while the current one has not timed out yet: the current one becomes the
    // previous one (expiring an older previous one).
    if (!s.previous.empty()) s.previous.expireInto(expired);
    s.previous.rows.swap(current.rows);
    s.previous.set(current.start, current.end, current.alive);
    current.rows.append(row.data, ts);
    current.set(ts, ts + gap_, ts + gap_ + latency_);
  }
  return true;
}

bool SessionWindow::arriveLate(Sessions& s, const EventRow& row) const {
  const int64_t ts = row.timestamp;
  Session& current = s.current;
  Session& previous = s.previous;
  if (ts >= current.start - gap_) {
    current.rows.prepend(row.data, ts);
    current.start = ts;
    if (latency_ > 0) merge(previous, current);
    return true;
  }
  if (latency_ <= 0 || previous.empty() || ts < previous.start - gap_) return false;
  previous.rows.append(row.data, ts);
  if (ts <= previous.end - gap_ && ts < previous.start) {
    previous.start = ts;
  } else {
    previous.end = ts + gap_;
    previous.alive = ts + gap_ + latency_;
    merge(previous, current);
  }
  return true;
}

void SessionWindow::merge(Session& previous, Session& next) const {
  if (previous.empty() || previous.end < next.start - gap_) return;
  previous.rows.appendAll(next.rows);
  next.rows.swap(previous.rows);
  previous.rows.clear();
  next.start = previous.start;
}

void SessionWindow::onTimer(ExecContext& ctx, int64_t due) const {
  State& state = this->state<State>(ctx);
  auto& scratch = ctx.lane.scratch<Scratch>(id(), width_);
  scratch.expired.clear();
  // Current sessions that ended by `due`, in order of end time (stable: first key first).
  auto& ending = scratch.ending;
  ending.clear();
  for (Sessions& s : state.sessions)
    if (!s.current.empty()) ending.push_back(&s);
  std::stable_sort(ending.begin(), ending.end(),
                   [](const Sessions* a, const Sessions* b) { return a->current.end < b->current.end; });
  for (Sessions* s : ending) {
    if (due < s->current.end) break;
    if (latency_ > 0) {
      s->previous.rows.appendAll(s->current.rows);
      s->previous.set(s->current.start, s->current.end, s->current.alive);
      s->current.rows.clear();
    } else {
      s->current.expireInto(scratch.expired);
    }
  }
  if (latency_ > 0) {
    ending.clear();
    for (Sessions& s : state.sessions)
      if (!s.previous.empty()) ending.push_back(&s);
    std::stable_sort(ending.begin(), ending.end(),
                     [](const Sessions* a, const Sessions* b) { return a->previous.end < b->previous.end; });
    for (Sessions* s : ending) {
      if (due < s->previous.alive) break;
      s->previous.expireInto(scratch.expired);
    }
  }
  scratch.out.rows.clear();
  scratch.expired.addTo(scratch.out, EventKind::Expired);
  emit(ctx, scratch.out);
  armTimer(state);
}

// Wakes up at the earliest session end (or, with latency, the end of the earliest kept session).
void SessionWindow::armTimer(State& state) const {
  bool any = false;
  int64_t next = 0;
  auto consider = [&](int64_t t) {
    if (!any || t < next) next = t;
    any = true;
  };
  for (const Sessions& s : state.sessions) {
    if (!s.current.empty()) consider(s.current.end);
    if (latency_ > 0 && !s.previous.empty()) consider(s.previous.alive);
  }
  if (any) state.timer.armNoLaterThan(next);
}

void SessionWindow::heldRows(const OperatorState& state, std::vector<EventRow>& out) const {
  for (const Sessions& s : static_cast<const State&>(state).sessions) {
    s.previous.rows.addViews(out);
    s.current.rows.addViews(out);
  }
}

}  // namespace cepheus::runtime
