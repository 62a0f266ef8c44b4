// The elements whose state snapshots save (queries and named windows), and the identities they
// are saved under. A query named with @info(name=...) is known by its name, so it keeps its
// state through any edit that leaves its state's layout alone; an unnamed one by a fingerprint
// of its text (tokens only: layout and comments do not count) and of the schema it reads.
#pragma once

#include <vector>

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

using StatefulOperators = std::vector<const runtime::StatefulOperator*>;

runtime::StateElement queryElement(const analyze::AppModel& model, const analyze::QueryModel& query,
                                   StatefulOperators operators);

// A partition is saved as one element, holding every key's states of all its queries.
std::string partitionIdentity(const analyze::AppModel& model, const analyze::PartitionModel& partition);

runtime::StateElement namedWindowElement(const StreamInfo& stream, const analyze::NamedWindowModel& window,
                                         StatefulOperators operators);

}  // namespace cepheus::plan
