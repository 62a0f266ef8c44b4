// The plain syntax tree of a SiddhiQL app. The ANTLR visitor (parse/) builds it; the analyzer
// reads it. No ANTLR type appears here, so nothing outside src/parse/ depends on ANTLR.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cepheus/value.h"

namespace cepheus::ast {

struct SourcePos {
  int line = 0;  // 1-based
  int col = 0;   // 1-based
};

// @name(key='value', 'value', @nested(...)). Names keep their case as written; `app:name`
// is stored as "app:name". Keys of positional elements are empty.
struct Annotation {
  std::string name;
  std::vector<std::pair<std::string, std::string>> elements;
  std::vector<SourcePos> elementPos;  // where each element starts, in the order of `elements`
  std::vector<Annotation> nested;
  SourcePos pos;
};

struct Attribute {
  std::string name;
  Type type = Type::String;
  SourcePos pos;
};

// ---------------------------------------------------------------------------------------------
// Expressions

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  Constant,    // literal; time literals become Long constants with isTime = true
  Attribute,   // [stream|ref][index].name or name
  Add, Subtract, Multiply, Divide, Modulo,
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  And, Or, Not,
  IsNull,        // operand is null (operand in `lhs`)
  IsNullStream,  // `e2 is null` / `e1[0] is null` on a pattern reference (streamRef, index)
  In,            // `lhs in table` (table name in `name`)
  Function,      // [ns:]name(args); also aggregators (the analyzer tells them apart)
};

enum class ConstKind { String, Int, Long, Float, Double, Bool };

// e1[2] -> {fromLast=false, offset=2}; e1[last] -> {true, 0}; e1[last-1] -> {true, 1}
struct EventIndex {
  bool fromLast = false;
  int offset = 0;
};

struct Expr {
  ExprKind kind = ExprKind::Constant;
  SourcePos pos;
  std::string text;  // the source text of this expression, for messages

  // Constant
  ConstKind constKind = ConstKind::Int;
  bool isTime = false;  // written as a time literal (`5 sec`): Long milliseconds
  std::string stringValue;
  int64_t intValue = 0;  // Int, Long (and time) constants
  double doubleValue = 0;  // Float, Double constants
  bool boolValue = false;

  // Attribute / IsNullStream / In (name = table) / Function (ns, name)
  std::string streamRef;  // qualifier before the dot: stream name, alias or pattern ref
  bool streamRefInner = false;  // #S.x
  std::optional<EventIndex> index;
  std::string ns;
  std::string name;
  bool star = false;  // count(*) style argument marker, if the grammar allows it

  // Operators: binary ops use lhs and rhs; Not and IsNull use lhs; In uses lhs.
  ExprPtr lhs;
  ExprPtr rhs;
  std::vector<ExprPtr> args;  // Function
};

// ---------------------------------------------------------------------------------------------
// Query inputs

// One step after a stream name: a filter [cond], a stream function #ns:name(args) or a window
// #window.name(args).
struct StreamHandler {
  enum class Kind { Filter, Function, Window };
  Kind kind = Kind::Filter;
  ExprPtr filter;
  std::string ns;
  std::string name;
  std::vector<ExprPtr> args;
  SourcePos pos;
};

struct StreamInput {
  std::string stream;
  bool inner = false;  // #Stream (partition-local)
  bool fault = false;  // !Stream
  std::string alias;   // `as x` in joins, `e1=` in patterns and sequences
  std::vector<StreamHandler> handlers;
  bool unidirectional = false;
  SourcePos pos;
};

enum class JoinType { Inner, LeftOuter, RightOuter, FullOuter };

struct JoinInput {
  StreamInput left;
  StreamInput right;
  JoinType type = JoinType::Inner;
  ExprPtr on;
  ExprPtr within;     // aggregation joins: `within a[, b]`
  ExprPtr withinEnd;
  ExprPtr per;        // aggregation joins: `per 'seconds'`
  SourcePos pos;
};

// A node of a pattern or sequence. Leaves are stream states; inner nodes combine them.
struct PatternNode {
  enum class Kind {
    Stream,    // e1=S[filter]; with count bounds for <n:m>, +, *, ?
    FollowedBy,  // a -> b (patterns) or a , b (sequences); children in order
    Every,     // every child
    And,       // a and b
    Or,        // a or b
    Absent,    // not S[filter] [for time]
  };
  Kind kind = Kind::Stream;
  StreamInput stream;  // Stream and Absent
  // Counting: <n>, <n:m>, <n:>, <:m>, +, *, ?. Unset means exactly once.
  std::optional<int> minCount;
  std::optional<int> maxCount;  // -1 = unbounded
  bool counted = false;
  ExprPtr forTime;  // Absent: `for t`
  std::vector<PatternNode> children;
  SourcePos pos;
};

struct PatternInput {
  bool sequence = false;  // `,` instead of `->`
  PatternNode root;
  ExprPtr within;
  SourcePos pos;
};

// ---------------------------------------------------------------------------------------------
// Selection, output rate and output

struct OutputAttribute {
  ExprPtr expr;
  std::string alias;  // empty when written without `as`
  SourcePos pos;
};

struct OrderByItem {
  ExprPtr expr;
  bool descending = false;
};

struct Selector {
  bool selectAll = true;  // `select *` or no select clause
  std::vector<OutputAttribute> attributes;
  std::vector<ExprPtr> groupBy;
  ExprPtr having;
  std::vector<OrderByItem> orderBy;
  ExprPtr limit;
  ExprPtr offset;
  SourcePos pos;
};

enum class OutputEvents { Current, Expired, All };

struct OutputRate {
  enum class Kind { None, Events, Time, Snapshot };
  enum class Which { All, First, Last };
  Kind kind = Kind::None;
  Which which = Which::All;
  ExprPtr value;  // event count (int) or period (time literal / long)
  SourcePos pos;
};

struct SetAssignment {
  ExprPtr target;  // table attribute, e.g. T.price
  ExprPtr value;
};

struct Output {
  enum class Kind { Insert, Delete, Update, UpdateOrInsert, Return };
  Kind kind = Kind::Insert;
  OutputEvents events = OutputEvents::Current;
  bool eventsExplicit = false;  // written `current|expired|all events`
  std::string target;
  bool targetInner = false;  // insert into #Inner
  bool targetFault = false;  // insert into !S
  std::vector<SetAssignment> set;
  ExprPtr on;
  SourcePos pos;
};

struct Query {
  std::vector<Annotation> annotations;
  enum class InputKind { Stream, Join, Pattern } inputKind = InputKind::Stream;
  StreamInput stream;
  std::unique_ptr<JoinInput> join;
  std::unique_ptr<PatternInput> pattern;
  Selector selector;
  OutputRate rate;
  Output output;
  std::string text;  // its tokens joined by single spaces (no layout, no comments)
  SourcePos pos;
};

// ---------------------------------------------------------------------------------------------
// Definitions

struct StreamDefinition {
  std::vector<Annotation> annotations;
  std::string name;
  bool inner = false;
  bool fault = false;
  std::vector<Attribute> attributes;
  SourcePos pos;
  SourcePos namePos;
};

struct TableDefinition {
  std::vector<Annotation> annotations;
  std::string name;
  std::vector<Attribute> attributes;
  SourcePos pos;
  SourcePos namePos;
};

struct WindowDefinition {
  std::vector<Annotation> annotations;
  std::string name;
  std::vector<Attribute> attributes;
  StreamHandler window;  // Kind::Window
  OutputEvents outputEvents = OutputEvents::All;
  std::string text;  // its tokens joined by single spaces (no layout, no comments)
  SourcePos pos;
  SourcePos namePos;
};

struct TriggerDefinition {
  std::vector<Annotation> annotations;
  std::string name;
  ExprPtr every;        // `at every 5 sec`
  std::string atText;   // `at 'start'` or a cron expression
  SourcePos pos;
  SourcePos namePos;
};

struct AggregationDefinition {
  std::vector<Annotation> annotations;
  std::string name;
  StreamInput input;
  Selector selector;
  ExprPtr aggregateBy;  // attribute holding the event time, if given
  // `every sec ... year` (range = true, two entries) or `every sec, min, day` (list).
  // Units are normalised to "milliseconds", "seconds", "minutes", ..., "years".
  bool range = false;
  std::vector<std::string> granularities;
  std::vector<SourcePos> granularityPos;  // where each is written, in the order of `granularities`
  std::string text;  // its tokens joined by single spaces (no layout, no comments)
  SourcePos pos;
  SourcePos namePos;
};

struct FunctionDefinition {
  std::vector<Annotation> annotations;
  std::string name;
  std::string language;
  Type returnType = Type::Object;
  std::string body;
  SourcePos pos;
  SourcePos namePos;
};

struct PartitionKey {
  std::string stream;
  ExprPtr value;  // value partition: `symbol of S`
  struct Range {
    ExprPtr condition;
    std::string label;
  };
  std::vector<Range> ranges;  // range partition: `price < 10 as 'low' or ... of S`
  SourcePos pos;
};

struct Partition {
  std::vector<Annotation> annotations;
  std::vector<PartitionKey> keys;
  std::vector<Query> queries;
  SourcePos pos;
};

// The app in source order. `elements` keeps queries and partitions interleaved as written.
struct ExecutionElement {
  std::unique_ptr<Query> query;          // exactly one of these is set
  std::unique_ptr<Partition> partition;
};

struct App {
  std::vector<Annotation> annotations;
  std::vector<StreamDefinition> streams;
  std::vector<TableDefinition> tables;
  std::vector<WindowDefinition> windows;
  std::vector<TriggerDefinition> triggers;
  std::vector<AggregationDefinition> aggregations;
  std::vector<FunctionDefinition> functions;
  std::vector<ExecutionElement> elements;
};

// ---------------------------------------------------------------------------------------------
// On-demand (store) queries, issued through the API rather than written in an app:
//   from T [on cond] select ... [group by ...] [having ...] [order by ...] [limit n]
//   select ... insert into T;  delete T on cond;  update T set ... on cond;
//   update or insert into T set ... on cond;
// Find uses source/alias/on/within/per and the selector. Insert, Delete, Update and
// UpdateOrInsert put their table, `set` and `on` in `output` (the selector supplies the values).
struct OnDemandQuery {
  enum class Kind { Find, Insert, Delete, Update, UpdateOrInsert };
  Kind kind = Kind::Find;
  std::string source;  // table, window or aggregation for Find
  std::string alias;   // `from T as t`
  ExprPtr on;
  ExprPtr within;
  ExprPtr withinEnd;
  ExprPtr per;
  Selector selector;
  Output output;
  SourcePos pos;
};

}  // namespace cepheus::ast
