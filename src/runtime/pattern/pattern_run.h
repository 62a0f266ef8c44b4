// The state machine of a pattern or sequence, run over one event or one timer of a PatternState.
//
// Each operation is that of Siddhi 5.1's pre and post state processors of the same name
// (StreamPreStateProcessor and its Count, Logical, Absent and AbsentLogical variants), so that
// matches come out as Siddhi's do, in the same order; docs/language.md lists where Cepheus
// deliberately differs, and the code marks each place ("Cepheus:").
//
//   stream_states.cpp   plain and counting states; the tree (init, reset, update); expiry
//   logical_states.cpp  both sides of `and` / `or`
//   absent_states.cpp   `not S for t`, alone or in `and` / `or`, and their timers
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/operator.h"
#include "runtime/pattern/pattern_operator.h"
#include "runtime/pattern/pattern_state.h"

namespace cepheus::runtime::pattern {

class PatternRun {
 public:
  // `ctx` is null while a state is being made (nothing is emitted then).
  PatternRun(const PatternOperator& op, PatternState& state, AppState& app, ExecContext* ctx)
      : op_(op), plan_(op.plan()), st_(state), store_(state.store), app_(app), ctx_(ctx) {}

  // A new state: start states get their first match, absent start states their first period.
  void start(int64_t startTime);
  // One event of input stream `stream`: expiry, then the states that read the stream, the last
  // first, each handing what completed to the selector.
  void arrive(const EventRow& row, uint32_t stream);
  // State i's timer: the times it asked for that the clock has reached.
  void timerFired(uint32_t i);

  // --- the tree (stream_states.cpp)
  void init(const PatternNode& node);
  void reset(const PatternNode& node);
  void update(const PatternNode& node);

  // --- the pre side of state i
  void initState(uint32_t i);
  void addState(uint32_t i, Match* m);
  void addEveryState(uint32_t i, Match* m);
  void updateState(uint32_t i);
  void resetState(uint32_t i);
  void expireEvents(uint32_t i, int64_t now);
  // Tests the event against each match waiting in state i; the matches that completed are
  // appended to `returned`, held.
  void processAndReturn(uint32_t i, const EventRow& row, std::vector<Match*>& returned);

 private:
  const StateDef& def(uint32_t i) const { return plan_.states[i]; }
  StateRun& run(uint32_t i) { return st_.states[i]; }
  bool isExpired(const Match& m, int64_t now) const;
  // Runs state i's filter on `m` (its slot holding the event being tested); on a pass, its post side.
  void process(uint32_t i, Match& m);
  void post(uint32_t i, Match& m);
  void streamPost(uint32_t i, Match& m);
  void countPost(uint32_t i, Match& m);
  void minCountReached(uint32_t i, Match& m);
  void logicalPost(uint32_t i, Match& m);
  void absentStreamPost(uint32_t i, Match& m);
  void absentLogicalPost(uint32_t i, Match& m);
  void startStateReset(uint32_t countState);
  // Takes `m` into `returned` if state i's "last" post side emitted it.
  void takeIfReturned(uint32_t i, Match* m, std::vector<Match*>& returned);

  // stream_states.cpp
  void streamProcessAndReturn(uint32_t i, const EventRow& row, std::vector<Match*>& returned, bool dropUnchanged);
  void countProcessAndReturn(uint32_t i, const EventRow& row, std::vector<Match*>& returned);
  // logical_states.cpp
  void logicalAddState(uint32_t i, Match* m);
  void logicalAddEveryState(uint32_t i, Match* m);
  void logicalUpdateState(uint32_t i);
  void logicalResetState(uint32_t i);
  void logicalProcessAndReturn(uint32_t i, const EventRow& row, std::vector<Match*>& returned);
  // absent_states.cpp
  void absentStreamAddState(uint32_t i, Match* m);
  void absentStreamAddEveryState(uint32_t i, Match* m);
  void absentStreamResetState(uint32_t i);
  void absentStreamTimer(uint32_t i, int64_t now);
  void absentLogicalAddState(uint32_t i, Match* m);
  void absentLogicalAddEveryState(uint32_t i, Match* m);
  void absentLogicalProcessAndReturn(uint32_t i, const EventRow& row);
  void absentLogicalTimer(uint32_t i, int64_t now);
  bool partnerCanProceed(uint32_t absent, const Match& m);
  void sendAbsentMatch(uint32_t i, Match* m);
  void emitOne(Match* m);
  void partitionCreated(uint32_t i, int64_t startTime);

  const PatternOperator& op_;
  const PatternPlan& plan_;
  PatternState& st_;
  MatchStore& store_;
  AppState& app_;
  ExecContext* ctx_;
  const EventRow* arrival_ = nullptr;  // the event being tested, for fault reports
};

}  // namespace cepheus::runtime::pattern
