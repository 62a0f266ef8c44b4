// The condition of the expression windows (`expression('count() <= 20')`,
// `expressionBatch(...)`): a bool expression over the window content, with its own aggregates.
//
// As in Siddhi, the expression sees three events: slot 0 is the event being added or removed
// (unqualified attributes read it), slot 1 `first` is the oldest event of the window and slot 2
// `last` the newest (the arrival). Its aggregates are updated with slot 0's values by the
// same call that evaluates it: add() on an arrival, remove() on an expiry.
//
// One difference from Siddhi: every aggregate is updated on every call. Siddhi updates an
// aggregate only when evaluation reaches it, so in `count() < 3 and sum(p) < 100` its sum
// misses the events that arrived while the count test failed; we keep the sum right.
#pragma once

#include <memory>
#include <vector>

#include "runtime/aggregator.h"
#include "runtime/evaluator.h"

namespace cepheus::runtime {

class WindowCondition {
 public:
  WindowCondition(std::unique_ptr<BoolEvaluator> condition, AggregateSet aggregates,
                  std::vector<EvaluatorPtr> arguments);

  // The aggregates' states, kept by the window's state.
  AggregateBlock newState() const { return AggregateBlock(aggregates_); }
  const AggregateSet& aggregates() const { return aggregates_; }

  // Adds `event`'s values to the aggregates, then evaluates; null counts as false.
  bool add(AggregateBlock& state, const Clock& clock, const EventRow& event, const EventRow& first,
           const EventRow& last) const;
  // Removes `event`'s values from the aggregates, then evaluates.
  bool remove(AggregateBlock& state, const Clock& clock, const EventRow& event, const EventRow& first,
              const EventRow& last) const;
  void reset(AggregateBlock& state) const { aggregates_.reset(state.get()); }

 private:
  bool update(bool adding, AggregateBlock& state, const Clock& clock, const EventRow& event, const EventRow& first,
              const EventRow& last) const;

  std::unique_ptr<BoolEvaluator> condition_;
  AggregateSet aggregates_;
  std::vector<EvaluatorPtr> arguments_;  // per aggregate; null for count()
};

}  // namespace cepheus::runtime
