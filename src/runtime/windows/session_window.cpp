#include "runtime/windows/session_window.h"

#include <algorithm>

namespace cepheus::runtime {

SessionWindow::SessionWindow(int64_t gap, int keyIndex, int64_t allowedLatency, size_t width, Scheduler* scheduler)
    : gap_(gap), keyIndex_(keyIndex), latency_(allowedLatency), width_(width), timer_(scheduler, this), expired_(width) {}

SessionWindow::Sessions& SessionWindow::sessionsOf(const Value& key) {
  auto it = index_.find(key);
  if (it != index_.end()) return sessions_[it->second];
  index_.emplace(key, sessions_.size());
  return sessions_.emplace_back(width_);
}

void SessionWindow::expire(Session& session) {
  expired_.appendAll(session.rows);
  session.rows.clear();
}

void SessionWindow::process(const Chunk& chunk) {
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current) continue;
    Sessions& s = sessionsOf(keyIndex_ >= 0 ? row.data[keyIndex_] : Value());
    expired_.clear();
    bool kept = arrive(s, row);
    out_.rows.clear();
    if (kept) out_.rows.push_back({row.data, row.timestamp, EventKind::Current});
    expired_.addTo(out_, EventKind::Expired);
    emit(out_);
    // Only this key's sessions changed: a pending wake-up covers the others.
    if (!s.current.empty()) timer_.requestAt(s.current.end);
    if (latency_ > 0 && !s.previous.empty()) timer_.requestAt(s.previous.alive);
  }
}

bool SessionWindow::arrive(Sessions& s, const EventRow& row) {
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
    if (!s.previous.empty()) expire(s.previous);
    s.previous.rows.swap(current.rows);
    s.previous.set(current.start, current.end, current.alive);
    current.rows.append(row.data, ts);
    current.set(ts, ts + gap_, ts + gap_ + latency_);
  }
  return true;
}

bool SessionWindow::arriveLate(Sessions& s, const EventRow& row) {
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

void SessionWindow::merge(Session& previous, Session& next) {
  if (previous.empty() || previous.end < next.start - gap_) return;
  previous.rows.appendAll(next.rows);
  next.rows.swap(previous.rows);
  previous.rows.clear();
  next.start = previous.start;
}

void SessionWindow::onTimer(int64_t due) {
  timer_.fired(due);
  expired_.clear();
  // Current sessions that ended by `due`, in order of end time (stable: first key first).
  ending_.clear();
  for (Sessions& s : sessions_)
    if (!s.current.empty()) ending_.push_back(&s);
  std::stable_sort(ending_.begin(), ending_.end(),
                   [](const Sessions* a, const Sessions* b) { return a->current.end < b->current.end; });
  for (Sessions* s : ending_) {
    if (due < s->current.end) break;
    if (latency_ > 0) {
      s->previous.rows.appendAll(s->current.rows);
      s->previous.set(s->current.start, s->current.end, s->current.alive);
      s->current.rows.clear();
    } else {
      expire(s->current);
    }
  }
  if (latency_ > 0) {
    ending_.clear();
    for (Sessions& s : sessions_)
      if (!s.previous.empty()) ending_.push_back(&s);
    std::stable_sort(ending_.begin(), ending_.end(),
                     [](const Sessions* a, const Sessions* b) { return a->previous.end < b->previous.end; });
    for (Sessions* s : ending_) {
      if (due < s->previous.alive) break;
      expire(s->previous);
    }
  }
  out_.rows.clear();
  expired_.addTo(out_, EventKind::Expired);
  emit(out_);
  armTimer();
}

// Wakes up at the earliest session end (or, with latency, the end of the earliest kept session).
void SessionWindow::armTimer() {
  bool any = false;
  int64_t next = 0;
  auto consider = [&](int64_t t) {
    if (!any || t < next) next = t;
    any = true;
  };
  for (const Sessions& s : sessions_) {
    if (!s.current.empty()) consider(s.current.end);
    if (latency_ > 0 && !s.previous.empty()) consider(s.previous.alive);
  }
  if (any) timer_.requestAt(next);
}

}  // namespace cepheus::runtime
