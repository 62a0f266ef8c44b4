// On-demand queries: checked against a deployed app's model with the same rules as the app's
// own queries (the selector, a table change's `on` and `set`), so a message reads the same.
#include "analyze/app_analyzer.h"
#include "common/closest_name.h"

namespace cepheus::analyze {

AppAnalyzer::AppAnalyzer(Diagnostics& diagnostics, const FunctionRegistry* userFunctions, const AppModel& app)
    : AppAnalyzer(diagnostics, userFunctions) {
  // What the checks of a selector and a table change read: the tables (by index, as `in`
  // conditions and changes name them) and the names of the app's definitions.
  model_.tables = app.tables;
  model_.streams = app.streams;
  model_.windows = app.windows;
  for (const TableModel& table : app.tables) names_.emplace(table.name, "table");
  for (const NamedWindowModel& window : app.windows) {
    const std::string& name = app.streams[static_cast<size_t>(window.stream)].info.name;
    names_.emplace(name, "window");
    symbols_.windows.insert(name);
  }
  for (const TriggerModel& trigger : app.triggers) names_.emplace(trigger.name, "trigger");
  model_.aggregations = app.aggregations;
  for (const AggregationModel& aggregation : app.aggregations) names_.emplace(aggregation.name, "aggregation");
}

std::unique_ptr<OnDemandModel> AppAnalyzer::onDemand(const ast::OnDemandQuery& q) {
  auto result = std::make_unique<OnDemandModel>();
  QueryModel query;  // what the selector check fills
  static const std::vector<AttributeInfo> kNoAttributes;
  Scope scope;
  bool ok = true;
  if (q.kind == ast::OnDemandQuery::Kind::Find) {
    OnDemandSourceModel& source = result->source;
    source.name = q.source;
    if (int table = model_.findTable(q.source); table >= 0) {
      source.kind = OnDemandSourceModel::Kind::Table;
      source.index = table;
      source.attributes = model_.tables[static_cast<size_t>(table)].attributes;
    } else if (int stream = model_.findStream(q.source); stream >= 0 && model_.streams[stream].namedWindow >= 0) {
      source.kind = OnDemandSourceModel::Kind::NamedWindow;
      source.index = stream;
      source.attributes = model_.streams[stream].info.attributes;
    } else if (int aggregation = model_.findAggregation(q.source); aggregation >= 0) {
      source.kind = OnDemandSourceModel::Kind::Aggregation;
      source.index = aggregation;
      source.attributes = model_.aggregations[static_cast<size_t>(aggregation)].outputs;
      // No event reads it: within and per see no attributes.
      Scope nothing;
      nothing.slots.push_back({"", "", &kNoAttributes, false});
      result->read = aggregationRead(q.source, q.within.get(), q.withinEnd.get(), q.per.get(), nothing, q.pos);
      if (!result->read) ok = false;
    } else {
      std::vector<std::string> known;
      for (const auto& [name, kind] : names_)
        if (std::string_view(kind) != "trigger") known.push_back(name);
      error(q.pos, stream >= 0 || isA(q.source, "trigger")
                       ? "'" + q.source + "' is a stream: on-demand queries read tables, named windows and "
                                          "aggregations"
                       : "unknown table or window '" + q.source + "'" + didYouMean(q.source, known));
      return nullptr;
    }
    if (source.kind != OnDemandSourceModel::Kind::Aggregation && (q.within || q.per)) {
      error((q.within ? q.within : q.per)->pos,
            "'within' and 'per' choose the buckets of an aggregation, but '" + q.source + "' is a " +
                (source.kind == OnDemandSourceModel::Kind::Table ? "table" : "named window"));
      ok = false;
    }
    scope.slots.push_back({source.name, q.alias, &source.attributes, false});
    if (q.on) {
      scope.place = "on";
      auto on = expressions_.checkCondition(*q.on, scope);
      if (on) {
        result->on = std::move(*on);
      } else {
        ok = false;
      }
    }
    ok = selector(q.selector, scope, query) && ok;
  } else {
    result->find = false;
    // No input event: the selected values are constants (or functions of nothing).
    scope.slots.push_back({"", "", &kNoAttributes, false});
    if (!q.selector.selectAll) ok = selector(q.selector, scope, query);
    if (ok) {
      if (!findTable(q.output.target)) {
        error(q.output.pos, "'" + q.output.target + "' is not a table: on-demand queries change tables");
        return nullptr;
      }
      auto change = tableChange(q.output, query.selector.outputs);
      if (change) {
        result->change = std::move(change);
      } else {
        ok = false;
      }
    }
  }
  if (!ok) return nullptr;
  result->selector = std::move(query.selector);
  return result;
}

std::unique_ptr<OnDemandModel> analyzeOnDemand(const AppModel& app, const ast::OnDemandQuery& query,
                                               Diagnostics& diagnostics, const FunctionRegistry* userFunctions) {
  return AppAnalyzer(diagnostics, userFunctions, app).onDemand(query);
}

}  // namespace cepheus::analyze
