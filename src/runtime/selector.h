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
#include <span>
#include <vector>

#include "runtime/aggregator.h"
#include "runtime/evaluator.h"
#include "runtime/operator.h"
#include "runtime/row_value.h"

namespace cepheus::runtime {

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
    AggregateParams params;            // the call's constant parameters
  };
  std::vector<Aggregate> aggregates;
  std::vector<RowValue> groupBy;
  std::unique_ptr<BoolEvaluator> having;  // over the output row
  std::vector<SortKey> orderBy;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
  bool emitCurrent = true;
  bool emitExpired = false;
  // The output row is the input row or its first attributes (`select *`, or leading attributes
  // in order, with no aggregates, having, order or limit): rows are passed on as they are, the
  // output's narrower width reading only their first values.
  bool identity = false;
  bool arrivalOrderExpiry = true;  // see makeAggregator()
};

class Selector final : public StatefulOperator {
 public:
  Selector(SelectorPlan plan, const FaultSink* faults);

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  bool acceptsParts() const override { return true; }
  void processParts(ExecContext& ctx, const Chunk& chunk, std::span<const uint32_t> ends) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;
  // Only aggregates are remembered between chunks.
  bool hasState() const override { return aggregating_; }

 private:
  struct Group;
  struct State;
  struct Scratch;

  // How one aggregate is updated: inline for the common kinds, its argument read in place when
  // it is a plain attribute.
  struct AggregateStep {
    AggregateFast fast = AggregateFast::None;
    uint32_t offset = 0;  // of its state in a group's block
    int direct = -1;      // the attribute it aggregates, or -1
    const Evaluator* expression = nullptr;  // or the expression it aggregates (none: count())
  };

  Scratch& begin(ExecContext& ctx, size_t inputRows) const;
  void processSimpleParts(ExecContext& ctx, Scratch& scratch, const Chunk& chunk, std::span<const uint32_t> ends) const;
  void processSimpleGroupedRow(ExecContext& ctx, const EventRow& row) const;
  void processPart(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const;
  void processRows(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const;
  void processSingleGroupPart(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const;
  void finishPart(Scratch& scratch, size_t partBegin) const;
  void endPart(ExecContext& ctx, Scratch& scratch, size_t partBegin) const;
  void flushParts(ExecContext& ctx, Scratch& scratch) const;
  bool qualifies(EventKind kind) const {
    return (kind == EventKind::Current && plan_.emitCurrent) || (kind == EventKind::Expired && plan_.emitExpired);
  }
  Group& groupOf(ExecContext& ctx, Scratch& scratch, const EventRow& row) const;
  void update(Group& group, const EventRow& row, AppState& app) const;
  const Value* results(Group& group, Scratch& scratch) const;
  void resetAll(ExecContext& ctx) const;
  // Projects `row` into a new output row; false if `having` rejects it.
  bool project(ExecContext& ctx, Scratch& scratch, const EventRow& row, const Value* aggregates) const;

  SelectorPlan plan_;
  const FaultSink* faults_;
  AggregateSet aggregates_;
  std::vector<AggregateStep> steps_;
  bool inlineAggregates_ = false;  // every aggregate is a common kind over an attribute (or count())
  bool simpleSingleGroup_ = false;  // see processSimpleParts
  bool simpleGrouped_ = false;      // see processSimpleGroupedRow
  int groupKey_ = -1;               // its one group-by attribute
  size_t width_;
  bool aggregating_;
  // The output depends on where chunks begin and end (aggregates, order by, limit, offset).
  bool chunkSensitive_;
  const Value one_ = Value::ofLong(1);  // what count() aggregates
};

}  // namespace cepheus::runtime
