// What queries share besides streams: the tables and named windows some search (a join side,
// `cond in T`) while others write them (insert into, delete, update). Events of a stream that
// reaches both a search and a write of the same one must be processed one at a time: the
// second event's search has to see the first one's write.
#pragma once

#include "analyze/app_model.h"

namespace cepheus::plan {

// A table (by index) or a named window (by its stream).
struct SharedState {
  bool table = true;
  int index = -1;
  bool operator==(const SharedState&) const = default;
};

// Whether no input stream reaches both a search and a write of one table or named window, so
// events sent together may go through the queries as one chunk.
bool independentOfSharedState(const analyze::AppModel& model);

// Whether `state` is written by `query` or by a query its output reaches.
bool writtenFrom(const analyze::AppModel& model, const analyze::QueryModel& query, SharedState state);

}  // namespace cepheus::plan
