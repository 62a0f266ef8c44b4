// The operators of stream functions: the core's #pol2Cart and the extension library's
// #str:tokenize, #json:tokenize and #json:tokenizeAsObject.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "runtime/operator.h"

namespace cepheus::plan {

std::unique_ptr<runtime::Operator> makeStreamFunction(const analyze::StreamFunctionSpec& spec,
                                                      const runtime::FaultSink* faults);

}  // namespace cepheus::plan
