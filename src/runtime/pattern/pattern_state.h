// What a pattern or sequence remembers: per state the partial matches waiting for it and its
// flags, the matches themselves and the events they hold, and the timers of absent states.
#pragma once

#include <deque>
#include <memory>
#include <vector>

#include "runtime/pattern/match_store.h"
#include "runtime/pattern/pattern_plan.h"
#include "runtime/scheduler.h"
#include "runtime/state/operator_state.h"

namespace cepheus::runtime::pattern {

// The state of one pattern state (Siddhi's StreamPreState and its subclasses' fields).
struct StateRun {
  std::vector<Match*> pending;  // waiting for this state's next event
  std::vector<Match*> arrived;  // handed over while the current event was processed; they wait
                                // from the next event on (Siddhi's newAndEveryStateEventList)
  bool changed = false;          // the match being tested passed this state
  bool initialized = false;      // a start state made its first fresh match
  bool started = false;          // an absent start state armed its first period
  bool returned = false;         // post side: a match passed on to the selector, not yet taken
  bool succeeded = false;        // counting: the event being tested passed the filter
  bool restartStart = false;     // counting start of a sequence: restart at the next update
  bool active = true;            // absent: false once a pattern without `every` matched
  int64_t lastScheduled = 0;     // absent: when the period running now ends
  int64_t lastArrival = 0;       // absent and/or: when its event last arrived (0: not since)
  std::deque<int64_t> notifyAt;  // absent: the times it asked to be woken at, first first
  std::unique_ptr<Timer> timer;  // absent: armed at notifyAt.front()
  int64_t catchUpClock = -1;     // absent: the clock of the last firings, and how many there were
  int catchUps = 0;

  // The matches handed over during the last event start waiting: in time order, the fresh ones
  // (no event yet) last (Siddhi's updateState).
  void takeInArrived();
};

class PatternState final : public OperatorState {
 public:
  // `timerTargets[i]`: what state i's timer calls (null for states without one).
  PatternState(const PatternPlan& plan, Scheduler& scheduler, StateFrame& frame,
               const std::vector<const TimerTarget*>& timerTargets);
  ~PatternState() override;

  void snapshot(StateWriter& out) const override;
  void restore(StateReader& in) override;
  bool canDestroy() const override;

  // Puts `m` in a list, holding it; takes it out, letting go.
  void push(std::vector<Match*>& list, Match* m) {
    store.retain(m);
    list.push_back(m);
  }
  void clearList(std::vector<Match*>& list) {
    for (Match* m : list) store.release(m);
    list.clear();
  }
  // Asks state i's timer to fire at `time` (Siddhi's scheduler.notifyAt: times are queued in the
  // order asked, and each fires once the clock reaches it and those before it).
  void notifyAt(uint32_t i, int64_t time);

  // Live partial matches and captured events, and the bytes the pools hold (for reports).
  size_t liveMatches() const { return store.live(); }
  size_t capturedRows() const;
  size_t poolBytes() const;

  const PatternPlan& plan;
  std::vector<std::unique_ptr<CapturePool>> pools;  // per input stream; before `store`, which gives back to them
  MatchStore store;
  std::vector<StateRun> states;
};

}  // namespace cepheus::runtime::pattern
