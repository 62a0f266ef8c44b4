// The `select` stage of a query: projections, aggregates, group by, having, order by, limit.
#pragma once

#include "analyze/app_model.h"
#include "runtime/selector.h"

namespace cepheus::plan {

// A value read from each input row: a plain attribute of slot 0 is read in place, anything else
// is compiled.
runtime::RowValue rowValue(const analyze::TypedExpr& e);

runtime::AggregateKind aggregateKind(analyze::AggregateKind kind);
// The call's constant parameters (the extensions' aggregates).
runtime::AggregateParams aggregateParams(const analyze::AggregateCall& call);
// What the call aggregates, compiled (null for count()); for json:group(AsObject), each
// event's JSON object as a runtime::JsonElement.
runtime::EvaluatorPtr aggregateArgument(const analyze::AggregateCall& call);

// `arrivalOrderExpiry`: every window upstream expires rows in arrival order (min/max may then
// use a monotonic deque).
runtime::SelectorPlan selectorPlan(const analyze::SelectorModel& model, size_t inputWidth, bool arrivalOrderExpiry);

}  // namespace cepheus::plan
