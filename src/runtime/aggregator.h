// Attribute aggregators (sum, count, avg, ...): add on CURRENT, remove on EXPIRED, clear on
// RESET. One instance per aggregate call per group.
#pragma once

#include <memory>

#include "cepheus/value.h"

namespace cepheus::runtime {

enum class AggregateKind {
  Count, Sum, Avg, Min, Max, MinForever, MaxForever, DistinctCount, StdDev, And, Or, UnionSet,
};

class Aggregator {
 public:
  virtual ~Aggregator() = default;
  virtual void add(const Value& v) = 0;
  virtual void remove(const Value& v) = 0;
  virtual void reset() = 0;
  virtual Value result() const = 0;
};

// `argType` is the type of the aggregated argument (Long for count()). `arrivalOrderExpiry`:
// values are removed in the order they were added (true for every window but sort, session and
// the frequency windows), which lets min/max use a monotonic deque.
std::unique_ptr<Aggregator> makeAggregator(AggregateKind kind, Type argType, bool arrivalOrderExpiry);

}  // namespace cepheus::runtime
