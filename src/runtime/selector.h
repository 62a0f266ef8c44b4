// The `select` stage of a query: projections, aggregates per group, having, order by, limit
// and offset, and the choice of current/expired rows. Implements Siddhi's chunk rule: without
// aggregates every qualifying row is emitted; with aggregates one row per chunk (the last
// qualifying one), or with group by one row per group per chunk.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "runtime/evaluator.h"
#include "runtime/aggregator.h"
#include "runtime/clock.h"
#include "runtime/group_table.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

// A value the selector reads from each input row: an attribute copied straight from the row
// (`direct` >= 0, the common case, no virtual call) or a compiled expression.
struct RowValue {
  int direct = -1;
  EvaluatorPtr expression;

  Value read(const EvalContext& ctx, const EventRow& row) const {
    return direct >= 0 ? row.data[direct] : expression->evalValue(ctx);
  }
};

// An `order by` key: an output column and its direction.
struct SortKey {
  int column = 0;
  bool descending = false;
};

struct SelectorPlan {
  std::vector<RowValue> projections;
  struct Aggregate {
    AggregateKind kind;
    Type argType;
    std::optional<RowValue> argument;  // none for count()
  };
  std::vector<Aggregate> aggregates;
  std::vector<RowValue> groupBy;
  std::unique_ptr<BoolEvaluator> having;  // over the output row
  std::vector<SortKey> orderBy;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
  bool emitCurrent = true;
  bool emitExpired = false;
  // The output row is the input row unchanged (`select *` or every attribute in order, with no
  // aggregates, having, order or limit): rows are passed on without copying their values.
  bool identity = false;
  bool arrivalOrderExpiry = true;  // see makeAggregator()
};

class Selector final : public Operator {
 public:
  Selector(SelectorPlan plan, const Clock* clock, FaultSink* faults);
  void process(const Chunk& chunk) override;

 private:
  struct Group {
    std::vector<std::unique_ptr<Aggregator>> aggregators;
    std::vector<Value> results;  // valid while !stale
    bool stale = false;
    int64_t candidate = -1;  // this chunk's output row of the group, if any
  };

  void processChunk(const EventRow* rows, size_t count);
  void processSingleGroupChunk(const EventRow* rows, size_t count);
  bool qualifies(EventKind kind) const {
    return (kind == EventKind::Current && plan_.emitCurrent) || (kind == EventKind::Expired && plan_.emitExpired);
  }
  Group& groupOf(const EventRow& row);
  std::unique_ptr<Group> newGroup() const;
  void update(Group& group, const EventRow& row);
  const Value* results(Group& group);
  void resetAll();
  // Projects `row` into a new output row; false if `having` rejects it.
  bool project(const EventRow& row, const Value* aggregates);
  void finishChunk();

  SelectorPlan plan_;
  const Clock* clock_;
  FaultSink* faults_;
  size_t width_;
  bool aggregating_;
  std::unique_ptr<Group> single_;  // the one group when there is no group by
  GroupTable groupIndex_;
  std::vector<std::unique_ptr<Group>> groups_;  // by GroupTable index
  std::vector<Group*> chunkGroups_;  // groups with a row in this chunk, first appearance first
  std::vector<Value> key_;
  const Value one_ = Value::ofLong(1);  // what count() aggregates
  std::vector<Value> values_;  // output rows of this chunk, width_ values each
  Chunk out_;                  // views of values_, in output order
};

}  // namespace cepheus::runtime
