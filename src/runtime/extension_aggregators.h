// The aggregators of Siddhi's execution extensions, for makeAggregator().
#pragma once

#include <memory>

#include "runtime/aggregator.h"

namespace cepheus::runtime {

// GroupConcat, Percentile, JsonGroup or JsonGroupAsObject with the call's parameters.
std::unique_ptr<Aggregator> makeExtensionAggregator(AggregateKind kind, const AggregateParams& params);

}  // namespace cepheus::runtime
