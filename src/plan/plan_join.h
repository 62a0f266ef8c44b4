// A join query: each side's steps (filters, stream functions, window) ending in its join side,
// both feeding one selector, then the rate limit and the output. A side that is a table or a
// named window has no window of its own: the join searches the table's rows or the named
// window's content.
#pragma once

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

void buildJoinQuery(const analyze::AppModel& model, const analyze::QueryModel& query, runtime::AppRuntime& app);

}  // namespace cepheus::plan
