// On-demand queries against a running app: the checked query -> the operators of one run.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "analyze/on_demand_model.h"
#include "runtime/app_runtime.h"
#include "runtime/on_demand/on_demand_query.h"

namespace cepheus::plan {

// `app` is the model `runtime` was built from.
std::unique_ptr<runtime::OnDemandQuery> planOnDemand(const analyze::OnDemandModel& query, const analyze::AppModel& app,
                                                     runtime::AppRuntime& runtime);

}  // namespace cepheus::plan
