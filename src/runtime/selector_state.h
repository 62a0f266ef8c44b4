// The selector's state and scratch, shared by selector.cpp (the general paths) and
// selector_simple.cpp (the paths of the commonest shapes). Private to the runtime.
#pragma once

#include <memory>
#include <vector>

#include "runtime/group_table.h"
#include "runtime/selector.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

// One group's aggregate states: a block of the selector's AggregateSet, which the selector's
// state destroys (a group does not carry a pointer to the set: a partition has groups per key).
struct Selector::Group {
  explicit Group(const AggregateSet& set) : states(set.newBlock()) {}
  std::unique_ptr<std::byte[]> states;
  int32_t candidate = -1;  // this chunk's output row of the group, if any
};

// Without group by, one group; with group by, a table of groups by key (groups in order of
// first appearance), made only for a selector that groups.
struct Selector::State final : OperatorState {
  struct Grouped {
    explicit Grouped(size_t keyWidth) : table(keyWidth) {}
    GroupTable table;  // key -> index into groups
    std::vector<std::unique_ptr<Group>> groups;
  };

  State(const Selector& selector) : selector(&selector), single(selector.aggregates_) {
    if (!selector.plan_.groupBy.empty()) grouped = std::make_unique<Grouped>(selector.plan_.groupBy.size());
  }
  ~State() override {
    const AggregateSet& set = selector->aggregates_;
    set.destroyBlock(single.states.get());
    if (grouped)
      for (const auto& group : grouped->groups) set.destroyBlock(group->states.get());
  }

  Group& addGroup(const Value* key, size_t h) {
    grouped->table.insert(key, h);
    grouped->groups.push_back(std::make_unique<Group>(selector->aggregates_));
    return *grouped->groups.back();
  }

  void snapshot(StateWriter& out) const override {
    const AggregateSet& set = selector->aggregates_;
    if (!grouped) {
      set.snapshot(single.states.get(), out);
      return;
    }
    const GroupTable& table = grouped->table;
    out.varint(grouped->groups.size());
    for (size_t i = 0; i < grouped->groups.size(); ++i) {
      out.values(table.key(static_cast<uint32_t>(i)), table.keyWidth());
      set.snapshot(grouped->groups[i]->states.get(), out);
    }
  }
  void restore(StateReader& in) override {
    const AggregateSet& set = selector->aggregates_;
    if (!grouped) {
      set.restore(single.states.get(), in);
      return;
    }
    const size_t width = grouped->table.keyWidth();
    size_t n = in.count(width);
    std::vector<Value> key(width);
    for (size_t i = 0; i < n; ++i) {
      in.values(key.data(), key.size());
      size_t h = GroupTable::hash(key.data(), key.size());
      if (grouped->table.find(key.data(), h) != GroupTable::kAbsent) StateReader::fail("a group appears twice");
      set.restore(addGroup(key.data(), h).states.get(), in);
    }
  }
  bool canDestroy() const override {
    const AggregateSet& set = selector->aggregates_;
    if (!grouped) return set.holdsNothing(single.states.get());
    for (const auto& group : grouped->groups)
      if (!set.holdsNothing(group->states.get())) return false;
    return true;
  }

  const Selector* selector;
  Group single;                       // without group by
  std::unique_ptr<Grouped> grouped;   // with group by
};

// What one chunk's processing reuses.
struct Selector::Scratch final : runtime::Scratch {
  std::vector<Value> values;          // output rows of this chunk, width values each
  Chunk out;                          // views of values, in output order
  std::vector<Group*> chunkGroups;    // groups with a row in this chunk, first appearance first
  std::vector<Value> key;
  std::vector<Value> results;         // the aggregate results of the row being projected
  std::vector<uint32_t> ends;         // the parts of a chunk of unrelated arrivals
};

}  // namespace cepheus::runtime
