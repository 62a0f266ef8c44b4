// A pattern or sequence query: the pattern operator (its states wired as Siddhi wires them),
// one input subscribed to each stream it reads, then the selector, rate limit and insert.
#pragma once

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

void buildPatternQuery(const analyze::AppModel& model, const analyze::QueryModel& query, runtime::AppRuntime& app);

// Whether the pattern's results depend on the clock between events: absent states fire timers,
// and a filter may read currentTimeMillis().
bool patternDependsOnClock(const analyze::PatternModel& pattern);

}  // namespace cepheus::plan
