// What a query does to the events of one input before they are selected: filters, stream
// functions and a window; and the aggregate calls that selectors and window conditions hold.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/typed_expr.h"
#include "cepheus/stream.h"
#include "parse/ast.h"

namespace cepheus::analyze {

struct AggregateCall;  // defined below

struct WindowSpec {
  std::string name;
  std::vector<TypedExpr> args;  // constants (time literals are Long milliseconds)
  ast::SourcePos pos;
  // expression / expressionBatch: the parsed condition, over the slots [event added or removed,
  // `first` (oldest in the window), `last` (newest)], and the aggregates it reads.
  std::optional<TypedExpr> condition;
  std::vector<AggregateCall> conditionAggregates;
};

// `#str:tokenize(text, ',')`: a stream function of the extension library. Each input event
// becomes zero or more events: the input's attributes followed by `outputs`.
struct StreamFunctionSpec {
  std::string name;  // "str:tokenize"
  int overload = 0;
  std::vector<TypedExpr> args;  // over the input row
  std::vector<AttributeInfo> outputs;
  size_t inputWidth = 0;  // attributes of the rows it receives
  ast::SourcePos pos;
};

struct InputStep {
  enum class Kind { Filter, Window, Log, StreamFunction };
  Kind kind = Kind::Filter;
  TypedExpr filter;
  WindowSpec window;
  StreamFunctionSpec function;
};

enum class AggregateKind {
  Count, Sum, Avg, Min, Max, MinForever, MaxForever, DistinctCount, StdDev, And, Or, UnionSet,
  // The extensions' aggregates (analyze/functions/): str:groupConcat, math:percentile,
  // json:group, json:groupAsObject.
  GroupConcat, Percentile, JsonGroup, JsonGroupAsObject,
};

// The constant arguments of an extension's aggregate, read by the analyzer: the call's
// parameters, not values it aggregates.
struct AggregateOptions {
  enum class Order { Arrival, Ascending, Descending };
  std::string separator = ",";  // str:groupConcat
  bool distinct = false;        // str:groupConcat, json:group, json:groupAsObject
  Order order = Order::Arrival;  // str:groupConcat's 'ASC' / 'DESC'
  bool nullAsText = false;      // str:groupConcat with a separator: a null key is "null"
  double percentile = 50;       // math:percentile
  std::optional<std::string> enclosing;  // json:group(AsObject)'s enclosing.element
};

struct AggregateCall {
  AggregateKind kind = AggregateKind::Count;
  std::vector<TypedExpr> args;  // over the input row: what is aggregated (none for count())
  Type type = Type::Long;       // result type
  AggregateOptions options;
};

}  // namespace cepheus::analyze
