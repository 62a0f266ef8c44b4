// The selector's state and scratch, shared by selector.cpp (the general paths) and
// selector_simple.cpp (the paths of the commonest shapes). Private to the runtime.
#pragma once

#include <memory>
#include <vector>

#include "runtime/group_table.h"
#include "runtime/selector.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

// One group's aggregates and their latest results.
struct Selector::Group {
  explicit Group(const AggregateSet& set) : states(set) {}
  AggregateBlock states;
  std::unique_ptr<Value[]> results;  // valid while !stale; made when first needed
  int32_t candidate = -1;            // this chunk's output row of the group, if any
  bool stale = true;
};

// Without group by, one group; with group by, a table of groups by key (groups in order of
// first appearance).
struct Selector::State final : OperatorState {
  State(const Selector& selector) : selector(&selector), single(selector.aggregates_) {
    if (!selector.plan_.groupBy.empty()) table = std::make_unique<GroupTable>(selector.plan_.groupBy.size());
  }

  void snapshot(StateWriter& out) const override {
    const AggregateSet& set = selector->aggregates_;
    if (!table) {
      set.snapshot(single.states.get(), out);
      return;
    }
    out.varint(groups.size());
    for (size_t i = 0; i < groups.size(); ++i) {
      out.values(table->key(static_cast<uint32_t>(i)), table->keyWidth());
      set.snapshot(groups[i]->states.get(), out);
    }
  }
  void restore(StateReader& in) override {
    const AggregateSet& set = selector->aggregates_;
    if (!table) {
      set.restore(single.states.get(), in);
      return;
    }
    size_t n = in.count(table->keyWidth());
    std::vector<Value> key(table->keyWidth());
    for (size_t i = 0; i < n; ++i) {
      in.values(key.data(), key.size());
      size_t h = GroupTable::hash(key.data(), key.size());
      if (table->find(key.data(), h) != GroupTable::kAbsent) StateReader::fail("a group appears twice");
      table->insert(key.data(), h);
      groups.push_back(std::make_unique<Group>(set));
      set.restore(groups.back()->states.get(), in);
    }
  }
  bool canDestroy() const override {
    const AggregateSet& set = selector->aggregates_;
    if (!table) return set.holdsNothing(single.states.get());
    for (const auto& group : groups)
      if (!set.holdsNothing(group->states.get())) return false;
    return true;
  }

  const Selector* selector;
  Group single;                       // without group by
  std::unique_ptr<GroupTable> table;  // with group by: key -> index into groups
  std::vector<std::unique_ptr<Group>> groups;
};

// What one chunk's processing reuses.
struct Selector::Scratch final : runtime::Scratch {
  std::vector<Value> values;          // output rows of this chunk, width values each
  Chunk out;                          // views of values, in output order
  std::vector<Group*> chunkGroups;    // groups with a row in this chunk, first appearance first
  std::vector<Value> key;
  std::vector<uint32_t> ends;         // the parts of a chunk of unrelated arrivals
};

}  // namespace cepheus::runtime
