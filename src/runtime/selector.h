// The `select` stage of a query: projections, aggregates per group, having, order by, limit
// and offset, and the choice of current/expired rows. Implements Siddhi's chunk rule: without
// aggregates every qualifying row is emitted; with aggregates one row per chunk (the last
// qualifying one), or with group by one row per group per chunk.
#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include "analyze/app_model.h"
#include "plan/evaluator.h"
#include "runtime/aggregator.h"
#include "runtime/clock.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

struct SelectorPlan {
  std::vector<plan::EvaluatorPtr> projections;
  struct Aggregate {
    analyze::AggregateKind kind;
    Type argType;
    plan::EvaluatorPtr argument;  // null for count()
  };
  std::vector<Aggregate> aggregates;
  std::vector<plan::EvaluatorPtr> groupBy;
  std::unique_ptr<plan::BoolEvaluator> having;  // over the output row
  std::vector<analyze::OrderKey> orderBy;
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
    std::vector<Value> results;
    int64_t candidate = -1;  // this chunk's output row of the group, if any
  };
  struct KeyHash {
    size_t operator()(const std::vector<Value>& key) const;
  };

  void processChunk(const EventRow* rows, size_t count);
  bool qualifies(EventKind kind) const {
    return (kind == EventKind::Current && plan_.emitCurrent) || (kind == EventKind::Expired && plan_.emitExpired);
  }
  Group& groupOf(const EventRow& row);
  std::unique_ptr<Group> newGroup() const;
  void update(Group& group, const EventRow& row);
  // Projects `row` into a new output row; false if `having` rejects it.
  bool project(const EventRow& row, const Value* aggregates);
  void finishChunk();

  SelectorPlan plan_;
  const Clock* clock_;
  FaultSink* faults_;
  size_t width_;
  bool aggregating_;
  std::unique_ptr<Group> single_;  // the one group when there is no group by
  std::unordered_map<std::vector<Value>, std::unique_ptr<Group>, KeyHash> groups_;
  std::vector<Group*> chunkGroups_;  // groups with a row in this chunk, first appearance first
  std::vector<Value> key_;
  std::vector<Value> values_;  // output rows of this chunk, width_ values each
  std::vector<int64_t> rowTimes_;
  std::vector<EventKind> rowKinds_;
  Chunk out_;
};

}  // namespace cepheus::runtime
