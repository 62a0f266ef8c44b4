// The checked form of a pattern (`->`) or sequence (`,`) input: its states, each a slot of the
// events a match holds, and the tree that combines them (followed-by, every, and, or).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze/typed_expr.h"
#include "parse/ast.h"

namespace cepheus::analyze {

// One stream state: `e1=S[filter]`, counted (`<n:m>`, `+`, `*`, `?`) or absent (`not S[f] for t`).
// State i of a pattern is slot i of its matches: expressions read it as `slot = i`.
struct PatternStateModel {
  bool absent = false;
  int stream = -1;        // into AppModel::streams
  std::string reference;  // `e1`; empty when the state is not named
  // Over the pattern's slots, this state's own slot holding the event being tested (and, for a
  // counted state, the events it collected before it). Absent: always true.
  std::optional<TypedExpr> filter;
  bool counted = false;  // collects several events (its references are indexed: e1[0], e1[last])
  int minCount = 1;
  int maxCount = 1;         // -1: no upper bound
  int64_t waitingMs = -1;   // absent: the `for` time; -1 when not given (`not A and B`)
  ast::SourcePos pos;
};

struct PatternNodeModel {
  enum class Kind { State, Next, Every, And, Or };
  Kind kind = Kind::State;
  int state = -1;  // Kind::State: index into PatternModel::states
  // Next: two (what comes first, what follows); Every: one; And, Or: two states.
  std::vector<PatternNodeModel> children;
};

struct PatternModel {
  bool sequence = false;
  std::vector<PatternStateModel> states;  // in the order written
  PatternNodeModel root;
  std::optional<int64_t> withinMs;  // `within t`, inclusive
  std::vector<int> streams;         // the streams the states read, each once, in order of first use
};

}  // namespace cepheus::analyze
