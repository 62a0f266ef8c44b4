// A join as the analyzer proves it: two sides, each a stream (with its own filters, stream
// functions and window), a named window, a table or an incremental aggregation (read `within
// ... per ...`), and the `on` condition over both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/aggregation_model.h"
#include "analyze/input_steps.h"
#include "analyze/typed_expr.h"
#include "cepheus/stream.h"
#include "parse/ast.h"

namespace cepheus::analyze {

struct JoinSideModel {
  enum class Kind { Stream, NamedWindow, Table, Aggregation };
  Kind kind = Kind::Stream;
  int stream = -1;  // Stream, NamedWindow: in AppModel::streams
  int table = -1;   // Table: in AppModel::tables
  int aggregation = -1;  // Aggregation: in AppModel::aggregations
  std::string alias;  // `as x`, or empty
  std::vector<InputStep> steps;  // Stream: filters, stream functions, at most one window;
                                 // NamedWindow: filters and stream functions
  bool windowed = false;  // a Stream side with a window step
  // Arrivals on this side are matched against the other side: false for a table or an
  // aggregation, and for the side opposite a `unidirectional` one.
  bool triggers = true;
  bool preserved = false;  // kept without a match: the left side of `left outer join`, ...
  std::vector<AttributeInfo> attributes;  // of the side's rows (widened by stream functions)
  ast::SourcePos pos;
};

struct JoinModel {
  ast::JoinType type = ast::JoinType::Inner;
  std::vector<JoinSideModel> sides;  // left (slot 0), right (slot 1)
  std::optional<TypedExpr> on;       // over [left, right]; none: every pair matches
  // The side that is an aggregation: `within`/`per`, over the same slots (the aggregation's own
  // slot is empty while they are evaluated, so they cannot read it).
  std::optional<AggregationReadModel> read;
  ast::SourcePos pos;
};

}  // namespace cepheus::analyze
