// Builds the runtime operator of a checked window (`#window.name(args)`).
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"
#include "runtime/operator.h"
#include "runtime/scheduler.h"

namespace cepheus::plan {

struct WindowEnvironment {
  size_t width;  // attributes per row
  const runtime::Clock* clock;
  runtime::Scheduler* scheduler;
};

std::unique_ptr<runtime::Operator> makeWindow(const analyze::WindowSpec& window, const WindowEnvironment& env);

// True when the window expires rows in the order they arrived (so min/max can use a
// monotonic deque); false for sort, session, frequent and lossyFrequent.
bool windowExpiresInArrivalOrder(const analyze::WindowSpec& window);

// A named window (`define window`): the window fed by its stream, and the junction that the
// queries reading it subscribe to.
void buildNamedWindow(const analyze::AppModel& model, const analyze::NamedWindowModel& window,
                      runtime::AppRuntime& app);

}  // namespace cepheus::plan
