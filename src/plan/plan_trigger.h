// Builds a `define trigger` into the app: the runtime trigger that writes its stream.
#pragma once

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

void buildTrigger(const analyze::TriggerModel& model, runtime::AppRuntime& app);

}  // namespace cepheus::plan
