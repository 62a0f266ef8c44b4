// The `select` stage of a query: projections, aggregates per group, having, order by, limit
// and offset, and the choice of current/expired rows. Implements Siddhi's chunk rule: without
// aggregates every qualifying row is emitted; with aggregates one row per chunk (the last
// qualifying one), or with group by one row per group per chunk.
//
// Input rows may be multi-slot events (join sides, pattern references): expressions then read
// the row's parts through EvalContext::of.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "runtime/aggregator.h"
#include "runtime/evaluator.h"
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

class Selector final : public StatefulOperator {
 public:
  Selector(SelectorPlan plan, const FaultSink* faults);

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;
  // Only aggregates are remembered between chunks.
  bool hasState() const override { return aggregating_; }

 private:
  struct Group;
  struct State;
  struct Scratch;

  void processChunk(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const;
  void processSingleGroupChunk(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const;
  bool qualifies(EventKind kind) const {
    return (kind == EventKind::Current && plan_.emitCurrent) || (kind == EventKind::Expired && plan_.emitExpired);
  }
  Group& groupOf(ExecContext& ctx, Scratch& scratch, const EventRow& row) const;
  void update(ExecContext& ctx, Group& group, const EventRow& row) const;
  const Value* results(Group& group) const;
  // Projects `row` into a new output row; false if `having` rejects it.
  bool project(ExecContext& ctx, Scratch& scratch, const EventRow& row, const Value* aggregates) const;
  void finishChunk(ExecContext& ctx, Scratch& scratch) const;

  SelectorPlan plan_;
  const FaultSink* faults_;
  AggregateSet aggregates_;
  size_t width_;
  bool aggregating_;
  const Value one_ = Value::ofLong(1);  // what count() aggregates
};

}  // namespace cepheus::runtime
