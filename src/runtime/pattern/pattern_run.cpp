#include "runtime/pattern/pattern_run.h"

#include <cstdlib>

#include "runtime/app_state.h"

namespace cepheus::runtime::pattern {

void PatternRun::start(int64_t startTime) {
  // Siddhi's StateStreamRuntime.initPartition: the tree first, then the absent states' periods.
  init(plan_.root);
  for (uint32_t i : plan_.absentStates) partitionCreated(i, startTime);
}

void PatternRun::arrive(const EventRow& row, uint32_t stream) {
  arrival_ = &row;
  store_.beginArrival(row, stream);
  // Siddhi's stabilizeStates: matches `within` no longer allows go first (measured from this
  // event's time); then a pattern's states of this stream take in what was handed to them, while
  // a sequence resets every state (what the previous event did not advance is gone) and takes in.
  for (uint32_t i : plan_.expiryOrder) expireEvents(i, row.timestamp);
  if (plan_.sequence) {
    reset(plan_.root);
    update(plan_.root);
  } else {
    for (uint32_t i : plan_.streamStates[stream]) updateState(i);
  }
  // The later states first, so an event completes the matches that waited for it before it
  // starts new ones (Siddhi's PatternMultiProcessStreamReceiver).
  const auto& states = plan_.streamStates[stream];
  std::vector<Match*> returned;
  for (size_t k = states.size(); k-- > 0;) {
    processAndReturn(states[k], row, returned);
    if (returned.empty()) continue;
    op_.emitMatches(*ctx_, returned);
    for (Match* m : returned) store_.release(m);
    returned.clear();
  }
  store_.endArrival();
  arrival_ = nullptr;
}

void PatternRun::timerFired(uint32_t i) {
  StateRun& s = run(i);
  const int64_t now = app_.clock.now();
  if (s.notifyAt.empty() || s.notifyAt.front() > now) return;
  // One time asked for (Siddhi's scheduler keeps them in the order asked), run as of that time;
  // the timer then waits for the next, so the times of all absent states fire in time order, as
  // on the wall clock, even when an event moves the playback clock past several.
  //
  // A state that repeats its period (`every not S for t`) catches up on the periods the clock
  // passed, up to kCatchUp of them at one clock time: after a longer gap (epoch timestamps after
  // a start at clock 0 in playback) the period restarts at the clock, as Siddhi's always does.
  constexpr int kCatchUp = 1000;
  if (s.catchUpClock != now) {
    s.catchUpClock = now;
    s.catchUps = 0;
  }
  if (++s.catchUps > kCatchUp) {
    s.notifyAt.clear();
    if (def(i).kind == StateKind::AbsentStream) s.lastScheduled = now + def(i).waiting;
    s.notifyAt.push_back(now + def(i).waiting);
  } else {
    int64_t time = s.notifyAt.front();
    s.notifyAt.pop_front();
    if (def(i).kind == StateKind::AbsentStream) {
      absentStreamTimer(i, time);
    } else {
      absentLogicalTimer(i, time);
    }
  }
  if (!s.notifyAt.empty()) s.timer->arm(s.notifyAt.front());
}

bool PatternRun::isExpired(const Match& m, int64_t now) const {
  if (plan_.within < 0) return false;
  for (uint32_t slot : plan_.startSlots)
    if (m.has(slot) && std::llabs(m.first(slot).timestamp - now) > plan_.within) return true;
  return false;
}

// --- dispatch by kind (Siddhi's virtual methods)

void PatternRun::initState(uint32_t i) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  if (!d.isStart) return;
  bool nextIsAbsent = d.next >= 0 && isAbsent(def(d.next).kind);
  if (!s.initialized || d.nextEvery >= 0 || (plan_.sequence && nextIsAbsent)) {
    Match* m = store_.make();
    addState(i, m);
    store_.dropIfUnheld(m);
    s.initialized = true;
  }
}

void PatternRun::addState(uint32_t i, Match* m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  switch (d.kind) {
    case StateKind::Stream:
    case StateKind::Count:
      if (!plan_.sequence || s.arrived.empty()) st_.push(s.arrived, m);
      if (d.kind == StateKind::Count && d.minCount == 0 && !m->has(d.slot)) minCountReached(i, *m);
      return;
    case StateKind::Logical: logicalAddState(i, m); return;
    case StateKind::AbsentStream: absentStreamAddState(i, m); return;
    case StateKind::AbsentLogical: absentLogicalAddState(i, m); return;
  }
}

void PatternRun::addEveryState(uint32_t i, Match* source) {
  const StateDef& d = def(i);
  switch (d.kind) {
    case StateKind::Stream:
    case StateKind::Count: {
      Match* m = store_.clone(*source, d.slot);  // without this state's slot and those after it
      m->expired = false;
      st_.push(run(i).arrived, m);
      return;
    }
    case StateKind::Logical: logicalAddEveryState(i, source); return;
    case StateKind::AbsentStream: absentStreamAddEveryState(i, source); return;
    case StateKind::AbsentLogical: absentLogicalAddEveryState(i, source); return;
  }
}

void PatternRun::resetState(uint32_t i) {
  switch (def(i).kind) {
    case StateKind::Stream:
    case StateKind::Count: {
      const StateDef& d = def(i);
      StateRun& s = run(i);
      st_.clearList(s.pending);
      if (d.isStart && s.arrived.empty()) {
        // A sequence without `every` whose next state still waits does not start again.
        if (plan_.sequence && d.nextEvery < 0 && d.next >= 0 && !run(d.next).pending.empty()) return;
        initState(i);
      }
      return;
    }
    case StateKind::Logical:
    case StateKind::AbsentLogical: logicalResetState(i); return;
    case StateKind::AbsentStream: absentStreamResetState(i); return;
  }
}

void PatternRun::processAndReturn(uint32_t i, const EventRow& row, std::vector<Match*>& returned) {
  switch (def(i).kind) {
    case StateKind::Stream: streamProcessAndReturn(i, row, returned, plan_.sequence); return;
    case StateKind::Count: countProcessAndReturn(i, row, returned); return;
    case StateKind::Logical: logicalProcessAndReturn(i, row, returned); return;
    case StateKind::AbsentStream: {
      if (!run(i).active) return;
      // An absent state's event only ends the matches waiting for its absence: nothing completes.
      std::vector<Match*> ignored;
      streamProcessAndReturn(i, row, ignored, false);
      for (Match* m : ignored) store_.release(m);
      return;
    }
    case StateKind::AbsentLogical: absentLogicalProcessAndReturn(i, row); return;
  }
}

void PatternRun::process(uint32_t i, Match& m) {
  const StateDef& d = def(i);
  run(i).changed = false;
  if (d.filter) {
    EvalContext eval{m.heads.data(), nullptr, &app_.clock, m.lists.data()};
    bool pass = false;
    try {
      if (!d.filter->eval(eval, pass) || !pass) return;
    } catch (const EvaluationError& e) {
      if (ctx_ && arrival_) d.faults->fault(*ctx_, *arrival_, e.what());
      return;
    }
  }
  post(i, m);
}

void PatternRun::post(uint32_t i, Match& m) {
  switch (def(i).kind) {
    case StateKind::Stream: streamPost(i, m); return;
    case StateKind::Count: countPost(i, m); return;
    case StateKind::Logical: logicalPost(i, m); return;
    case StateKind::AbsentStream: absentStreamPost(i, m); return;
    case StateKind::AbsentLogical: absentLogicalPost(i, m); return;
  }
}

void PatternRun::streamPost(uint32_t i, Match& m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  s.changed = true;
  m.timestamp = m.first(d.slot).timestamp;
  if (d.emits) s.returned = true;
  if (d.next >= 0) addState(d.next, &m);
  if (d.nextEvery >= 0) addEveryState(d.nextEvery, &m);
  if (d.callback >= 0) startStateReset(d.callback);
}

// A sequence's first state counting from 0 starts over (at its next update) once the state
// after it took the match.
void PatternRun::startStateReset(uint32_t countState) { run(countState).restartStart = true; }

void PatternRun::takeIfReturned(uint32_t i, Match* m, std::vector<Match*>& returned) {
  StateRun& last = run(static_cast<uint32_t>(def(i).thisLast));
  if (!last.returned) return;
  last.returned = false;
  store_.retain(m);
  returned.push_back(m);
}

void PatternRun::emitOne(Match* m) {
  if (!ctx_) return;
  Match* one[] = {m};
  op_.emitMatches(*ctx_, one);
}

}  // namespace cepheus::runtime::pattern
