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

#include "runtime/evaluator.h"
#include "runtime/aggregator.h"

namespace cepheus::runtime {

class WindowCondition {
 public:
  struct Aggregate {
    std::unique_ptr<Aggregator> aggregator;
    EvaluatorPtr argument;  // null for count()
  };

  WindowCondition(std::unique_ptr<BoolEvaluator> condition, std::vector<Aggregate> aggregates,
                  const Clock* clock);

  // Adds `event`'s values to the aggregates, then evaluates; null counts as false.
  bool add(const EventRow& event, const EventRow& first, const EventRow& last);
  // Removes `event`'s values from the aggregates, then evaluates.
  bool remove(const EventRow& event, const EventRow& first, const EventRow& last);
  void reset();

 private:
  bool update(bool adding, const EventRow& event, const EventRow& first, const EventRow& last);

  std::unique_ptr<BoolEvaluator> condition_;
  std::vector<Aggregate> aggregates_;
  std::vector<Value> results_;
  const Clock* clock_;
};

}  // namespace cepheus::runtime
