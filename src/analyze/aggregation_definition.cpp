// `define aggregation A from S[filter] select ... group by ... aggregate [by ts] every ...`:
// the rules of Siddhi 5.1 (AggregationParser and its incremental aggregators) as checked,
// positioned messages.
#include <algorithm>
#include <set>

#include "analyze/app_analyzer.h"
#include "analyze/definition_helpers.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

constexpr const char* kIncrementalAggregates = "sum, count, avg, min, max and distinctCount";

bool isIncremental(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::Sum:
    case AggregateKind::Count:
    case AggregateKind::Avg:
    case AggregateKind::Min:
    case AggregateKind::Max:
    case AggregateKind::DistinctCount: return true;
    default: return false;
  }
}

bool containsAggregate(const TypedExpr& e) {
  if (e.op == ExprOp::Aggregate) return true;
  for (const TypedExpr& arg : e.args)
    if (containsAggregate(arg)) return true;
  return false;
}

bool isPlainAttribute(const ast::Expr& e) { return e.kind == ast::ExprKind::Attribute && !e.index; }

}  // namespace

void AppAnalyzer::aggregationDefinitions(const ast::App& app) {
  for (const auto& def : app.aggregations) aggregationDefinition(def);
}

void AppAnalyzer::aggregationDefinition(const ast::AggregationDefinition& def) {
  if (!claimName(def.name, "aggregation", def.namePos)) return;
  AggregationModel model;
  model.name = def.name;
  model.text = def.text;
  model.pos = def.pos;
  bool ok = aggregationAnnotations(def);
  ok = aggregationGranularities(def, model) && ok;
  model.inputStream = aggregationInput(def);
  if (model.inputStream >= 0) {
    const StreamModel& stream = model_.streams[model.inputStream];
    Scope scope;
    scope.slots.push_back({stream.info.name, def.input.alias, &stream.info.attributes, false});
    ok = aggregationFilters(def, scope, model) && ok;
    ok = aggregationSelect(def, scope, model) && ok;
    ok = aggregationTime(def, scope, model) && ok;
  } else {
    ok = false;
  }
  ok = purgeSettings(def, model) && ok;
  // A wrong definition still names an aggregation, with what could be checked of its
  // attributes: the app is rejected, and readers are checked against what is known.
  (void)ok;
  model_.aggregations.push_back(std::move(model));
}

bool AppAnalyzer::aggregationAnnotations(const ast::AggregationDefinition& def) {
  bool ok = true;
  for (const ast::Annotation& a : def.annotations) {
    std::string enable = annotationElement(a, "enable");
    bool enabled = enable.empty() || sameName(enable, "true");
    if (sameName(a.name, "store")) {
      error(a.pos, "@store is not supported on aggregations: Cepheus keeps their buckets in memory");
      ok = false;
    } else if (sameName(a.name, "persistedAggregation") && enabled) {
      error(a.pos, "@persistedAggregation needs a database (@store), which Cepheus does not have: "
                   "its buckets are kept in memory");
      ok = false;
    } else if (sameName(a.name, "PartitionById") && enabled) {
      error(a.pos, "@PartitionById shares an aggregation among the nodes of a Siddhi cluster (its "
                   "shardId), which Cepheus does not have");
      ok = false;
    }
  }
  return ok;
}

int AppAnalyzer::aggregationInput(const ast::AggregationDefinition& def) {
  const ast::StreamInput& input = def.input;
  if (input.inner) {
    error(input.pos, "inner stream '#" + input.stream + "' can only be used inside a partition");
    return -1;
  }
  std::string name = input.fault ? "!" + input.stream : input.stream;
  auto readsOther = [&](const char* kind) {
    error(input.pos, "aggregation '" + def.name + "' reads " + kind + " '" + input.stream +
                         "', but an aggregation reads a stream");
    return -1;
  };
  if (isA(input.stream, "table")) return readsOther("table");
  if (isA(input.stream, "aggregation")) return readsOther("aggregation");
  int index = model_.findStream(name);
  if (index >= 0 && model_.streams[index].namedWindow >= 0) return readsOther("window");
  if (index < 0) {
    // Siddhi defines aggregations before it reads queries: a stream only a query writes is not
    // known yet.
    error(input.pos, "unknown stream '" + name + "'" + streamSuggestion(name) +
                         "; an aggregation reads a defined stream");
    return -1;
  }
  return index;
}

bool AppAnalyzer::aggregationFilters(const ast::AggregationDefinition& def, Scope& scope, AggregationModel& model) {
  bool ok = true;
  for (const ast::StreamHandler& handler : def.input.handlers) {
    if (handler.kind != ast::StreamHandler::Kind::Filter) {
      std::string what = handler.kind == ast::StreamHandler::Kind::Window ? "#window." + handler.name
                         : handler.ns.empty()                             ? "#" + handler.name
                                                                          : "#" + handler.ns + ":" + handler.name;
      error(handler.pos, "an aggregation takes the events of its stream as they arrive: only filters may "
                         "come before 'select', not " + quoteSource(what));
      ok = false;
      continue;
    }
    scope.place = "filter";
    auto condition = expressions_.checkCondition(*handler.filter, scope);
    if (!condition) {
      ok = false;
      continue;
    }
    model.filters.push_back(std::move(*condition));
  }
  return ok;
}

bool AppAnalyzer::aggregationSelect(const ast::AggregationDefinition& def, Scope& scope, AggregationModel& model) {
  const ast::Selector& sel = def.selector;
  const std::string& streamName = scope.slots[0].stream;
  bool ok = true;
  auto rejectClause = [&](const ast::ExprPtr& expr, const char* clause) {
    if (!expr) return;
    error(expr->pos, std::string("an aggregation selects and groups, with no ") + clause);
    ok = false;
  };
  rejectClause(sel.having, "having");
  if (!sel.orderBy.empty()) rejectClause(sel.orderBy.front().expr, "order by");
  rejectClause(sel.limit, "limit");
  rejectClause(sel.offset, "offset");

  for (const auto& key : sel.groupBy) {
    scope.place = "group by";
    auto typed = expressions_.check(*key, scope);
    if (!typed) {
      ok = false;
      continue;
    }
    if (typed->op != ExprOp::Attribute) {
      error(key->pos, "an aggregation groups by attributes of '" + streamName + "', not by " + quoteSource(key->text));
      ok = false;
      continue;
    }
    model.groupBy.push_back(typed->index);
  }

  model.outputs.push_back({"AGG_TIMESTAMP", Type::Long});
  if (sel.selectAll) {
    error(sel.pos.line > 0 ? sel.pos : def.pos,
          "an aggregation names what it keeps: select its aggregates (sum, count, ...) and group by "
          "attributes, not *");
    return false;
  }
  std::set<std::string> names;
  for (const auto& item : sel.attributes) {
    std::string name = item.alias.empty() ? item.expr->name : item.alias;
    if (name == "AGG_TIMESTAMP") {
      error(item.pos, "'AGG_TIMESTAMP' is the aggregation's own attribute (a bucket's start): select "
                      "another name");
      ok = false;
      continue;
    }
    if (!names.insert(name).second) {
      error(item.pos, "the select list names '" + name + "' twice");
      ok = false;
      continue;
    }
    std::vector<AggregateCall> calls;
    scope.place = "select";
    scope.aggregates = &calls;
    auto typed = expressions_.check(*item.expr, scope);
    scope.aggregates = nullptr;
    if (!typed) {
      ok = false;
      continue;
    }
    AggregationColumn column;
    if (typed->op == ExprOp::Aggregate) {
      const AggregateCall& call = calls[typed->index];
      const ast::Expr& expr = *item.expr;
      if (!isIncremental(call.kind)) {
        error(expr.pos, quoteSource(expr.ns.empty() ? expr.name : expr.ns + ":" + expr.name) +
                            " is not an incremental aggregate: an aggregation can use " + kIncrementalAggregates);
        ok = false;
        continue;
      }
      column.kind = AggregationColumn::Kind::Aggregate;
      column.aggregate = call.kind;
      column.type = call.type;
      if (call.kind == AggregateKind::Count) {
        if (!expr.args.empty())
          diagnostics_.push_back({expr.pos.line, expr.pos.col,
                                  quoteSource(expr.text) + " counts every event, as count() does: an "
                                                           "aggregation's count takes no argument",
                                  Severity::Warning});
      } else {
        const ast::Expr& arg = *expr.args[0];
        if (!isPlainAttribute(arg) || call.args[0].op != ExprOp::Attribute) {
          error(arg.pos, expr.name + "() in an aggregation takes an attribute of '" + streamName + "', not " +
                             quoteSource(arg.text));
          ok = false;
          continue;
        }
        column.argument = call.args[0].index;
        column.argumentType = call.args[0].type;
        if (call.kind == AggregateKind::DistinctCount && column.argumentType == Type::Object) {
          error(arg.pos, "distinctCount() needs a string, number or bool argument, but " + quoteSource(arg.text) +
                             " is object");
          ok = false;
          continue;
        }
      }
    } else if (containsAggregate(*typed)) {
      error(item.expr->pos, "an aggregate of an aggregation stands alone in the select list: " +
                                quoteSource(item.expr->text) + " computes with one");
      ok = false;
      continue;
    } else {
      column.type = typed->type;
      column.kind = AggregationColumn::Kind::Last;
      if (typed->op == ExprOp::Attribute)
        for (size_t k = 0; k < model.groupBy.size(); ++k)
          if (model.groupBy[k] == typed->index) {
            column.kind = AggregationColumn::Kind::GroupKey;
            column.groupKey = static_cast<int>(k);
          }
      column.value = std::move(*typed);
    }
    model.outputs.push_back({name, column.type});
    model.columns.push_back(std::move(column));
  }
  return ok;
}

bool AppAnalyzer::aggregationTime(const ast::AggregationDefinition& def, Scope& scope, AggregationModel& model) {
  if (!def.aggregateBy) return true;
  scope.place = "aggregate by";
  auto typed = expressions_.check(*def.aggregateBy, scope);
  if (!typed) return false;
  if (typed->type != Type::Long && typed->type != Type::String) {
    error(def.aggregateBy->pos, "'aggregate by' needs a long (milliseconds) or string ('yyyy-MM-dd HH:mm:ss') "
                                "attribute, but " + quoteSource(def.aggregateBy->text) + " is " +
                                    typeName(typed->type));
    return false;
  }
  model.timestampAttribute = typed->index;
  model.timestampType = typed->type;
  return true;
}

bool AppAnalyzer::aggregationGranularities(const ast::AggregationDefinition& def, AggregationModel& model) {
  bool ok = true;
  std::vector<Granularity> written;
  for (size_t i = 0; i < def.granularities.size(); ++i) {
    const std::string& name = def.granularities[i];
    auto granularity = granularityNamed(name);
    if (!granularity) {
      error(def.granularityPos[i], "an aggregation keeps buckets of sec, min, hour, day, month or year, not " +
                                       name + (name == "weeks" ? " (Siddhi 5.1 has no week buckets)" : ""));
      ok = false;
      continue;
    }
    for (Granularity seen : written)
      if (seen == *granularity && !def.range) {
        error(def.granularityPos[i], "'" + name + "' is listed twice");
        ok = false;
      }
    written.push_back(*granularity);
  }
  if (!ok) return false;
  if (def.range) {
    Granularity from = written[0], to = written[1];
    if (from > to) {
      error(def.granularityPos[0], "'" + def.granularities[0] + " ... " + def.granularities[1] +
                                       "' goes from coarse to fine: write the finer one first ('" +
                                       def.granularities[1] + " ... " + def.granularities[0] + "')");
      return false;
    }
    for (int g = static_cast<int>(from); g <= static_cast<int>(to); ++g)
      model.granularities.push_back(static_cast<Granularity>(g));
    return true;
  }
  std::sort(written.begin(), written.end());
  model.granularities = written;
  return true;
}

}  // namespace cepheus::analyze
