// The analyzer's working state, shared by the definition and query passes.
#pragma once

#include <list>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "analyze/analyzer.h"
#include "analyze/expression_checker.h"
#include "analyze/on_demand_model.h"

namespace cepheus::analyze {

class AppAnalyzer {
 public:
  AppAnalyzer(Diagnostics& diagnostics, const FunctionRegistry* userFunctions)
      : diagnostics_(diagnostics), expressions_(diagnostics, symbols_, userFunctions) {
    symbols_.tables = &model_.tables;
  }

  std::unique_ptr<AppModel> run(const ast::App& app);

  // on_demand_analyzer.cpp: an on-demand query against the model of a deployed app.
  AppAnalyzer(Diagnostics& diagnostics, const FunctionRegistry* userFunctions, const AppModel& app);
  std::unique_ptr<OnDemandModel> onDemand(const ast::OnDemandQuery& query);

 private:
  // definitions_analyzer.cpp
  void appAnnotations(const ast::App& app);
  void playbackHeartbeat(const ast::Annotation& playback);
  void appWorkers(const ast::Annotation& workers);
  void decideParallel(PartitionModel& partition);
  void streamDefinition(const ast::StreamDefinition& def);
  void tableDefinition(const ast::TableDefinition& def);
  std::optional<TableStoreModel> tableStore(const ast::Annotation& annotation, const TableModel& table);
  void windowDefinition(const ast::WindowDefinition& def);
  void trigger(const ast::TriggerDefinition& def);
  void otherDefinitions(const ast::App& app);
  // aggregation_definition.cpp, aggregation_purge.cpp
  void aggregationDefinitions(const ast::App& app);
  void aggregationDefinition(const ast::AggregationDefinition& def);
  bool aggregationAnnotations(const ast::AggregationDefinition& def);
  int aggregationInput(const ast::AggregationDefinition& def);
  bool aggregationFilters(const ast::AggregationDefinition& def, Scope& scope, AggregationModel& model);
  bool aggregationSelect(const ast::AggregationDefinition& def, Scope& scope, AggregationModel& model);
  bool aggregationTime(const ast::AggregationDefinition& def, Scope& scope, AggregationModel& model);
  bool aggregationGranularities(const ast::AggregationDefinition& def, AggregationModel& model);
  bool purgeSettings(const ast::AggregationDefinition& def, AggregationModel& model);
  // `within start[, end] per granularity` of a join or on-demand query reading aggregation
  // `name`, its expressions checked in `scope` (aggregation_read.cpp). Nullopt when wrong
  // (reported at `at` or at the expressions), or when the aggregation's definition was rejected.
  std::optional<AggregationReadModel> aggregationRead(const std::string& name, const ast::Expr* within,
                                                      const ast::Expr* withinEnd, const ast::Expr* per,
                                                      const Scope& scope, const ast::SourcePos& at);
  void checkAllAnnotations(const ast::App& app);  // warnings for what is not known (annotation_rules.h)
  bool claimName(const std::string& name, const char* kind, const ast::SourcePos& pos);
  // Whether `name` was defined as this kind ("trigger", "aggregation", ...).
  bool isA(const std::string& name, std::string_view kind) const {
    auto it = names_.find(name);
    return it != names_.end() && it->second == kind;
  }

  // query_analyzer.cpp
  void query(const ast::Query& query);
  // partition_analyzer.cpp
  void partition(const ast::Partition& partition);
  void partitionPurge(const ast::Annotation& purge, PartitionPurge& into);
  int resolveInnerStream(const ast::StreamInput& input);
  bool innerOutput(const ast::Output& output, QueryModel& model);
  bool streamInput(const ast::StreamInput& input, QueryModel& model, Scope& scope);
  bool inputSteps(const ast::StreamInput& input, const StreamModel& stream, std::vector<InputStep>& steps,
                  Scope& scope);
  // pattern_analyzer.cpp
  bool patternInput(const ast::PatternInput& input, QueryModel& model, Scope& scope);
  bool patternSelectAll(const Scope& scope, QueryModel& model, const ast::SourcePos& pos);
  std::optional<WindowSpec> windowSpec(const ast::StreamHandler& handler, Scope& scope);
  std::optional<StreamFunctionSpec> streamFunction(const ast::StreamHandler& handler, Scope& scope);
  bool selector(const ast::Selector& selector, Scope& inputScope, QueryModel& model);
  bool output(const ast::Query& query, QueryModel& model);

  // join_analyzer.cpp
  bool joinInput(const ast::JoinInput& join, QueryModel& model, Scope& scope);
  bool joinSide(const ast::StreamInput& input, JoinSideModel& side);
  bool joinSelectAll(const Scope& scope, QueryModel& model, const ast::SourcePos& pos);

  // table_change_analyzer.cpp: what a query (or an on-demand query) writes into a table, the
  // written row having `written` attributes.
  std::optional<TableChangeModel> tableChange(const ast::Output& output, const std::vector<AttributeInfo>& written);
  bool outputRate(const ast::OutputRate& rate, const ast::Output& output, QueryModel& model);  // output_rate_rules.cpp
  int resolveInputStream(const ast::StreamInput& input);
  // " (did you mean 'S'?)" for a stream name close to `name` (or a table, window, trigger or
  // aggregation as well, where those can be read), or "".
  std::string streamSuggestion(const std::string& name, bool orOtherSources = false) const;

  void error(const ast::SourcePos& pos, std::string message) {
    expressions_.error(pos, std::move(message));
  }

  Diagnostics& diagnostics_;
  Symbols symbols_;
  ExpressionChecker expressions_;
  AppModel model_;
  std::map<std::string, const char*> names_;  // stream/table/window/trigger/aggregation names
  const TableModel* findTable(const std::string& name) const {
    int index = model_.findTable(name);
    return index < 0 ? nullptr : &model_.tables[static_cast<size_t>(index)];
  }
  // Streams written by queries that were rejected as not supported yet: reading them is not
  // reported again (the app is rejected already, and the real cause is named).
  std::set<std::string> unresolvedOutputs_;
  // The schemas of query inputs widened by stream functions; scopes point into them while
  // the query is analyzed, so they need stable addresses.
  std::list<std::vector<AttributeInfo>> widenedInputs_;
  // The partition whose queries are being analyzed (-1: none), and each partition's inner
  // streams by name (without the '#').
  int partition_ = -1;
  std::vector<std::map<std::string, int>> innerStreams_;
};

}  // namespace cepheus::analyze
