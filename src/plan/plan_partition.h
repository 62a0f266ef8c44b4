// A partition: its Partition operator (which holds every key's instance), the junctions its
// queries read the app's streams from, fed by a router per divided stream (or a broadcast for
// a stream it reads without dividing), then its queries, whose stateful operators keep their
// state in each key's frame.
#pragma once

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

void buildPartition(const analyze::AppModel& model, int partition, runtime::AppRuntime& app);

// Where a query reads `stream`: the stream's junction (a named window's output junction), or,
// inside a partition, the partition's junction of it. An inner stream's junction is its own.
runtime::Junction* querySource(const analyze::AppModel& model, const analyze::QueryModel& query, int stream,
                               runtime::AppRuntime& app);

// Where a query writes `stream` (its output, its fault stream): the stream's junction, or,
// inside a parallel partition, an app stream's outbox, which hands the rows back to the app.
runtime::Junction* queryTarget(const analyze::AppModel& model, const analyze::QueryModel& query, int stream,
                               runtime::AppRuntime& app);

}  // namespace cepheus::plan
