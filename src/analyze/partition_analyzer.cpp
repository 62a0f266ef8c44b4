// Partitions: the streams they divide and how (by value or by ranges), @purge, and the queries
// inside, which see the partition's inner streams (`#S`) besides the app's streams.
#include <functional>
#include <set>

#include "analyze/app_analyzer.h"
#include "analyze/definition_helpers.h"
#include "common/closest_name.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

// The partition's keys and queries as written: what its saved state belongs to unless it is
// named, so an edited partition starts afresh rather than reading another's state.
std::string partitionText(const ast::Partition& p) {
  std::string text = "partition with (";
  for (size_t i = 0; i < p.keys.size(); ++i) {
    const ast::PartitionKey& key = p.keys[i];
    if (i) text += ", ";
    if (key.value) {
      text += key.value->text;
    } else {
      for (size_t r = 0; r < key.ranges.size(); ++r)
        text += (r ? " or " : "") + key.ranges[r].condition->text + " as '" + key.ranges[r].label + "'";
    }
    text += " of " + key.stream;
  }
  text += ") begin";
  for (const ast::Query& q : p.queries) text += " " + q.text + ";";
  return text + " end";
}

}  // namespace

void AppAnalyzer::partition(const ast::Partition& p) {
  PartitionModel model;
  model.pos = p.pos;
  model.text = partitionText(p);
  if (const ast::Annotation* info = findAnnotation(p.annotations, "info")) model.name = annotationElement(*info, "name");
  std::set<int> divided;
  std::optional<Type> valueType;
  bool ranges = false;
  for (const ast::PartitionKey& key : p.keys) {
    PartitionKeyModel keyModel;
    keyModel.pos = key.pos;
    keyModel.stream = model_.findStream(key.stream);
    if (keyModel.stream < 0 || model_.streams[keyModel.stream].isFault || model_.streams[keyModel.stream].queryResult) {
      error(key.pos, "unknown stream '" + key.stream + "' in partition key" + streamSuggestion(key.stream));
      continue;
    }
    const StreamModel& stream = model_.streams[keyModel.stream];
    if (stream.namedWindow >= 0) {
      error(key.pos, "a partition divides streams, but '" + key.stream + "' is a window");
      continue;
    }
    if (!divided.insert(keyModel.stream).second) {
      error(key.pos, "stream '" + key.stream + "' is divided twice in this partition: give each stream one key");
      continue;
    }
    Scope scope;
    scope.slots.push_back({stream.info.name, "", &stream.info.attributes, false});
    if (key.value) {
      scope.place = "the partition key";
      auto typed = expressions_.check(*key.value, scope);
      if (!typed) continue;
      if (typed->type == Type::Object) {
        error(key.value->pos, "the partition key " + quoteSource(key.value->text) +
                                  " is an object: a key must be a string, number or bool");
        continue;
      }
      if (valueType && *valueType != typed->type) model.textKeys = true;
      valueType = typed->type;
      keyModel.value = std::move(*typed);
    } else {
      ranges = true;
      scope.place = "partition range";
      std::set<std::string> labels;
      for (const auto& range : key.ranges) {
        if (!labels.insert(range.label).second)
          error(range.condition->pos, "the range label '" + range.label + "' is used twice for stream '" + key.stream + "'");
        auto typed = expressions_.checkCondition(*range.condition, scope);
        if (typed) keyModel.ranges.push_back({std::move(*typed), range.label});
      }
    }
    model.keys.push_back(std::move(keyModel));
  }
  // Range labels are strings: other keys meet them as their text.
  if (ranges && valueType && *valueType != Type::String) model.textKeys = true;
  if (const ast::Annotation* purge = findAnnotation(p.annotations, "purge")) partitionPurge(*purge, model.purge);

  const int index = static_cast<int>(model_.partitions.size());
  model_.partitions.push_back(std::move(model));
  innerStreams_.emplace_back();
  partition_ = index;
  for (const ast::Query& q : p.queries) {
    size_t before = model_.queries.size();
    query(q);
    // A rejected query's inner target is not reported again as unknown by the queries reading it.
    if (model_.queries.size() == before && q.output.targetInner) unresolvedOutputs_.insert("#" + q.output.target);
  }
  partition_ = -1;
  decideParallel(model_.partitions[index]);
}

namespace {

// The first call of the function library (or of a user function) in `e`, or null.
using ExprTest = std::function<bool(const TypedExpr&)>;

// The first sub-expression of `e` that `test` accepts, or null.
const TypedExpr* findIn(const TypedExpr& e, const ExprTest& test) {
  if (test(e)) return &e;
  for (const auto& a : e.args)
    if (const TypedExpr* found = findIn(a, test)) return found;
  return nullptr;
}

const TypedExpr* findInSteps(const std::vector<InputStep>& steps, const ExprTest& test) {
  for (const auto& step : steps) {
    const TypedExpr* found = nullptr;
    if (step.kind == InputStep::Kind::Filter) found = findIn(step.filter, test);
    for (size_t i = 0; !found && step.kind == InputStep::Kind::StreamFunction && i < step.function.args.size(); ++i)
      found = findIn(step.function.args[i], test);
    if (step.kind == InputStep::Kind::Window) {
      for (size_t i = 0; !found && i < step.window.args.size(); ++i) found = findIn(step.window.args[i], test);
      if (!found && step.window.condition) found = findIn(*step.window.condition, test);
    }
    if (found) return found;
  }
  return nullptr;
}

// The first sub-expression that `test` accepts anywhere in the query: its steps and each join
// side's, the join's condition, its pattern states' filters, its selector.
const TypedExpr* findInQuery(const QueryModel& q, const ExprTest& test) {
  if (const TypedExpr* found = findInSteps(q.steps, test)) return found;
  if (q.join) {
    for (const auto& side : q.join->sides)
      if (const TypedExpr* found = findInSteps(side.steps, test)) return found;
    if (q.join->on)
      if (const TypedExpr* found = findIn(*q.join->on, test)) return found;
  }
  if (q.pattern)
    for (const auto& state : q.pattern->states)
      if (state.filter)
        if (const TypedExpr* found = findIn(*state.filter, test)) return found;
  const auto& selector = q.selector;
  for (const auto& p : selector.projections)
    if (const TypedExpr* found = findIn(p, test)) return found;
  for (const auto& a : selector.aggregates)
    for (const auto& arg : a.args)
      if (const TypedExpr* found = findIn(arg, test)) return found;
  for (const auto& g : selector.groupBy)
    if (const TypedExpr* found = findIn(g, test)) return found;
  if (selector.having) return findIn(*selector.having, test);
  return nullptr;
}

const InputStep* streamFunctionStep(const std::vector<InputStep>& steps) {
  for (const auto& step : steps)
    if (step.kind == InputStep::Kind::StreamFunction) return &step;
  return nullptr;
}

// The first place a query calls the function library: a stream function or a function call in
// any of its expressions.
std::optional<std::pair<ast::SourcePos, std::string>> libraryUse(const QueryModel& q) {
  const InputStep* function = streamFunctionStep(q.steps);
  for (size_t i = 0; !function && q.join && i < q.join->sides.size(); ++i) function = streamFunctionStep(q.join->sides[i].steps);
  if (function) return std::pair{function->function.pos, "#" + function->function.name};
  const TypedExpr* call = findInQuery(q, [](const TypedExpr& e) {
    return e.op == ExprOp::Function && (e.function == ScalarFunction::Extension || e.function == ScalarFunction::User);
  });
  if (call) return std::pair{call->pos, call->name.empty() ? call->text : call->name};
  return std::nullopt;
}

// What of the app's own state a query reads or writes, which lives in the app's frame: a table,
// a named window or an aggregation as a join side, a table it changes, an `in` condition.
std::optional<std::string> appStateUse(const QueryModel& q, const AppModel& model) {
  if (q.tableOutput) return "it changes a table";
  if (q.join)
    for (const auto& side : q.join->sides) {
      using Kind = JoinSideModel::Kind;
      if (side.kind == Kind::Table) return "it joins table '" + model.tables[side.table].name + "'";
      if (side.kind == Kind::NamedWindow) return "it joins window '" + model.streams[side.stream].info.name + "'";
      if (side.kind == Kind::Aggregation) return "it joins an aggregation";
    }
  if (findInQuery(q, [](const TypedExpr& e) { return e.op == ExprOp::In; })) return "it reads a table with 'in'";
  return std::nullopt;
}

}  // namespace

// With @app:workers, a partition runs on shards unless its queries call the function library
// (its evaluators keep scratch — text buffers, the last pattern compiled — that two shards would
// share) or use tables, named windows or aggregations, which live in the app's frame. Such a
// partition stays on the app's executor, and a warning says why.
void AppAnalyzer::decideParallel(PartitionModel& partition) {
  if (model_.workers <= 1) return;
  auto warn = [&](const ast::SourcePos& pos, const std::string& why) {
    diagnostics_.push_back(
        {pos.line, pos.col, "@app:workers: this partition runs on one worker, because " + why, Severity::Warning});
  };
  for (int q : partition.queries) {
    const QueryModel& query = model_.queries[q];
    if (auto use = libraryUse(query)) {
      warn(use->first, "its queries call " + quoteSource(use->second) + " (the function library runs on one thread per app)");
      return;
    }
    if (auto use = appStateUse(query, model_)) {
      warn(query.pos, "a query of it uses the app's shared state: " + *use);
      return;
    }
  }
  partition.parallel = true;
}

// Siddhi's rules: enable and idle.period are required, interval defaults to 5 minutes.
void AppAnalyzer::partitionPurge(const ast::Annotation& a, PartitionPurge& purge) {
  if (!hasAnnotationElement(a, "enable")) {
    error(a.pos, "@purge needs enable='true' or enable='false'");
    return;
  }
  std::string enable = annotationElement(a, "enable");
  if (!sameName(enable, "true") && !sameName(enable, "false")) {
    error(annotationElementPos(a, "enable"), "@purge enable must be 'true' or 'false', but is " + quoteSource(enable));
    return;
  }
  purge.enabled = sameName(enable, "true");
  auto duration = [&](const char* key, int64_t& into) {
    std::string text = annotationElement(a, key);
    if (auto ms = durationText(text)) {
      into = *ms;
      return;
    }
    error(annotationElementPos(a, key), std::string("@purge ") + key +
                                            " must be a time greater than zero such as '1 sec' or '15 min', but is " +
                                            quoteSource(text));
  };
  if (!hasAnnotationElement(a, "idle.period")) {
    error(a.pos, "@purge needs idle.period: how long a key may go without events before it is dropped");
  } else {
    duration("idle.period", purge.idlePeriod);
  }
  if (hasAnnotationElement(a, "interval")) duration("interval", purge.interval);
}

int AppAnalyzer::resolveInnerStream(const ast::StreamInput& input) {
  if (partition_ < 0) {
    error(input.pos, "inner stream '#" + input.stream + "' can only be used inside a partition");
    return -1;
  }
  const auto& inner = innerStreams_[partition_];
  auto it = inner.find(input.stream);
  if (it != inner.end()) return it->second;
  if (!unresolvedOutputs_.count("#" + input.stream)) {
    std::vector<std::string> known;
    for (const auto& [name, stream] : inner) known.push_back(name);
    error(input.pos, "unknown inner stream '#" + input.stream +
                         "': no earlier query of this partition inserts into it" + didYouMean(input.stream, known));
  }
  return -1;
}

bool AppAnalyzer::innerOutput(const ast::Output& output, QueryModel& model) {
  if (partition_ < 0) {
    error(output.pos, "inner stream '#" + output.target + "' can only be used inside a partition");
    return false;
  }
  const auto& outputs = model.selector.outputs;
  auto& inner = innerStreams_[partition_];
  auto it = inner.find(output.target);
  if (it != inner.end()) {
    const StreamModel& target = model_.streams[it->second];
    if (!sameSchema(target.info.attributes, outputs)) {
      error(output.pos, "the query selects " + schemaText(outputs) + " but inner stream '#" + output.target +
                            "' has " + schemaText(target.info.attributes) + ": names and types must match");
      return false;
    }
    model.outputStream = it->second;
    return true;
  }
  StreamModel stream;
  stream.info = {"#" + output.target, outputs};
  stream.partition = partition_;
  stream.pos = output.pos;
  model_.streams.push_back(stream);
  model.outputStream = static_cast<int>(model_.streams.size() - 1);
  inner.emplace(output.target, model.outputStream);
  return true;
}

}  // namespace cepheus::analyze
