// The selector's paths for the commonest shapes: one group (or one group-by attribute), common
// aggregates over attributes, outputs that are attributes or aggregates. Each is a single loop
// with the aggregates updated inline; the general paths in selector.cpp give the same rows.
#include "runtime/aggregate_states.h"
#include "runtime/app_state.h"
#include "runtime/selector_state.h"

namespace cepheus::runtime {

// The commonest aggregating query, in one loop: one group (no group by, no having), every
// aggregate a common kind over an attribute, every output an attribute or an aggregate. Each
// part's one output row is its last qualifying row, projected with the aggregates computed
// right into it.
void Selector::processSimpleParts(ExecContext& ctx, Scratch& scratch, const Chunk& chunk,
                                  std::span<const uint32_t> ends) const {
  Group& group = state<State>(ctx).single;
  std::byte* states = group.states.get();
  group.stale = true;
  const EventRow* rows = chunk.rows.data();
  std::vector<Value>& values = scratch.values;
  uint32_t from = 0;
  for (uint32_t end : ends) {
    // The part's output is its last qualifying row, with the aggregates as they are right after
    // that row (an expired row before the arrival, or a sort window's arrival before its expiry).
    uint32_t last = end;
    for (uint32_t r = end; r-- > from;) {
      if (qualifies(rows[r].kind)) {
        last = r;
        break;
      }
    }
    for (uint32_t r = from; r < end; ++r) {
      const EventRow& row = rows[r];
      if (row.kind == EventKind::Reset) {
        aggregates_.reset(states);
        continue;
      }
      if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
      const bool adding = row.kind == EventKind::Current;
      for (const AggregateStep& step : steps_)
        aggregates::updateInline(step.fast, states + step.offset, step.direct >= 0 ? row.data[step.direct] : one_, adding);
      if (r != last) continue;
      const Value* start = values.data() + values.size();
      for (const RowValue& p : plan_.projections) {
        if (p.direct >= 0) {
          values.push_back(row.data[p.direct]);
        } else {
          const AggregateStep& step = steps_[p.aggregate];
          values.push_back(aggregates::resultInline(step.fast, states + step.offset));
        }
      }
      scratch.out.rows.push_back({start, row.timestamp, row.kind});
    }
    from = end;
  }
}

// A one-row chunk of a query grouped by one attribute, whose aggregates are common kinds over
// attributes and whose outputs are attributes or aggregates: the group is found by hashing the
// attribute in place, its aggregates updated inline, and an output row projected only when the
// row qualifies.
void Selector::processSimpleGroupedRow(ExecContext& ctx, const EventRow& row) const {
  if (row.kind != EventKind::Current && row.kind != EventKind::Expired) {
    if (row.kind == EventKind::Reset) resetAll(ctx);
    return;
  }
  State& s = state<State>(ctx);
  const Value* key = &row.data[groupKey_];
  const size_t h = GroupTable::hash(key, 1);
  uint32_t index = s.table->find(key, h);
  if (index == GroupTable::kAbsent) {
    index = s.table->insert(key, h);
    s.groups.push_back(std::make_unique<Group>(aggregates_));
  }
  Group& group = *s.groups[index];
  std::byte* states = group.states.get();
  group.stale = true;
  const bool adding = row.kind == EventKind::Current;
  for (const AggregateStep& step : steps_)
    aggregates::updateInline(step.fast, states + step.offset, step.direct >= 0 ? row.data[step.direct] : one_, adding);
  if (!qualifies(row.kind)) return;
  Scratch& scratch = ctx.lane.scratch<Scratch>(id());
  std::vector<Value>& values = scratch.values;
  values.clear();
  for (const RowValue& p : plan_.projections) {
    if (p.direct >= 0) {
      values.push_back(row.data[p.direct]);
    } else {
      const AggregateStep& step = steps_[p.aggregate];
      values.push_back(aggregates::resultInline(step.fast, states + step.offset));
    }
  }
  scratch.out.rows.clear();
  scratch.out.rows.push_back({values.data(), row.timestamp, row.kind});
  emit(ctx, scratch.out);
}

}  // namespace cepheus::runtime
