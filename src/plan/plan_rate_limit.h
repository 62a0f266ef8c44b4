// Builds the operator of a query's output rate limit, or null when it has none.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "runtime/operator.h"

namespace cepheus::plan {

// `width`: attributes per output row (hidden group-key columns included).
std::unique_ptr<runtime::StatefulOperator> makeRateLimiter(const analyze::OutputRateModel& rate, size_t width);

}  // namespace cepheus::plan
