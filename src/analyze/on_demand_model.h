// On-demand queries as the analyzer proves them, against the model of a deployed app.
//   find:    from T [as t] [on cond] select ... [group by] [having] [order by] [limit] [offset]
//   insert:  select <values> insert into T
//   delete:  [select <values>] delete T on cond
//   update:  [select <values>] update T [set T.a = v, ...] on cond
//   upsert:  select <values> update or insert into T [set ...] on cond
// A find reads a table, a named window or an incremental aggregation (`within ... per ...`
// choose its buckets); the others change a table, with the selected row (constants: there is no input event)
// as the written row.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyze/app_model.h"
#include "cepheus/diagnostic.h"
#include "cepheus/functions.h"
#include "parse/ast.h"

namespace cepheus::analyze {

struct OnDemandSourceModel {
  enum class Kind { Table, NamedWindow, Aggregation };
  Kind kind = Kind::Table;
  // Table: in AppModel::tables; NamedWindow: its stream in AppModel::streams; Aggregation: in
  // AppModel::aggregations
  int index = -1;
  std::string name;
  std::vector<AttributeInfo> attributes;
};

struct OnDemandModel {
  bool find = true;  // else it changes a table (`change`)
  OnDemandSourceModel source;  // find
  std::optional<TypedExpr> on;  // find: over slot 0, the source's row
  std::optional<AggregationReadModel> read;  // a find in an aggregation: within/per, over nothing
  // find: over the source's row; a change: over no row (slot 0 has no attributes).
  SelectorModel selector;
  std::optional<TableChangeModel> change;
};

// Appends every problem to `diagnostics` (positions are in the query's own text); null when
// there is an error.
std::unique_ptr<OnDemandModel> analyzeOnDemand(const AppModel& app, const ast::OnDemandQuery& query,
                                               Diagnostics& diagnostics, const FunctionRegistry* userFunctions);

}  // namespace cepheus::analyze
