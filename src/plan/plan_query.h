// One query: its input steps (filters, windows, #log), selector, rate limit and insert,
// chained and subscribed to the stream (or named window) it reads.
#pragma once

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

void buildQuery(const analyze::AppModel& model, const analyze::QueryModel& query, runtime::AppRuntime& app);

// The streams the query reads (its input stream; a pattern's or join's several).
std::vector<int> streamsRead(const analyze::QueryModel& query);

// Whether the query's results can depend on the playback clock between two events (it reads
// the clock, or has a window or rate limit, which fire timers or stamp rows with the clock).
// Events sent together then have to be processed one by one, the clock moving for each.
bool dependsOnClockBetweenEvents(const analyze::QueryModel& query);

}  // namespace cepheus::plan
