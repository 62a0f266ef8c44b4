// `define aggregation`: its buckets' layout, the chain that takes its stream's events in
// (filters, then the aggregation), and the readers joins and on-demand queries use.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "runtime/aggregation/aggregation_reader.h"
#include "runtime/aggregation/incremental_aggregation.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

// The buckets' base cells and the attributes computed from them. Cells are shared where
// Siddhi shares its base attributes: avg(price) and sum(price) use one sum, every count() and
// avg() one count.
runtime::BucketLayout bucketLayout(const analyze::AggregationModel& model);

// Builds the aggregation, subscribes it to its stream (before any query, as Siddhi does, so a
// query triggered by the same event reads buckets that already hold it) and registers its
// state for snapshots.
void buildAggregation(const analyze::AppModel& model, const analyze::AggregationModel& aggregation,
                      runtime::AppRuntime& app);

// Whether the aggregation's buckets can depend on the playback clock between two events sent
// together: it reads the clock for the event time, or purges on it.
bool aggregationReadsClock(const analyze::AggregationModel& aggregation);

// The reader of `read` (within/per compiled over the reader's scope). `keys`: group by values
// the reading event pins, as (position in the group by, expression over the reader's scope).
std::unique_ptr<runtime::AggregationReader> makeAggregationReader(
    const analyze::AggregationReadModel& read, const runtime::AppRuntime& app,
    const std::vector<std::pair<int, const analyze::TypedExpr*>>& keys = {});

}  // namespace cepheus::plan
