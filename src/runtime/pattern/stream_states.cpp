// Plain and counting states, the tree that starts, resets and advances the states, and the
// expiry of matches `within` no longer allows.
#include "runtime/pattern/pattern_run.h"

namespace cepheus::runtime::pattern {

// --- the tree (Siddhi's inner state runtimes)

void PatternRun::init(const PatternNode& node) {
  switch (node.kind) {
    case PatternNode::Kind::State: initState(static_cast<uint32_t>(node.state)); return;
    case PatternNode::Kind::Next:
      init(node.children[0]);
      init(node.children[1]);
      return;
    case PatternNode::Kind::Every: init(node.children[0]); return;
    case PatternNode::Kind::Logical:
      init(node.children[1]);
      init(node.children[0]);
      return;
  }
}

void PatternRun::reset(const PatternNode& node) {
  switch (node.kind) {
    case PatternNode::Kind::State: resetState(static_cast<uint32_t>(node.state)); return;
    case PatternNode::Kind::Next:
      reset(node.children[1]);
      reset(node.children[0]);
      return;
    // An every group and a logical pair reset through one state (the group's first; the second
    // side, which resets both), as Siddhi's runtimes do.
    case PatternNode::Kind::Every: resetState(static_cast<uint32_t>(node.first)); return;
    case PatternNode::Kind::Logical: reset(node.children[1]); return;
  }
}

void PatternRun::update(const PatternNode& node) {
  switch (node.kind) {
    case PatternNode::Kind::State: updateState(static_cast<uint32_t>(node.state)); return;
    case PatternNode::Kind::Next:
      update(node.children[0]);
      update(node.children[1]);
      return;
    case PatternNode::Kind::Every: updateState(static_cast<uint32_t>(node.first)); return;
    case PatternNode::Kind::Logical: update(node.children[1]); return;
  }
}

// --- plain and counting states

void PatternRun::updateState(uint32_t i) {
  StateRun& s = run(i);
  switch (def(i).kind) {
    case StateKind::Count:
      if (s.restartStart) {
        s.restartStart = false;
        initState(i);
      }
      s.takeInArrived();
      return;
    case StateKind::Stream:
    case StateKind::AbsentStream: s.takeInArrived(); return;
    case StateKind::Logical:
    case StateKind::AbsentLogical: logicalUpdateState(i); return;
  }
}

void PatternRun::expireEvents(uint32_t i, int64_t now) {
  if (plan_.within < 0) return;
  StateRun& s = run(i);
  Match* rearm = nullptr;  // the last match this sweep expired, held
  auto expire = [&](Match* m) {
    if (m->expired) return;
    m->expired = true;
    store_.retain(m);
    if (rearm) store_.release(rearm);
    rearm = m;
  };
  // Waiting matches are in time order: the sweep stops at the first one still in time.
  size_t gone = 0;
  while (gone < s.pending.size() && isExpired(*s.pending[gone], now)) expire(s.pending[gone++]);
  if (gone > 0) {
    for (size_t k = 0; k < gone; ++k) store_.release(s.pending[k]);
    s.pending.erase(s.pending.begin(), s.pending.begin() + static_cast<std::ptrdiff_t>(gone));
  }
  size_t kept = 0;
  for (Match* m : s.arrived) {
    if (isExpired(*m, now)) {
      expire(m);
      store_.release(m);
    } else {
      s.arrived[kept++] = m;
    }
  }
  s.arrived.resize(kept);
  if (!rearm) return;
  // A match dropped inside `every (...)` starts the group again.
  const StateDef& d = def(i);
  if (d.withinEvery >= 0) {
    addEveryState(static_cast<uint32_t>(d.withinEvery), rearm);
    updateState(static_cast<uint32_t>(d.withinEvery));
  }
  store_.release(rearm);
}

void PatternRun::streamProcessAndReturn(uint32_t i, const EventRow& row, std::vector<Match*>& returned,
                                        bool dropUnchanged) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  size_t kept = 0;
  for (size_t k = 0; k < s.pending.size(); ++k) {
    Match* m = s.pending[k];
    store_.set(*m, d.slot, row);
    process(i, *m);
    takeIfReturned(i, m, returned);
    bool keep = true;
    if (s.changed) {
      keep = false;  // it moved on, holding the event
      store_.captureArrival(*m, d.slot);
    } else {
      store_.clear(*m, d.slot);
      if (plan_.sequence) {
        // In a sequence the event that does not fit ends the match.
        if (dropUnchanged) keep = false;
        if (d.callback >= 0) startStateReset(static_cast<uint32_t>(d.callback));
      }
    }
    if (keep) {
      s.pending[kept++] = m;
    } else {
      store_.release(m);
    }
  }
  s.pending.resize(kept);
}

void PatternRun::countProcessAndReturn(uint32_t i, const EventRow& row, std::vector<Match*>& returned) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  const size_t slots = store_.slots();
  size_t kept = 0;
  for (size_t k = 0; k < s.pending.size(); ++k) {
    Match* m = s.pending[k];
    // The state after this one took the match: it collects no more.
    bool movedOn = (d.slot + 1 < slots && m->has(d.slot + 1)) || (d.slot + 2 < slots && m->has(d.slot + 2));
    if (movedOn) {
      store_.release(m);
      continue;
    }
    store_.append(*m, d.slot, row);
    s.succeeded = false;
    process(i, *m);
    takeIfReturned(i, m, returned);
    bool keep = !s.changed;
    if (!s.succeeded) {
      store_.removeLast(*m, d.slot);
      if (plan_.sequence) keep = false;
    }
    store_.captureArrival(*m, d.slot);
    if (keep) {
      s.pending[kept++] = m;
    } else {
      store_.release(m);
    }
  }
  s.pending.resize(kept);
}

void PatternRun::countPost(uint32_t i, Match& m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  const int n = static_cast<int>(m.count(d.slot));
  s.succeeded = true;
  m.timestamp = m.rows[d.slot].back().timestamp;
  if (plan_.sequence) {
    if (n < d.minCount) {
      // Cepheus: a sequence's count keeps collecting until its minimum, one consecutive event at
      // a time. Siddhi drops the match at the next event (the sequence's reset), so a count of
      // 2 or more in a sequence never matches.
      addState(i, &m);
      return;
    }
    if (d.emits && n == d.minCount) {
      // Cepheus: a count ending a sequence completes once it has its minimum, as in patterns.
      // Siddhi never emits from it.
      minCountReached(i, m);
      return;
    }
    if (d.next >= 0) addState(static_cast<uint32_t>(d.next), &m);
    if (n != d.maxCount) addState(i, &m);
  } else if (n == d.minCount) {
    minCountReached(i, m);
  }
  if (n == d.maxCount) s.changed = true;
}

void PatternRun::minCountReached(uint32_t i, Match& m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  if (d.emits) {
    s.changed = true;
    s.returned = true;
  }
  if (d.next >= 0) addState(static_cast<uint32_t>(d.next), &m);
  if (d.nextEvery >= 0) addEveryState(static_cast<uint32_t>(d.nextEvery), &m);
}

}  // namespace cepheus::runtime::pattern
