// Joins: what each side is (a stream with its own steps, a named window, a table, an
// aggregation read `within ... per ...`), which sides trigger, the `on` condition over both, and
// `select *` over both.
#include <set>

#include "analyze/app_analyzer.h"
#include "analyze/definition_helpers.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

const char* joinTypeText(ast::JoinType type) {
  switch (type) {
    case ast::JoinType::Inner: return "join";
    case ast::JoinType::LeftOuter: return "left outer join";
    case ast::JoinType::RightOuter: return "right outer join";
    case ast::JoinType::FullOuter: return "full outer join";
  }
  return "join";
}

}  // namespace

// Resolves one side and checks its steps in a scope of its own (a side's filter sees only its
// own events). False when something is wrong (reported).
bool AppAnalyzer::joinSide(const ast::StreamInput& input, JoinSideModel& side) {
  side.alias = input.alias;
  side.pos = input.pos;
  if (const TableModel* table = findTable(input.stream)) {
    side.kind = JoinSideModel::Kind::Table;
    side.table = model_.findTable(input.stream);
    side.attributes = table->attributes;
    side.triggers = false;
    if (!input.handlers.empty()) {
      error(input.handlers.front().pos, "table '" + input.stream +
                                            "' in a join cannot have a filter, window or stream function: put "
                                            "conditions on its rows in 'on'");
      return false;
    }
    if (input.unidirectional) {
      error(input.pos, "table '" + input.stream + "' never triggers a join, so it cannot be 'unidirectional'");
      return false;
    }
    return true;
  }
  if (int index = model_.findAggregation(input.stream); index >= 0 && !input.inner && !input.fault) {
    side.kind = JoinSideModel::Kind::Aggregation;
    side.aggregation = index;
    side.attributes = model_.aggregations[static_cast<size_t>(index)].outputs;
    side.triggers = false;  // its buckets are read by the other side's events, never joined on their own
    if (!input.handlers.empty()) {
      error(input.handlers.front().pos, "aggregation '" + input.stream +
                                            "' in a join cannot have a filter, window or stream function: put "
                                            "conditions on its rows in 'on'");
      return false;
    }
    if (input.unidirectional) {
      error(input.pos, "aggregation '" + input.stream + "' never triggers a join, so it cannot be 'unidirectional'");
      return false;
    }
    return true;
  }
  if (input.inner || input.fault || model_.findStream(input.stream) >= 0 || unresolvedOutputs_.count(input.stream)) {
    side.stream = resolveInputStream(input);
    if (side.stream < 0) return false;
  } else {
    if (!names_.count(input.stream))
      error(input.pos, "unknown stream, table, window or aggregation '" + input.stream + "'" +
                           streamSuggestion(input.stream, true));
    // A rejected definition (an aggregation's, say) is reported already, with its cause.
    return false;
  }
  const StreamModel& stream = model_.streams[static_cast<size_t>(side.stream)];
  side.kind = stream.namedWindow >= 0 ? JoinSideModel::Kind::NamedWindow : JoinSideModel::Kind::Stream;
  Scope own;
  own.slots.push_back({stream.info.name, input.alias, &stream.info.attributes, false});
  bool ok = inputSteps(input, stream, side.steps, own);
  for (const InputStep& step : side.steps)
    if (step.kind == InputStep::Kind::Window) side.windowed = true;
  side.attributes = *own.slots[0].attributes;
  return ok;
}

bool AppAnalyzer::joinInput(const ast::JoinInput& join, QueryModel& model, Scope& scope) {
  JoinModel out;
  out.type = join.type;
  out.pos = join.pos;
  out.sides.resize(2);
  bool ok = joinSide(join.left, out.sides[0]);
  ok = joinSide(join.right, out.sides[1]) && ok;
  if (!ok) return false;
  JoinSideModel& left = out.sides[0];
  JoinSideModel& right = out.sides[1];
  auto stored = [](const JoinSideModel& side) {
    return side.kind == JoinSideModel::Kind::Table || side.kind == JoinSideModel::Kind::Aggregation;
  };
  if (stored(left) && stored(right)) {
    auto what = [](const JoinSideModel& side) {
      return side.kind == JoinSideModel::Kind::Table ? "a table" : "an aggregation";
    };
    const std::string names = "'" + join.left.stream + "' and '" + join.right.stream + "'";
    error(join.pos, "a join needs at least one stream side, but " +
                        (left.kind == right.kind ? names + " are both " +
                                                       (left.kind == JoinSideModel::Kind::Table ? "tables" : "aggregations")
                                                 : "'" + join.left.stream + "' is " + what(left) + " and '" +
                                                       join.right.stream + "' " + what(right)));
    return false;
  }
  if (join.left.unidirectional && join.right.unidirectional) {
    error(join.right.pos, "only one side of a join can be 'unidirectional'");
    return false;
  }
  if (join.left.unidirectional) right.triggers = false;
  if (join.right.unidirectional) left.triggers = false;
  left.preserved = join.type == ast::JoinType::LeftOuter || join.type == ast::JoinType::FullOuter;
  right.preserved = join.type == ast::JoinType::RightOuter || join.type == ast::JoinType::FullOuter;

  // Both sides need names that tell them apart: their aliases, or their streams' names.
  auto nameOf = [](const ast::StreamInput& input) { return input.alias.empty() ? input.stream : input.alias; };
  if (nameOf(join.left) == nameOf(join.right)) {
    error(join.right.pos, join.left.alias.empty() && join.right.alias.empty()
                              ? "both sides of the join read '" + join.left.stream +
                                    "': give them aliases ('" + join.left.stream + " as a " +
                                    joinTypeText(join.type) + " " + join.right.stream + " as b')"
                              : "both sides of the join are called '" + nameOf(join.left) + "'");
    return false;
  }
  const int aggregationSide = left.kind == JoinSideModel::Kind::Aggregation    ? 0
                              : right.kind == JoinSideModel::Kind::Aggregation ? 1
                                                                               : -1;
  if (aggregationSide < 0 && (join.within || join.per)) {
    error((join.within ? join.within : join.per)->pos,
          "'within' and 'per' read an aggregation, but neither side of this join is one");
    return false;
  }

  const std::string streamNames[2] = {join.left.stream, join.right.stream};
  if (aggregationSide >= 0) {
    // `within`/`per` are evaluated for the probing event alone: the aggregation's slot is there
    // (so slots are numbered as in the join) but has no attributes to read.
    static const std::vector<AttributeInfo> kNothing;
    Scope reader;
    for (size_t i = 0; i < 2; ++i) {
      bool probing = static_cast<int>(i) != aggregationSide;
      reader.slots.push_back({streamNames[i], out.sides[i].alias, probing ? &out.sides[i].attributes : &kNothing,
                              false});
    }
    const ast::StreamInput& input = aggregationSide == 0 ? join.left : join.right;
    auto read = aggregationRead(input.stream, join.within.get(), join.withinEnd.get(), join.per.get(), reader,
                                input.pos);
    if (!read) return false;
    out.read = std::move(*read);
  }
  for (size_t i = 0; i < 2; ++i) {
    ScopeSlot slot{streamNames[i], out.sides[i].alias, &out.sides[i].attributes, false};
    // A side is absent from the unmatched events of the other side, when that one is preserved.
    slot.optional = out.sides[1 - i].preserved;
    scope.slots.push_back(slot);
  }
  scope.joined = true;
  if (join.on) {
    scope.place = "join 'on'";
    auto on = expressions_.checkCondition(*join.on, scope);
    if (!on) return false;
    out.on = std::move(*on);
  }
  // The first stream side stands for the query where one input is asked for (names, faults).
  model.inputStream = left.stream >= 0 ? left.stream : right.stream;
  model.join = std::move(out);
  return true;
}

// `select *` over a join: the left side's attributes, then the right's. Two with one name
// cannot both be output attributes.
bool AppAnalyzer::joinSelectAll(const Scope& scope, QueryModel& model, const ast::SourcePos& pos) {
  std::set<std::string> names;
  for (size_t slot = 0; slot < scope.slots.size(); ++slot) {
    const auto& attrs = *scope.slots[slot].attributes;
    for (size_t i = 0; i < attrs.size(); ++i) {
      if (!names.insert(attrs[i].name).second) {
        const ScopeSlot& left = scope.slots[0];
        const ScopeSlot& right = scope.slots[1];
        auto named = [](const ScopeSlot& s) { return s.alias.empty() ? s.stream : s.alias; };
        error(pos, "'select *' over this join would output two attributes named '" + attrs[i].name + "' (" +
                       named(left) + "." + attrs[i].name + " and " + named(right) + "." + attrs[i].name +
                       "): select them by name, renaming one with 'as'");
        return false;
      }
      TypedExpr e;
      e.op = ExprOp::Attribute;
      e.type = attrs[i].type;
      e.slot = static_cast<int>(slot);
      e.index = static_cast<int>(i);
      e.slotOptional = scope.slots[slot].optional;
      e.text = attrs[i].name;
      model.selector.outputs.push_back(attrs[i]);
      model.selector.projections.push_back(std::move(e));
    }
  }
  return true;
}

}  // namespace cepheus::analyze
