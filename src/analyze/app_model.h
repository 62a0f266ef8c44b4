// The checked app: what the analyzer proves about an app and the planner builds from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyze/aggregation_model.h"
#include "analyze/input_steps.h"
#include "analyze/join_model.h"
#include "analyze/table_model.h"
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
  int partition = -1;        // an inner stream (`#S`) of this partition: each key has its own
  ast::SourcePos pos;
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

// `define trigger T at 'start' | at every <time> | at '<cron>'`: a stream T (triggered_time
// long) whose events only the trigger makes.
struct TriggerModel {
  enum class Kind { Start, Periodic, Cron };
  std::string name;
  int stream = -1;  // in AppModel::streams
  Kind kind = Kind::Start;
  int64_t periodMs = 0;  // Periodic
  std::string cron;      // Cron: the Quartz expression
  ast::SourcePos pos;
};

struct QueryModel {
  std::string name;  // @info(name=...), else "queryN"
  bool named = false;  // the name was given
  std::string text;  // the query's tokens joined by single spaces (no layout, no comments)
  int inputStream = -1;  // a join's first stream side, a pattern's first state's stream (all are in `join`, `pattern`)
  std::vector<InputStep> steps;
  std::optional<JoinModel> join;        // the input is a join
  std::optional<PatternModel> pattern;  // the input is a pattern or sequence
  SelectorModel selector;
  OutputRateModel rate;
  int outputStream = -1;  // -1 when the output changes a table
  std::optional<TableChangeModel> tableOutput;  // insert into, delete, update, update or insert of a table
  int partition = -1;  // index into AppModel::partitions when the query is inside one
  ast::SourcePos pos;

  // The streams (and named windows) whose events the query reads, in the order written.
  std::vector<int> inputStreams() const {
    if (pattern) return pattern->streams;
    if (!join) return {inputStream};
    std::vector<int> streams;
    for (const JoinSideModel& side : join->sides)
      if (side.stream >= 0) streams.push_back(side.stream);  // not a table or an aggregation
    return streams;
  }
};

// How one stream is divided among a partition's keys: by a value (`card of Payments`), or by
// ranges (`amount < 100 as 'small' or amount >= 100 as 'large' of Payments`: an event goes to
// the label of every condition it meets, in the order written; one that meets none is dropped).
struct PartitionKeyModel {
  int stream = -1;
  std::optional<TypedExpr> value;  // over the stream's attributes
  struct Range {
    TypedExpr condition;
    std::string label;
  };
  std::vector<Range> ranges;
  ast::SourcePos pos;
};

// `@purge(enable='true', interval='1 sec', idle.period='1 hour')` on a partition.
struct PartitionPurge {
  bool enabled = false;
  int64_t interval = 300'000;  // milliseconds between sweeps (Siddhi's default: 5 minutes)
  int64_t idlePeriod = 0;      // milliseconds without an event after which a key is dropped
};

struct PartitionModel {
  std::string name;  // @info(name=...), else empty
  std::string text;  // its keys and queries, as written: what its saved state belongs to
  std::vector<PartitionKeyModel> keys;
  // Keys of different types on different streams meet as their text, as in Siddhi (whose keys
  // are strings): card 7 of an int stream and '7' of a string stream are the same key.
  bool textKeys = false;
  std::vector<int> queries;  // into AppModel::queries, in the order written
  PartitionPurge purge;
  // Its keys run on AppModel::workers shards (false with one worker, or when its queries call
  // the function library, whose evaluators keep scratch for one thread).
  bool parallel = false;
  ast::SourcePos pos;
};// `@app:playback(idle.time=..., increment=...)`: while no event arrives for idle.time of wall
// time, the playback clock moves on by increment. Zero: no heartbeat.
struct PlaybackHeartbeat {
  int64_t idleTime = 0;   // milliseconds
  int64_t increment = 0;  // milliseconds
};

struct AppModel {
  std::string name;  // @app:name, else empty
  bool playback = false;
  PlaybackHeartbeat heartbeat;
  // @app:workers('N'): partitions spread their keys over N shards run in parallel; 1: the app
  // runs on one executor, in Siddhi's order.
  int workers = 1;
  std::vector<StreamModel> streams;  // defined streams first, in definition order
  std::vector<NamedWindowModel> windows;
  std::vector<AggregationModel> aggregations;  // `define aggregation`, in definition order
  std::vector<TableModel> tables;
  std::vector<TriggerModel> triggers;
  std::vector<QueryModel> queries;  // outside and inside partitions, in the order written
  std::vector<PartitionModel> partitions;
  // @sink and @source of stream definitions, checked; run by src/io, not by the engine.
  std::vector<TransportInfo> transports;

  int findStream(const std::string& name) const {
    for (size_t i = 0; i < streams.size(); ++i)
      if (streams[i].info.name == name) return static_cast<int>(i);
    return -1;
  }
  int findAggregation(const std::string& name) const {
    for (size_t i = 0; i < aggregations.size(); ++i)
      if (aggregations[i].name == name) return static_cast<int>(i);
    return -1;
  }
  int findTable(const std::string& name) const {
    for (size_t i = 0; i < tables.size(); ++i)
      if (tables[i].name == name) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace cepheus::analyze
