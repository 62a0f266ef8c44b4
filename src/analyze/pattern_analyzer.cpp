// Pattern and sequence inputs: every state's stream, reference, count and filter, the shape
// the states are combined in, and the scope the selection sees (one slot per state).
#include <functional>
#include <set>

#include "analyze/app_analyzer.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

using Node = ast::PatternNode;

// The stream states in the order written: state i is slot i.
void collectStates(const Node& node, std::vector<const Node*>& out) {
  if (node.kind == Node::Kind::Stream || node.kind == Node::Kind::Absent) {
    out.push_back(&node);
    return;
  }
  for (const Node& child : node.children) collectStates(child, out);
}

// Whether every match the pattern emits holds an event in each state (no `or`, absence or
// zero count leaves it empty).
void markAlwaysPresent(const PatternNodeModel& node, const std::vector<PatternStateModel>& states,
                       bool underOr, std::vector<bool>& present) {
  if (node.kind == PatternNodeModel::Kind::State) {
    const PatternStateModel& state = states[node.state];
    present[node.state] = !underOr && !state.absent && state.minCount > 0;
    return;
  }
  for (const auto& child : node.children)
    markAlwaysPresent(child, states, underOr || node.kind == PatternNodeModel::Kind::Or, present);
}

// The states a match completes at: the last, both sides of a last `and` / `or`.
void completingStates(const PatternNodeModel& node, std::vector<int>& out) {
  switch (node.kind) {
    case PatternNodeModel::Kind::State: out.push_back(node.state); return;
    case PatternNodeModel::Kind::Next: completingStates(node.children[1], out); return;
    case PatternNodeModel::Kind::Every: completingStates(node.children[0], out); return;
    case PatternNodeModel::Kind::And:
    case PatternNodeModel::Kind::Or:
      for (const auto& child : node.children) completingStates(child, out);
      return;
  }
}

std::string countText(const PatternStateModel& state) {
  std::string max = state.maxCount < 0 ? "" : std::to_string(state.maxCount);
  return "<" + std::to_string(state.minCount) + ":" + max + ">";
}

}  // namespace

bool AppAnalyzer::patternInput(const ast::PatternInput& input, QueryModel& model, Scope& scope) {
  PatternModel pattern;
  pattern.sequence = input.sequence;
  const char* what = input.sequence ? "sequence" : "pattern";
  bool ok = true;

  std::vector<const Node*> leaves;
  collectStates(input.root, leaves);
  std::set<std::string> references;
  for (const Node* leaf : leaves) {
    PatternStateModel state;
    state.absent = leaf->kind == Node::Kind::Absent;
    state.reference = leaf->stream.alias;
    state.pos = leaf->pos;
    state.stream = resolveInputStream(leaf->stream);
    if (state.stream < 0) {
      ok = false;
    } else {
      int known = state.stream;
      bool seen = false;
      for (int s : pattern.streams) seen = seen || s == known;
      if (!seen) pattern.streams.push_back(known);
    }
    if (!state.reference.empty() && !references.insert(state.reference).second) {
      // Siddhi accepts it; only the first of the two can be read.
      diagnostics_.push_back({leaf->stream.pos.line, leaf->stream.pos.col,
                              "the " + std::string(what) + " names two states '" + state.reference +
                                  "': '" + state.reference + ".x' reads the first",
                              Severity::Warning});
    }
    if (leaf->counted) {
      state.counted = true;
      state.minCount = leaf->minCount.value_or(1);
      state.maxCount = leaf->maxCount.value_or(1);
      if (state.maxCount == 0) {
        error(leaf->pos, "a count of at most 0 collects no event: write at least <1> or <:1>");
        ok = false;
      } else if (state.maxCount > 0 && state.minCount > state.maxCount) {
        error(leaf->pos, "the count <" + std::to_string(state.minCount) + ":" + std::to_string(state.maxCount) +
                             "> has a minimum above its maximum");
        ok = false;
      }
    }
    if (leaf->forTime) {
      state.waitingMs = leaf->forTime->intValue;
      if (state.waitingMs <= 0) {
        error(leaf->forTime->pos, "'for' needs a positive time");
        ok = false;
      }
    }
    for (const ast::StreamHandler& handler : leaf->stream.handlers) {
      if (handler.kind == ast::StreamHandler::Kind::Filter) continue;
      error(handler.pos, std::string("a ") + what + " state can only have filters ([condition]): " +
                             (handler.kind == ast::StreamHandler::Kind::Window
                                  ? "windows"
                                  : "stream functions such as '#" + (handler.ns.empty() ? "" : handler.ns + ":") +
                                        handler.name + "()'") +
                             " apply to a stream query (insert its output into a stream the " + what + " reads)");
      ok = false;
    }
    pattern.states.push_back(std::move(state));
  }

  // The shape: which states follow which, `every`, `and` / `or`.
  int nextLeaf = 0;
  std::function<PatternNodeModel(const Node&, bool)> shape = [&](const Node& node, bool inLogical) {
    PatternNodeModel out;
    switch (node.kind) {
      case Node::Kind::Stream:
      case Node::Kind::Absent: {
        out.kind = PatternNodeModel::Kind::State;
        out.state = nextLeaf++;
        const PatternStateModel& state = pattern.states[out.state];
        if (state.absent && state.waitingMs < 0 && !inLogical) {
          error(node.pos, "an absent state needs 'for <time>' (not S for 1 sec), unless it is "
                          "combined with a present state by 'and' (not S and e2=T)");
          ok = false;
        }
        break;
      }
      case Node::Kind::FollowedBy: {
        // a -> b -> c is (a -> b) -> c: each Next has what comes first and what follows.
        out = shape(node.children[0], false);
        for (size_t i = 1; i < node.children.size(); ++i) {
          PatternNodeModel next;
          next.kind = PatternNodeModel::Kind::Next;
          next.children.push_back(std::move(out));
          next.children.push_back(shape(node.children[i], false));
          out = std::move(next);
        }
        break;
      }
      case Node::Kind::Every:
        out.kind = PatternNodeModel::Kind::Every;
        out.children.push_back(shape(node.children[0], false));
        break;
      case Node::Kind::And:
      case Node::Kind::Or: {
        bool isAnd = node.kind == Node::Kind::And;
        out.kind = isAnd ? PatternNodeModel::Kind::And : PatternNodeModel::Kind::Or;
        for (const Node& child : node.children) out.children.push_back(shape(child, true));
        const PatternStateModel& a = pattern.states[out.children[0].state];
        const PatternStateModel& b = pattern.states[out.children[1].state];
        for (const PatternStateModel* s : {&a, &b}) {
          if (s->counted) {
            error(s->pos, std::string("a counted state cannot be combined with '") + (isAnd ? "and" : "or") +
                              "': count one of its streams in a state of its own");
            ok = false;
          }
        }
        for (const PatternStateModel* s : {&a, &b}) {
          const PatternStateModel* other = s == &a ? &b : &a;
          if (s->absent && s->waitingMs < 0 && (other->absent || !isAnd)) {
            error(s->pos, std::string("an absent state without 'for' can only be combined with a present "
                                      "state by 'and' (not S and e2=T); give it a time: not S for 1 sec"));
            ok = false;
          }
        }
        break;
      }
    }
    return out;
  };
  pattern.root = shape(input.root, false);

  // A count range on a state a match completes at collects nothing beyond its minimum: no later
  // state ends the collection, so the match is complete at the minimum (siddhi#1405: <2:>
  // behaves as <2> there). Cepheus says so instead of accepting it silently.
  std::vector<int> completing;
  completingStates(pattern.root, completing);
  for (int i : completing) {
    const PatternStateModel& state = pattern.states[i];
    if (!state.counted || state.minCount == state.maxCount) continue;
    const std::string name =
        state.reference.empty() ? "'" + model_.streams[state.stream].info.name + "'" : "'" + state.reference + "'";
    std::string message = "the " + std::string(what) + " ends with the count " + countText(state) + " of " + name +
                          ", so a match completes ";
    message += state.minCount == 0 ? "when it reaches " + name + ", with none of its events"
                                   : "at its event number " + std::to_string(state.minCount) + ", as with <" +
                                         std::to_string(state.minCount) + ">";
    message += ": a count collects more only while a later state waits";
    diagnostics_.push_back({state.pos.line, state.pos.col, std::move(message), Severity::Warning});
  }

  if (input.within) {
    pattern.withinMs = input.within->intValue;
    if (*pattern.withinMs <= 0) {
      error(input.within->pos, "'within' needs a positive time");
      ok = false;
    }
  }
  if (!ok) return false;

  // The scope: one slot per state. Filters see every state (a later one is still empty), their
  // own with the event being tested.
  std::vector<bool> alwaysPresent(pattern.states.size(), false);
  markAlwaysPresent(pattern.root, pattern.states, false, alwaysPresent);
  scope.slots.clear();
  for (const PatternStateModel& state : pattern.states) {
    const StreamModel& stream = model_.streams[state.stream];
    ScopeSlot slot{stream.info.name, state.reference, &stream.info.attributes, true};
    slot.patternState = true;
    slot.counted = state.counted;
    slot.absent = state.absent;
    scope.slots.push_back(slot);
  }
  for (size_t i = 0; i < pattern.states.size(); ++i) {
    PatternStateModel& state = pattern.states[i];
    const ast::StreamInput& stream = leaves[i]->stream;
    Scope own = scope;
    own.place = "filter";
    own.currentSlot = static_cast<int>(i);
    own.slots[i].optional = false;
    for (const ast::StreamHandler& handler : stream.handlers) {
      auto condition = expressions_.checkCondition(*handler.filter, own);
      if (!condition) {
        ok = false;
        continue;
      }
      if (!state.filter) {
        state.filter = std::move(*condition);
        continue;
      }
      TypedExpr both;  // S[a][b] is S[a and b]
      both.op = ExprOp::And;
      both.type = Type::Bool;
      both.text = state.filter->text + " and " + condition->text;
      both.pos = state.filter->pos;
      both.args.push_back(std::move(*state.filter));
      both.args.push_back(std::move(*condition));
      state.filter = std::move(both);
    }
  }
  // The selection reads the first state's attributes in place when every match has one (the
  // planner's direct read); the others are null-checked.
  scope.slots[0].optional = !alwaysPresent[0];
  model.inputStream = pattern.states[0].stream;
  model.pattern = std::move(pattern);
  return ok;
}

bool AppAnalyzer::patternSelectAll(const Scope& scope, QueryModel& model, const ast::SourcePos& pos) {
  // `select *`: every present state's attributes in order, as unqualified names, so two states
  // with an attribute of the same name make it ambiguous (Siddhi rejects it too).
  SelectorModel& out = model.selector;
  std::set<std::string> names;
  bool ok = true;
  for (size_t s = 0; s < scope.slots.size(); ++s) {
    const ScopeSlot& slot = scope.slots[s];
    if (slot.absent) continue;
    const auto& attrs = *slot.attributes;
    for (size_t i = 0; i < attrs.size(); ++i) {
      if (!names.insert(attrs[i].name).second) {
        error(pos, "select * over this " + std::string(model.pattern->sequence ? "sequence" : "pattern") +
                       " names the attribute '" + attrs[i].name +
                       "' twice (two states have it): select the attributes by reference (e1." + attrs[i].name +
                       " as ...)");
        ok = false;
        continue;
      }
      TypedExpr e;
      e.op = ExprOp::Attribute;
      e.type = attrs[i].type;
      e.slot = static_cast<int>(s);
      e.index = static_cast<int>(i);
      e.slotOptional = slot.optional;
      if (slot.counted) e.eventIndex = ast::EventIndex{false, 0};
      e.text = attrs[i].name;
      out.outputs.push_back(attrs[i]);
      out.projections.push_back(std::move(e));
    }
  }
  return ok;
}

}  // namespace cepheus::analyze
