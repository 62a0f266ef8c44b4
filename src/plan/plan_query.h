// One query: its input steps (filters, windows, #log), selector, rate limit and output (an
// insert into a stream, or a change of a table), chained and subscribed to the stream (or named
// window) it reads. Joins are built by plan_join.cpp from the same pieces.
#pragma once

#include <optional>
#include <vector>

#include "analyze/app_model.h"
#include "plan/plan_state.h"
#include "runtime/app_runtime.h"
#include "runtime/windows/length_window.h"

namespace cepheus::plan {

void buildQuery(const analyze::AppModel& model, const analyze::QueryModel& query, runtime::AppRuntime& app);

// The operators of one input's steps, in order, added to the app; `width` grows with each
// stream function. `window` receives the window's operator, if there is one.
std::vector<runtime::Operator*> buildSteps(const std::vector<analyze::InputStep>& steps, size_t& width,
                                           const runtime::FaultRouter* faults, const std::string& queryName,
                                           runtime::AppRuntime& app, StatefulOperators& stateful,
                                           runtime::StatefulOperator** window,
                                           const std::optional<runtime::KeptAttributes>& lastWindowKeeps = std::nullopt);

// What the query's output rows go to: the junction of its output stream, the table it inserts
// into (the table itself ends the chain) or the operator that changes the table's rows.
runtime::Operator* buildOutput(const analyze::AppModel& model, const analyze::QueryModel& query,
                               runtime::AppRuntime& app);
// The streams the query reads (its input stream; a pattern's or join's several).
std::vector<int> streamsRead(const analyze::QueryModel& query);

// Whether the query's results can depend on the playback clock between two events (it reads
// the clock, or has a window or rate limit, which fire timers or stamp rows with the clock).
// Events sent together then have to be processed one by one, the clock moving for each.
bool dependsOnClockBetweenEvents(const analyze::QueryModel& query);

}  // namespace cepheus::plan
