// Absent states: `not S[f] for t` alone (AbsentStream) and as a side of `and` / `or`
// (AbsentLogical). An event of S that passes the filter ends the matches waiting for its
// absence; the state's timer completes the others once t has passed. The timer runs on the
// engine clock: in playback it fires when an event moves the clock past it, before that event
// is processed; otherwise on the wall clock through the app's scheduler.
#include "runtime/app_state.h"
#include "runtime/pattern/pattern_run.h"

namespace cepheus::runtime::pattern {

void PatternRun::partitionCreated(uint32_t i, int64_t startTime) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  if (s.started) return;
  s.started = true;
  // A first state's period starts when the app does (clock 0 in playback).
  if (!d.isStart || d.waiting < 0 || !s.active) return;
  if (d.kind == StateKind::AbsentStream) s.lastScheduled = startTime + d.waiting;
  st_.notifyAt(i, startTime + d.waiting);
}

void PatternRun::sendAbsentMatch(uint32_t i, Match* m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  if (d.emits) emitOne(m);
  if (d.next >= 0) addState(static_cast<uint32_t>(d.next), m);
  if (d.nextEvery >= 0) {
    addEveryState(static_cast<uint32_t>(d.nextEvery), m);
  } else if (d.isStart) {
    // Without `every` the pattern is done.
    s.active = false;
    if (d.kind == StateKind::AbsentLogical && d.logical == LogicalType::Or &&
        def(static_cast<uint32_t>(d.partner)).kind == StateKind::AbsentLogical)
      run(static_cast<uint32_t>(d.partner)).active = false;
  }
  if (d.callback >= 0) startStateReset(static_cast<uint32_t>(d.callback));
}

// --- not S for t

void PatternRun::absentStreamAddState(uint32_t i, Match* m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  if (!s.active) return;
  if (plan_.sequence) st_.clearList(s.arrived);
  st_.push(s.arrived, m);
  if (!d.isStart) {  // the period starts with the event before it
    s.lastScheduled = m->timestamp + d.waiting;
    st_.notifyAt(i, s.lastScheduled);
  }
}

void PatternRun::absentStreamAddEveryState(uint32_t i, Match* source) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  Match* m = store_.clone(*source, d.slot);  // without this state's slot and those after it
  m->expired = false;
  st_.push(s.arrived, m);
  s.lastScheduled = source->timestamp + d.waiting;
  st_.notifyAt(i, s.lastScheduled);
}

void PatternRun::absentStreamResetState(uint32_t i) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  st_.clearList(s.pending);
  if (!d.isStart) return;
  if (plan_.sequence && d.nextEvery < 0 && d.next >= 0 && !run(static_cast<uint32_t>(d.next)).pending.empty()) return;
  initState(i);
}

void PatternRun::absentStreamPost(uint32_t i, Match& m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  s.changed = true;  // the match waiting for the absence is over
  int64_t arrived = m.first(d.slot).timestamp;
  m.timestamp = arrived;
  s.returned = true;
  if (d.isStart && d.nextEvery == static_cast<int>(i)) addEveryState(i, &m);
  // The period starts again from this event.
  s.lastScheduled = arrived + d.waiting;
  st_.notifyAt(i, s.lastScheduled);
}

void PatternRun::absentStreamTimer(uint32_t i, int64_t now) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  if (!s.active) return;
  std::vector<Match*> done;
  bool initialize = d.isStart && s.arrived.empty() && s.pending.empty();
  if (initialize && plan_.sequence && d.nextEvery < 0 && s.lastScheduled > 0) initialize = false;
  if (initialize) {
    Match* m = store_.make();
    addState(i, m);
    store_.dropIfUnheld(m);
  } else if (plan_.sequence && !s.arrived.empty()) {
    resetState(i);
  }
  updateState(i);
  size_t kept = 0;
  for (size_t k = 0; k < s.pending.size(); ++k) {
    Match* m = s.pending[k];
    if (isExpired(*m, now)) {
      if (d.withinEvery >= 0 && d.nextEvery >= 0 && d.nextEvery != static_cast<int>(i))
        addEveryState(static_cast<uint32_t>(d.nextEvery), m);
      store_.release(m);
      continue;
    }
    // The time passed without the event: the match goes on.
    if ((m->timestamp == -1 && now >= s.lastScheduled) || (m->timestamp != -1 && now >= m->timestamp + d.waiting)) {
      m->timestamp = now;
      done.push_back(m);  // takes over the list's hold
      continue;
    }
    s.pending[kept++] = m;
  }
  s.pending.resize(kept);
  if (d.withinEvery >= 0) updateState(static_cast<uint32_t>(d.withinEvery));
  const bool nothingDone = done.empty();
  for (Match* m : done) {
    sendAbsentMatch(i, m);
    store_.release(m);
  }
  // Cepheus: the timer runs as if it fired at the time it was due, on either clock. Siddhi
  // restarts the period from the clock when a timer fires more than a period late, which in
  // playback is whenever the next event comes later than that: absent states then miss
  // periods that did pass without their event (siddhi#937, absence works only on system time).
  if (nothingDone && s.lastScheduled < now) {
    s.lastScheduled = now + d.waiting;
    st_.notifyAt(i, s.lastScheduled);
  }
}

// --- not S [for t] as a side of and / or

void PatternRun::absentLogicalAddState(uint32_t i, Match* m) {
  const StateDef& d = def(i);
  if (!run(i).active) return;
  logicalAddState(i, m);
  if (d.isStart || d.waiting < 0) return;
  st_.notifyAt(i, m->timestamp + d.waiting);
  const StateDef& other = def(static_cast<uint32_t>(d.partner));
  if (other.kind == StateKind::AbsentLogical) st_.notifyAt(static_cast<uint32_t>(d.partner), m->timestamp + other.waiting);
}

void PatternRun::absentLogicalAddEveryState(uint32_t i, Match* source) {
  const StateDef& d = def(i);
  Match* m = store_.clone(*source);
  m->expired = false;
  if (m->has(d.slot)) m->timestamp = m->first(d.slot).timestamp;
  store_.clear(*m, d.slot);
  store_.clear(*m, def(static_cast<uint32_t>(d.partner)).slot);
  st_.push(run(i).arrived, m);
  st_.push(run(static_cast<uint32_t>(d.partner)).arrived, m);
}

void PatternRun::absentLogicalProcessAndReturn(uint32_t i, const EventRow& row) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  if (!s.active) return;
  const uint32_t partner = static_cast<uint32_t>(d.partner);
  const uint32_t partnerSlot = def(partner).slot;
  const bool putBack = d.waiting >= 0 || (plan_.sequence && d.logical == LogicalType::And && d.nextEvery >= 0);
  size_t kept = 0;
  for (size_t k = 0; k < s.pending.size(); ++k) {
    Match* m = s.pending[k];
    if (d.logical == LogicalType::Or && m->has(partnerSlot)) {
      store_.release(m);
      continue;
    }
    std::vector<EventRow> before = store_.take(*m, d.slot);
    bool restored = false;
    store_.set(*m, d.slot, row);
    process(i, *m);
    if (putBack) {
      store_.put(*m, d.slot, std::move(before));
      restored = true;
    }
    bool keep = true;
    StateRun& last = run(static_cast<uint32_t>(d.thisLast));
    if (last.returned) {
      // The event passed the filter: the match is no longer waiting for its absence.
      last.returned = false;
      keep = false;
      if (plan_.sequence) {
        auto& other = run(partner).pending;
        for (size_t o = 0; o < other.size(); ++o)
          if (other[o] == m) {
            other.erase(other.begin() + static_cast<std::ptrdiff_t>(o));
            store_.release(m);
            break;
          }
      }
    }
    if (!s.changed) {
      if (!restored) {
        store_.put(*m, d.slot, std::move(before));
        restored = true;
      }
      if (plan_.sequence) keep = false;
    }
    if (!restored) store_.letGo(d.slot, before);
    store_.captureArrival(*m, d.slot);
    if (keep) {
      s.pending[kept++] = m;
    } else {
      store_.release(m);
    }
  }
  s.pending.resize(kept);
}

void PatternRun::absentLogicalPost(uint32_t i, Match& m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  s.changed = true;
  s.returned = true;
  s.lastArrival = m.first(d.slot).timestamp;
}

bool PatternRun::partnerCanProceed(uint32_t absent, const Match& m) {
  const StateDef& d = def(absent);
  StateRun& s = run(absent);
  if (plan_.sequence && d.nextEvery < 0 && s.lastArrival > 0) return false;
  if (d.waiting < 0) {
    // `not S and e2=T`: T completes the match unless S came first.
    if (d.nextEvery < 0) return !m.has(d.slot);
    if (s.lastArrival > 0) {
      s.lastArrival = 0;
      initState(absent);
      return false;
    }
    return true;
  }
  // `not S for t and e2=T`: once t passed without S (the absent side recorded it).
  return m.has(d.slot);
}

void PatternRun::absentLogicalTimer(uint32_t i, int64_t now) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  if (!s.active) return;
  const uint32_t partnerSlot = def(static_cast<uint32_t>(d.partner)).slot;
  bool nothingDone = true;
  if (now >= s.lastArrival + d.waiting) {
    if (d.isStart && plan_.sequence && s.arrived.empty() && s.pending.empty()) {
      Match* m = store_.make();
      addState(i, m);
      store_.dropIfUnheld(m);
    } else if (plan_.sequence && !s.arrived.empty()) {
      resetState(i);
    }
    updateState(i);
    Match* rearm = nullptr;
    std::vector<Match*> done;
    size_t kept = 0;
    for (size_t k = 0; k < s.pending.size(); ++k) {
      Match* m = s.pending[k];
      if (isExpired(*m, now)) {
        if (rearm) store_.release(rearm);
        rearm = m;  // takes over the list's hold
        continue;
      }
      auto since = m->has(d.slot) ? m->first(d.slot).timestamp : m->timestamp;
      if (now < since + d.waiting) {
        s.pending[kept++] = m;
        continue;
      }
      // The time passed without the event.
      const bool partnerIn = m->has(partnerSlot);
      if (d.logical == LogicalType::Or && !partnerIn) {
        store_.append(*m, d.slot, store_.blankRow());
        done.push_back(m);
      } else if (d.logical == LogicalType::And && partnerIn) {
        done.push_back(m);
      } else {
        // `and` whose other side has not come: it decides when it does.
        if (d.logical == LogicalType::And) store_.append(*m, d.slot, store_.blankRow());
        store_.release(m);
      }
    }
    s.pending.resize(kept);
    if (rearm) {
      if (d.withinEvery >= 0) {
        addEveryState(static_cast<uint32_t>(d.withinEvery), rearm);
        updateState(static_cast<uint32_t>(d.withinEvery));
      }
      store_.release(rearm);
    }
    nothingDone = done.empty();
    for (Match* m : done) {
      m->timestamp = now;
      sendAbsentMatch(i, m);
      store_.release(m);
    }
    s.lastArrival = 0;
  }
  if (d.nextEvery >= 0 || (nothingDone && d.isStart)) {
    int64_t next = s.lastArrival == 0 ? now + d.waiting : s.lastArrival + d.waiting;  // as if on time (see above)
    st_.notifyAt(i, next);
  }
}

}  // namespace cepheus::runtime::pattern
