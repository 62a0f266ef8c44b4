// Checked app model -> running operator graph: one junction per stream, one operator chain
// per query (input steps -> selector -> insert), expressions compiled to typed evaluators.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

// `name`: the app's name (the model's, or one the engine gave an unnamed app).
std::unique_ptr<runtime::AppRuntime> buildApp(const analyze::AppModel& model, const std::string& name,
                                              runtime::EngineServices services);

}  // namespace cepheus::plan
