// The operators of the extension library's stream functions (#str:tokenize, #json:tokenize,
// #json:tokenizeAsObject).
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "runtime/operator.h"

namespace cepheus::plan {

std::unique_ptr<runtime::Operator> makeStreamFunction(const analyze::StreamFunctionSpec& spec,
                                                      const runtime::FaultSink* faults);

}  // namespace cepheus::plan
