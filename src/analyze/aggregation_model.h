// The checked form of `define aggregation` and of the `within ... per ...` that reads one (in a
// join, or an on-demand query): what the planner builds the aggregation's buckets and readers
// from.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze/typed_expr.h"
#include "cepheus/stream.h"
#include "common/time_buckets.h"
#include "parse/ast.h"

namespace cepheus::analyze {

enum class AggregateKind;

// One item of the aggregation's select list.
struct AggregationColumn {
  enum class Kind {
    GroupKey,   // a group by attribute (`groupKey` is its place in the group by)
    Last,       // any other expression: the value of the latest event of the bucket
    Aggregate,  // sum, count, avg, min, max or distinctCount of an attribute
  };
  Kind kind = Kind::Last;
  int groupKey = -1;
  TypedExpr value;                 // Last: over the input row
  AggregateKind aggregate{};       // Aggregate
  int argument = -1;               // Aggregate: the input attribute (-1 for count())
  Type argumentType = Type::Long;  // Aggregate: its type
  Type type = Type::Long;          // the output attribute's type
};

// @purge(enable=..., interval=..., @retentionPeriod(sec=..., min=..., ...)). Siddhi's defaults:
// on, every 15 minutes, seconds kept 120 seconds, minutes 24 hours, hours 30 days, days a year,
// months and years for ever.
struct PurgeModel {
  bool enabled = true;
  int64_t intervalMs = 15 * 60 * 1000;
  std::array<int64_t, kGranularityCount> retentionMs = {120'000, 24 * 3'600'000LL, 30 * 86'400'000LL,
                                                        365 * 86'400'000LL, -1, -1};  // -1: all
};

struct AggregationModel {
  std::string name;
  int inputStream = -1;
  std::vector<TypedExpr> filters;  // `from S[...]`, over the input row
  std::vector<Granularity> granularities;  // finest first
  int timestampAttribute = -1;  // `aggregate by`: the input attribute; -1: the engine clock
  Type timestampType = Type::Long;  // long milliseconds, or a date string
  std::vector<int> groupBy;  // input attributes
  // AGG_TIMESTAMP (the bucket's start), then the select list: what reads see.
  std::vector<AttributeInfo> outputs;
  std::vector<AggregationColumn> columns;  // per select item (outputs[1...])
  PurgeModel purge;
  std::string text;  // the definition's tokens joined by single spaces
  ast::SourcePos pos;
};

// `within start[, end] per granularity` reading an aggregation. The expressions are over the
// reader's scope (a join's stream side; nothing for an on-demand query): a single `within` is a
// pattern string ('2017-06-** **:**:**'); two are long milliseconds or date strings; `per` is a
// string naming one of the aggregation's granularities.
struct AggregationReadModel {
  int aggregation = -1;  // index into AppModel::aggregations
  TypedExpr withinStart;
  std::optional<TypedExpr> withinEnd;
  TypedExpr per;
};

}  // namespace cepheus::analyze
