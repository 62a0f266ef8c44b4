// The analyzer's working state, shared by the definition and query passes.
#pragma once

#include <list>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "analyze/analyzer.h"
#include "analyze/expression_checker.h"

namespace cepheus::analyze {

class AppAnalyzer {
 public:
  AppAnalyzer(Diagnostics& diagnostics, const FunctionRegistry* userFunctions)
      : diagnostics_(diagnostics), expressions_(diagnostics, symbols_, userFunctions) {}

  std::unique_ptr<AppModel> run(const ast::App& app);

 private:
  // definitions_analyzer.cpp
  void appAnnotations(const ast::App& app);
  void playbackHeartbeat(const ast::Annotation& playback);
  void streamDefinition(const ast::StreamDefinition& def);
  void tableDefinition(const ast::TableDefinition& def);
  void windowDefinition(const ast::WindowDefinition& def);
  void otherDefinitions(const ast::App& app);
  void checkAllAnnotations(const ast::App& app);  // warnings for what is not known (annotation_rules.h)
  bool claimName(const std::string& name, const char* kind, const ast::SourcePos& pos);
  // Whether `name` was defined as this kind ("trigger", "aggregation", ...).
  bool isA(const std::string& name, std::string_view kind) const {
    auto it = names_.find(name);
    return it != names_.end() && it->second == kind;
  }

  // query_analyzer.cpp
  void query(const ast::Query& query);
  void partition(const ast::Partition& partition);
  bool streamInput(const ast::StreamInput& input, QueryModel& model, Scope& scope);
  // pattern_analyzer.cpp
  bool patternInput(const ast::PatternInput& input, QueryModel& model, Scope& scope);
  bool patternSelectAll(const Scope& scope, QueryModel& model, const ast::SourcePos& pos);
  std::optional<WindowSpec> windowSpec(const ast::StreamHandler& handler, Scope& scope);
  std::optional<StreamFunctionSpec> streamFunction(const ast::StreamHandler& handler, Scope& scope);
  bool selector(const ast::Selector& selector, Scope& inputScope, QueryModel& model);
  bool output(const ast::Query& query, QueryModel& model);
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
  std::map<std::string, std::vector<AttributeInfo>> tables_;
  // Streams written by queries that were rejected as not supported yet: reading them is not
  // reported again (the app is rejected already, and the real cause is named).
  std::set<std::string> unresolvedOutputs_;
  // The schemas of query inputs widened by stream functions; scopes point into them while
  // the query is analyzed, so they need stable addresses.
  std::list<std::vector<AttributeInfo>> widenedInputs_;
};

}  // namespace cepheus::analyze
