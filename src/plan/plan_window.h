// Builds the runtime operator of a checked window (`#window.name(args)`), and named windows.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"
#include "runtime/operator.h"

namespace cepheus::plan {

// `width`: attributes per row.
std::unique_ptr<runtime::StatefulOperator> makeWindow(const analyze::WindowSpec& window, size_t width);

// True when the window expires rows in the order they arrived (so min/max can use a
// monotonic deque); false for sort, session, frequent and lossyFrequent.
bool windowExpiresInArrivalOrder(const analyze::WindowSpec& window);

// True when the window reads the clock or runs timers between arrivals (time windows, delay,
// session, cron, externalTimeBatch with a timeout, an expression window whose condition reads
// the clock): in playback, events sent together must then reach it one by one, the clock
// moving for each. The others place events by their own timestamps or attributes.
bool windowReadsClock(const analyze::WindowSpec& window);

// A named window (`define window`): the window fed by its stream, and the junction that the
// queries reading it subscribe to.
void buildNamedWindow(const analyze::AppModel& model, const analyze::NamedWindowModel& window,
                      runtime::AppRuntime& app);

}  // namespace cepheus::plan
