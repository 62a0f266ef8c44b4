// Builds the operator of a query's output rate limit, or null when it has none.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "runtime/operator.h"
#include "runtime/scheduler.h"

namespace cepheus::plan {

struct RateLimiterEnvironment {
  size_t width;  // attributes per output row
  const runtime::Clock* clock;
  runtime::Scheduler* scheduler;
  const analyze::SelectorModel* selector;  // group by keys, for per-group limits
};

std::unique_ptr<runtime::Operator> makeRateLimiter(const analyze::OutputRateModel& rate,
                                                   const RateLimiterEnvironment& env);

}  // namespace cepheus::plan
