// An incremental aggregation as the other side of a join: for each probing event, the buckets its
// `within ... per ...` asks for, as rows of the aggregation's attributes (AGG_TIMESTAMP first),
// tested against the join's `on` condition as any source's rows are. The condition is tested
// on the buckets' final values, as Siddhi tests it on the aggregation's selection.
//
// Equalities of `on` between group by attributes and values of the probing event become the
// source's key (keyIndex): buckets of other groups are skipped before they are merged, instead
// of being computed and then rejected by the condition.
#pragma once

#include <memory>

#include "runtime/aggregation/aggregation_reader.h"
#include "runtime/join/findable.h"

namespace cepheus::runtime {

class AggregationSource final : public Findable {
 public:
  explicit AggregationSource(std::unique_ptr<AggregationReader> reader);

  // The rows found live in this source until its next find: a join with an aggregation side
  // hands each probing event's joined events on before the next one probes (one lane per app
  // runs it, so one buffer serves).
  void find(ExecContext& ctx, const FindPlan& plan, FindScope& scope, std::vector<EventRow>& out,
            size_t limit = SIZE_MAX) const override;
  // Any set of group by attributes is a key: the index number is the set (a bit per column).
  int keyIndex(std::span<const int> columns, std::vector<int>& order) const override;

 private:
  std::unique_ptr<AggregationReader> reader_;
  mutable BucketRows rows_;
  mutable std::vector<KeyMatch> keys_;
};

}  // namespace cepheus::runtime
