// How a join or an on-demand query reads an aggregation: `within start[, end] per granularity`
// evaluated for the reading event (a join's other side; nothing for an on-demand query), then
// answered from the aggregation's buckets. Values that cannot be read (a date string of the
// wrong shape, a granularity the aggregation does not keep, a start not before the end) raise
// EvaluationError, which the reading query routes like any failed event.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "runtime/aggregation/incremental_aggregation.h"
#include "runtime/evaluator.h"

namespace cepheus::runtime {

class AppState;

// A group by value the reading event pins (from a join's `on a.symbol == q.symbol`): the
// buckets of other groups are left out before they are merged.
struct KeyFilter {
  int keyIndex = 0;
  EvaluatorPtr value;  // over the reading event; its type is the key's
};

class AggregationReader {
 public:
  // `withinEnd` null: `withinStart` is a single pattern string ('2017-06-** **:**:**').
  AggregationReader(const IncrementalAggregation& aggregation, EvaluatorPtr withinStart, EvaluatorPtr withinEnd,
                    EvaluatorPtr per, std::vector<KeyFilter> keys = {});

  const IncrementalAggregation& aggregation() const { return *aggregation_; }
  // The aggregation's attributes (AGG_TIMESTAMP first): the width of the rows it gives.
  size_t width() const { return aggregation_->layout().columns.size(); }

  // The rows the reading event asks for, into `out` (ordered by bucket start, then group).
  void read(AppState& app, const EvalContext& reading, BucketRows& out) const;
  // The same, of the groups `keys` pins (computed by the caller) instead of this reader's own.
  void read(AppState& app, const EvalContext& reading, std::span<const KeyMatch> keys, BucketRows& out) const;

 private:
  int64_t time(const Evaluator& bound, const EvalContext& reading, const char* which) const;

  const IncrementalAggregation* aggregation_;
  EvaluatorPtr withinStart_;
  EvaluatorPtr withinEnd_;
  EvaluatorPtr per_;
  std::vector<KeyFilter> keys_;
};

}  // namespace cepheus::runtime
