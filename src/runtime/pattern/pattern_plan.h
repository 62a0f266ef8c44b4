// What a pattern or sequence is made of, as the planner builds it: one state per stream state of
// the query (`e1=A[f]`, `e2=B<2:>`, `not C for 1 sec`), wired to the states that follow it, and
// the tree that starts, resets and advances them.
//
// The wiring is Siddhi's (its StateInputStreamParser): every state has a "pre" side, holding
// the partial matches waiting for an event of its stream, and a "post" side, which hands a
// match that passed the state on: to the next state (`next`), back to the start of an `every`
// group (`nextEvery`, as a fresh copy), to the selector (`emits`). Keeping this shape, rather
// than compiling the pattern into some other automaton, is what makes Cepheus produce Siddhi's
// rows in Siddhi's order, including for the combinations the language allows but does not
// document.
#pragma once

#include <climits>
#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/evaluator.h"
#include "runtime/operator.h"

namespace cepheus::runtime::pattern {

enum class StateKind : uint8_t {
  Stream,         // e1=A[f]
  Count,          // e1=A[f]<n:m> (and + * ? in sequences)
  Logical,        // one side of `e1=A and e2=B` / `e1=A or e2=B`
  AbsentStream,   // not A[f] for t
  AbsentLogical,  // the absent side of `not A[f] [for t] and|or e2=B` (or of two absent sides)
};

inline bool isAbsent(StateKind kind) { return kind == StateKind::AbsentStream || kind == StateKind::AbsentLogical; }
inline bool isLogical(StateKind kind) { return kind == StateKind::Logical || kind == StateKind::AbsentLogical; }

enum class LogicalType : uint8_t { And, Or };

struct StateDef {
  StateKind kind = StateKind::Stream;
  uint32_t slot = 0;    // = its index: state i fills slot i of a match
  uint32_t stream = 0;  // index into PatternPlan::streamWidths
  std::unique_ptr<BoolEvaluator> filter;  // null: every event of the stream passes
  const FaultSink* faults = nullptr;      // where an event whose filter fails to evaluate goes
  bool isStart = false;                   // a first state: it gets the fresh matches
  int minCount = 1;
  int maxCount = 1;  // INT_MAX: no upper bound
  LogicalType logical = LogicalType::And;
  int partner = -1;       // the other side of a logical state
  int64_t waiting = -1;   // absent: the `for` time, -1 without one
  int withinEvery = -1;   // the state re-armed when a match expires here (first of its `every`)
  // The state whose post side says "a match was emitted" to this one's pre side (Siddhi's
  // thisLastProcessor): its own, except for the pattern's first state, which hears the last.
  int thisLast = -1;
  // Post side.
  int next = -1;       // the state a match goes to when it passes this one
  int nextEvery = -1;  // the first state of the `every` group this one ends
  int callback = -1;   // sequences: a start count of minimum 0 restarted when this one passes
  bool emits = false;  // a match that passes goes to the selector
};

// The tree of Siddhi's inner state runtimes: it decides the order states start (init), lose
// their unconsumed matches before each event of a sequence (reset), and take the matches handed
// to them into play (update).
struct PatternNode {
  enum class Kind : uint8_t { State, Next, Every, Logical };
  Kind kind = Kind::State;
  int state = -1;  // State
  std::vector<PatternNode> children;
  int first = -1;  // the state a match enters it by
  int last = -1;   // the state a match leaves it by
};

struct PatternPlan {
  bool sequence = false;
  std::vector<StateDef> states;              // by slot
  std::vector<uint32_t> expiryOrder;         // every state, in the order expired matches are swept
  std::vector<std::vector<uint32_t>> streamStates;  // per input stream, the states reading it, in the
                                                    // order they subscribed (an event visits them last first)
  std::vector<uint32_t> absentStates;        // in the order they start their timers
  PatternNode root;
  int64_t within = -1;                       // ms, inclusive; -1 when not given
  std::vector<uint32_t> startSlots;          // whose first event `within` measures from
  std::vector<size_t> streamWidths;          // per input stream
  std::vector<std::string> streamNames;      // per input stream, for the state layout
};

}  // namespace cepheus::runtime::pattern
