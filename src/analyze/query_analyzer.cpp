// Queries: input stream and its handlers (or a pattern, pattern_analyzer.cpp), selection,
// output target. Constructs whose runtime does not exist yet are checked as far as cheaply
// possible, then rejected by name.
#include <set>

#include "analyze/app_analyzer.h"
#include "analyze/definition_helpers.h"
#include "analyze/function_catalog.h"
#include "analyze/window_rules.h"
#include "common/closest_name.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

std::string infoName(const std::vector<ast::Annotation>& annotations) {
  const ast::Annotation* info = findAnnotation(annotations, "info");
  return info ? annotationElement(*info, "name") : "";
}

}  // namespace

std::string AppAnalyzer::streamSuggestion(const std::string& name, bool orOtherSources) const {
  std::vector<std::string> known;
  for (const StreamModel& stream : model_.streams)
    if (!stream.isFault && !stream.queryResult) known.push_back(stream.info.name);
  if (orOtherSources)
    for (const auto& [other, kind] : names_) known.push_back(other);
  return didYouMean(name, known);
}

int AppAnalyzer::resolveInputStream(const ast::StreamInput& input) {
  if (input.inner) {
    error(input.pos, "inner stream '#" + input.stream + "' can only be used inside a partition");
    return -1;
  }
  std::string name = input.fault ? "!" + input.stream : input.stream;
  int index = model_.findStream(name);
  if (index >= 0 && model_.streams[index].queryResult) {
    error(input.pos, "'" + name + "' is the result of a query with 'return', not a stream queries can read");
    return -1;
  }
  if (index >= 0 || unresolvedOutputs_.count(name)) return index;
  if (input.fault && model_.findStream(input.stream) >= 0) {
    error(input.pos, "fault stream '!" + input.stream + "' exists only when stream '" +
                         input.stream + "' has @OnError(action='STREAM')");
  } else if (tables_.count(input.stream)) {
    error(input.pos, "table '" + input.stream +
                         "' cannot be a query's only input: join it with a stream or use 'in'");
  } else if (isA(input.stream, "aggregation")) {
    error(input.pos, "aggregation '" + input.stream +
                         "' cannot be a query's only input: join it with a stream, with 'within' "
                         "and 'per'");
  } else {
    error(input.pos, "unknown stream '" + input.stream + "'" + streamSuggestion(input.stream));
  }
  return -1;
}

void AppAnalyzer::query(const ast::Query& q) {
  QueryModel model;
  model.name = infoName(q.annotations);
  model.named = !model.name.empty();
  if (model.name.empty()) model.name = "query" + std::to_string(model_.queries.size() + 1);
  model.text = q.text;
  model.pos = q.pos;

  if (q.inputKind == ast::Query::InputKind::Join) {
    const ast::JoinInput& join = *q.join;
    bool leftTable = tables_.count(join.left.stream) > 0;
    bool rightTable = tables_.count(join.right.stream) > 0;
    if (leftTable && rightTable) {
      error(join.pos, "a join needs at least one stream side, but '" + join.left.stream +
                          "' and '" + join.right.stream + "' are both tables");
      return;
    }
    for (const ast::StreamInput* side : {&join.left, &join.right}) {
      if (!names_.count(side->stream) && model_.findStream(side->stream) < 0 &&
          !unresolvedOutputs_.count(side->stream))
        error(side->pos, "unknown stream, table, window or aggregation '" + side->stream + "'" +
                             streamSuggestion(side->stream, true));
    }
    error(join.pos, "joins are not supported yet");
    unresolvedOutputs_.insert(q.output.target);
    return;
  }
  Scope scope;
  bool ok = q.inputKind == ast::Query::InputKind::Pattern ? patternInput(*q.pattern, model, scope)
                                                           : streamInput(q.stream, model, scope);
  if (model.inputStream < 0) {  // nothing else can be resolved without the input
    unresolvedOutputs_.insert(q.output.target);
    return;
  }
  ok = selector(q.selector, scope, model) && ok;
  ok = output(q, model) && ok;
  ok = outputRate(q.rate, q.output, model) && ok;
  if (ok) {
    model_.queries.push_back(std::move(model));
  } else {
    unresolvedOutputs_.insert(q.output.target);
  }
}

bool AppAnalyzer::streamInput(const ast::StreamInput& input, QueryModel& model, Scope& scope) {
  model.inputStream = resolveInputStream(input);
  if (model.inputStream < 0) return false;
  const StreamModel& stream = model_.streams[model.inputStream];
  scope.slots.push_back({stream.info.name, input.alias, &stream.info.attributes, false});
  bool ok = true;
  bool windowSeen = false;
  for (const auto& handler : input.handlers) {
    InputStep step;
    switch (handler.kind) {
      case ast::StreamHandler::Kind::Filter: {
        scope.place = "filter";
        auto condition = expressions_.checkCondition(*handler.filter, scope);
        if (!condition) {
          ok = false;
          continue;
        }
        step.kind = InputStep::Kind::Filter;
        step.filter = std::move(*condition);
        break;
      }
      case ast::StreamHandler::Kind::Window: {
        if (windowSeen || stream.namedWindow >= 0) {
          error(handler.pos, windowSeen ? "a query input can have only one window"
                                        : "'" + stream.info.name + "' is a named window: it cannot have another window");
          ok = false;
          continue;
        }
        windowSeen = true;
        auto window = windowSpec(handler, scope);
        if (!window) {
          ok = false;
          continue;
        }
        step.kind = InputStep::Kind::Window;
        step.window = std::move(*window);
        break;
      }
      case ast::StreamHandler::Kind::Function: {
        if (handler.ns.empty() && handler.name == "log") {
          step.kind = InputStep::Kind::Log;
          break;
        }
        auto function = streamFunction(handler, scope);
        if (!function) {
          ok = false;
          continue;
        }
        step.kind = InputStep::Kind::StreamFunction;
        step.function = std::move(*function);
        break;
      }
    }
    model.steps.push_back(std::move(step));
  }
  return ok;
}

std::optional<StreamFunctionSpec> AppAnalyzer::streamFunction(const ast::StreamHandler& handler, Scope& scope) {
  std::string name = handler.ns.empty() ? handler.name : handler.ns + ":" + handler.name;
  const FunctionRule* rule = findStreamFunctionRule(name);
  if (!rule) {
    // `log` first: a tie between it and a function of the same bare name goes to the stream function.
    std::vector<std::string> candidates = {"log"};
    for (auto& n : extensionFunctionNames()) candidates.push_back(std::move(n));
    std::string suggestion = closestName(name, candidates);
    std::string message = findFunctionRule(name)
                              ? "'" + name + "' is a function, not a stream function: call it in a filter or select"
                              : "unknown stream function '" + name + "'";
    if (!findFunctionRule(name) && !suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
    error(handler.pos, message);
    return std::nullopt;
  }
  scope.place = "the arguments of " + name + "()";
  auto args = expressions_.checkArguments(handler.args, scope);
  if (!args) return std::nullopt;
  StreamFunctionSpec spec;
  spec.name = name;
  spec.pos = handler.pos;
  spec.args = std::move(*args);
  Type ignored;
  if (!checkCall(*rule, spec.args, expressions_, nullptr, handler.pos, ignored, spec.overload)) return std::nullopt;
  const std::vector<AttributeInfo>& input = *scope.slots[0].attributes;
  const std::vector<AttributeInfo>& outputs = rule->outputsOf(spec.overload);
  for (const AttributeInfo& added : outputs) {
    for (const AttributeInfo& existing : input) {
      if (existing.name == added.name) {
        error(handler.pos, name + "() adds the attribute '" + added.name + "', but the input already has one");
        return std::nullopt;
      }
    }
  }
  spec.outputs = outputs;
  spec.inputWidth = input.size();
  // The steps after this one, and the selector, see the widened events.
  std::vector<AttributeInfo> widened = input;
  widened.insert(widened.end(), outputs.begin(), outputs.end());
  widenedInputs_.push_back(std::move(widened));
  scope.slots[0].attributes = &widenedInputs_.back();
  return spec;
}

std::optional<WindowSpec> AppAnalyzer::windowSpec(const ast::StreamHandler& handler, Scope& scope) {
  std::string name = handler.ns.empty() ? handler.name : handler.ns + ":" + handler.name;
  if (!handler.ns.empty()) {
    error(handler.pos, "window '" + name + "' is an extension, which is not available");
    return std::nullopt;
  }
  if (!isKnownWindow(handler.name)) {
    error(handler.pos, "unknown window '" + name + "'" + didYouMean(handler.name, knownWindows()));
    return std::nullopt;
  }
  if (!isRunnableWindow(handler.name)) {
    error(handler.pos, "window '" + name + "' is not supported yet");
    return std::nullopt;
  }
  WindowSpec window;
  window.name = handler.name;
  window.pos = handler.pos;
  scope.place = "window parameters";
  bool ok = true;
  for (const auto& arg : handler.args) {
    auto typed = expressions_.check(*arg, scope);
    if (!typed) {
      ok = false;
      continue;
    }
    window.args.push_back(std::move(*typed));
  }
  if (!ok || !checkWindowParameters(window, scope, expressions_)) return std::nullopt;
  return window;
}

bool AppAnalyzer::selector(const ast::Selector& sel, Scope& inputScope, QueryModel& model) {
  SelectorModel& out = model.selector;
  bool ok = true;
  Scope scope = inputScope;
  scope.place = "select";
  scope.aggregates = &out.aggregates;
  if (sel.selectAll && model.pattern) {
    ok = patternSelectAll(scope, model, sel.pos);
  } else if (sel.selectAll) {
    const auto& attrs = *scope.slots[0].attributes;
    for (size_t i = 0; i < attrs.size(); ++i) {
      TypedExpr e;
      e.op = ExprOp::Attribute;
      e.type = attrs[i].type;
      e.index = static_cast<int>(i);
      e.text = attrs[i].name;
      out.outputs.push_back(attrs[i]);
      out.projections.push_back(std::move(e));
    }
  } else {
    std::set<std::string> names;
    for (const auto& item : sel.attributes) {
      auto typed = expressions_.check(*item.expr, scope);
      std::string name = item.alias.empty() ? item.expr->name : item.alias;
      if (!names.insert(name).second) {
        error(item.pos, "the select list names '" + name + "' twice");
        ok = false;
      }
      if (!typed) {
        ok = false;
        continue;
      }
      out.outputs.push_back({name, typed->type});
      out.projections.push_back(std::move(*typed));
    }
  }

  Scope groupScope = inputScope;
  groupScope.place = "group by";
  for (const auto& key : sel.groupBy) {
    auto typed = expressions_.check(*key, groupScope);
    if (!typed) {
      ok = false;
      continue;
    }
    out.groupBy.push_back(std::move(*typed));
  }

  // having and order by see the output row: only names from the select list.
  Scope outputScope;
  outputScope.slots.push_back({"the select list", "", &out.outputs, false});
  if (sel.having) {
    outputScope.place = "having (which sees only the select list)";
    auto typed = expressions_.checkCondition(*sel.having, outputScope);
    if (typed) {
      out.having = std::move(*typed);
    } else {
      ok = false;
    }
  }
  for (const auto& item : sel.orderBy) {
    int column = -1;
    if (item.expr->kind == ast::ExprKind::Attribute && !item.expr->index)
      for (size_t i = 0; i < out.outputs.size(); ++i)
        if (out.outputs[i].name == item.expr->name) column = static_cast<int>(i);
    if (column < 0) {
      error(item.expr->pos, "order by " + quoteSource(item.expr->text) +
                                ": order by may only use names of the select list (after "
                                "renaming): " + schemaText(out.outputs));
      ok = false;
      continue;
    }
    out.orderBy.push_back({column, item.descending});
  }
  auto count = [&](const ast::ExprPtr& expr, const char* what) -> std::optional<int64_t> {
    if (!expr) return std::nullopt;
    if (expr->kind != ast::ExprKind::Constant ||
        (expr->constKind != ast::ConstKind::Int && expr->constKind != ast::ConstKind::Long) ||
        expr->intValue < 0) {
      error(expr->pos, std::string(what) + " needs a non-negative integer constant");
      ok = false;
      return std::nullopt;
    }
    return expr->intValue;
  };
  out.limit = count(sel.limit, "limit");
  out.offset = count(sel.offset, "offset");
  return ok;
}

bool AppAnalyzer::output(const ast::Query& q, QueryModel& model) {
  const ast::Output& output = q.output;
  model.selector.events = output.events;
  const auto& outputs = model.selector.outputs;
  switch (output.kind) {
    case ast::Output::Kind::Return: {
      // A query without a target delivers its rows to whoever subscribes to the query: we
      // expose them as a stream named after the query (`@info(name=...)`), which API
      // subscribers and `cepheus run` see, but which other queries cannot read.
      if (names_.count(model.name) || model_.findStream(model.name) >= 0) {
        error(output.pos, "query '" + model.name + "' returns its rows under its own name, but '" +
                              model.name + "' is already defined: rename the query with @info(name='...')");
        return false;
      }
      StreamModel result;
      result.info = {model.name, outputs};
      result.queryResult = true;
      result.pos = output.pos;
      model_.streams.push_back(result);
      model.outputStream = static_cast<int>(model_.streams.size() - 1);
      return true;
    }
    case ast::Output::Kind::Delete:
    case ast::Output::Kind::Update:
    case ast::Output::Kind::UpdateOrInsert:
      if (!tables_.count(output.target)) {
        error(output.pos, "'" + output.target + "' is not a table: update and delete work on tables");
      } else {
        error(output.pos, "updating and deleting table rows is not supported yet");
      }
      return false;
    case ast::Output::Kind::Insert: break;
  }
  if (output.targetInner) {
    error(output.pos, "inner stream '#" + output.target + "' can only be used inside a partition");
    return false;
  }
  if (output.targetFault) {
    error(output.pos, "queries cannot insert into fault stream '!" + output.target + "'");
    return false;
  }
  if (isA(output.target, "trigger")) {
    error(output.pos, "cannot insert into trigger '" + output.target + "': only the trigger emits its events");
    return false;
  }
  auto checkSchema = [&](const std::vector<AttributeInfo>& target, const char* kind) {
    if (sameSchema(target, outputs)) return true;
    error(output.pos, std::string("the query selects ") + schemaText(outputs) + " but " + kind +
                          " '" + output.target + "' has " + schemaText(target) +
                          ": names and types must match");
    return false;
  };
  if (tables_.count(output.target)) {
    if (!checkSchema(tables_[output.target], "table")) return false;
    error(output.pos, "inserting into tables is not supported yet");
    return false;
  }
  int index = model_.findStream(output.target);
  if (index >= 0) {
    if (model_.streams[index].isFault || model_.streams[index].queryResult) {
      error(output.pos, std::string("queries cannot insert into ") +
                            (model_.streams[index].isFault ? "a fault stream" : "the result of a query with 'return'"));
      return false;
    }
    const StreamModel& target = model_.streams[index];
    if (!checkSchema(target.info.attributes,
                     target.namedWindow >= 0 ? "window" : target.defined ? "stream" : "inferred stream"))
      return false;
    model.outputStream = index;
    return true;
  }
  if (names_.count(output.target)) {
    error(output.pos, "cannot insert into " + std::string(names_[output.target]) + " '" +
                          output.target + "'");
    return false;
  }
  StreamModel inferred;
  inferred.info = {output.target, outputs};
  inferred.pos = output.pos;
  model_.streams.push_back(inferred);
  model.outputStream = static_cast<int>(model_.streams.size() - 1);
  return true;
}

void AppAnalyzer::partition(const ast::Partition& partition) {
  for (const auto& key : partition.keys)
    if (model_.findStream(key.stream) < 0)
      error(key.pos, "unknown stream '" + key.stream + "' in partition key" + streamSuggestion(key.stream));
  error(partition.pos, "partitions are not supported yet");
  for (const auto& q : partition.queries)
    if (!q.output.targetInner) unresolvedOutputs_.insert(q.output.target);
}

std::unique_ptr<AppModel> analyze(const ast::App& app, Diagnostics& diagnostics,
                                  const FunctionRegistry* userFunctions) {
  return AppAnalyzer(diagnostics, userFunctions).run(app);
}

}  // namespace cepheus::analyze
