// The checked app: what the analyzer proves about an app and the planner builds from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/pattern_model.h"
#include "analyze/typed_expr.h"
#include "cepheus/elements.h"
#include "cepheus/stream.h"
#include "parse/ast.h"

namespace cepheus::analyze {

struct StreamModel {
  StreamInfo info;
  bool defined = false;     // by `define stream` or `define window` (else inferred from a query)
  int faultStream = -1;     // index of `!S` when S has @OnError(action='STREAM')
  bool isFault = false;     // this is a `!S` stream (attributes of S plus `_error object`)
  int namedWindow = -1;     // index into AppModel::windows when this is a `define window`
  bool queryResult = false;  // the rows of a query ending in `return`, named after the query
  ast::SourcePos pos;
};

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

struct OrderKey {
  int column = 0;  // output column
  bool descending = false;
};

struct SelectorModel {
  std::vector<AttributeInfo> outputs;
  // Over the input row and aggregate results: one per output, then any hidden columns (group
  // keys a rate limiter needs but the select list does not name).
  std::vector<TypedExpr> projections;
  std::vector<AggregateCall> aggregates;
  std::vector<TypedExpr> groupBy;       // over the input row
  std::optional<TypedExpr> having;      // over the output row
  std::vector<OrderKey> orderBy;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
  ast::OutputEvents events = ast::OutputEvents::Current;
};

// `output [all|first|last] every N events | every T`, `output snapshot every T`.
struct OutputRateModel {
  ast::OutputRate::Kind kind = ast::OutputRate::Kind::None;
  ast::OutputRate::Which which = ast::OutputRate::Which::All;
  int64_t events = 0;  // Kind::Events
  int64_t periodMs = 0;  // Kind::Time and Kind::Snapshot
  // The limiter sees only output rows, so the analyzer tells it where things are in them.
  std::vector<int> groupColumns;      // the output column of each group by key (when it needs keys)
  std::vector<int> aggregateColumns;  // columns selecting an aggregate as a whole (snapshots)
  bool windowed = false;              // the input has a window (snapshots keep its content)
};

// `define window W (...) name(args) [output all|current|expired events]`: a window shared by
// queries. Queries insert into it like into a stream; queries reading it see the events it
// emits, expired ones included (unless its output says otherwise).
struct NamedWindowModel {
  int stream = -1;  // its entry in AppModel::streams
  WindowSpec window;
  ast::OutputEvents output = ast::OutputEvents::All;
  std::string text;  // the definition's tokens joined by single spaces
};

struct QueryModel {
  std::string name;  // @info(name=...), else "queryN"
  bool named = false;  // the name was given
  std::string text;  // the query's tokens joined by single spaces (no layout, no comments)
  int inputStream = -1;  // a pattern's first state's stream (all of them are in `pattern`)
  std::vector<InputStep> steps;
  std::optional<PatternModel> pattern;  // the input is a pattern or sequence
  SelectorModel selector;
  OutputRateModel rate;
  int outputStream = -1;
  ast::SourcePos pos;
};

// `@app:playback(idle.time=..., increment=...)`: while no event arrives for idle.time of wall
// time, the playback clock moves on by increment. Zero: no heartbeat.
struct PlaybackHeartbeat {
  int64_t idleTime = 0;   // milliseconds
  int64_t increment = 0;  // milliseconds
};

struct AppModel {
  std::string name;  // @app:name, else empty
  bool playback = false;
  PlaybackHeartbeat heartbeat;
  std::vector<StreamModel> streams;  // defined streams first, in definition order
  std::vector<NamedWindowModel> windows;
  std::vector<QueryModel> queries;
  // @sink and @source of stream definitions, checked; run by src/io, not by the engine.
  std::vector<TransportInfo> transports;

  int findStream(const std::string& name) const {
    for (size_t i = 0; i < streams.size(); ++i)
      if (streams[i].info.name == name) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace cepheus::analyze
