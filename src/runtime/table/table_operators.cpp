#include "runtime/table/table_operators.h"

#include "runtime/app_state.h"

namespace cepheus::runtime {

struct TableChange::Scratch final : runtime::Scratch {
  std::vector<uint32_t> ids;     // the rows one output row changes
  std::vector<Value> assigned;   // the new values of the `set` columns, computed before any is written
  std::vector<Value> updated;    // a full row: the old one with the assignments
};

TableChange::TableChange(Kind kind, const Table& table, FindPlan on, std::vector<SetAssignment> set,
                         const FaultSink* faults)
    : kind_(kind), table_(table), on_(std::move(on)), set_(std::move(set)), faults_(faults) {}

void TableChange::process(ExecContext& ctx, const Chunk& chunk) const {
  Table::State& s = table_.stateOf(ctx.app);
  Scratch& scratch = ctx.lane.scratch<Scratch>(id());
  // A table on a store reads the rows the chunk's `on` probes in one batch.
  FindUse use(ctx, table_);
  table_.prefetch(ctx, on_, chunk, 0);
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
    try {
      change(ctx, s, scratch, row);
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
    }
  }
}

void TableChange::change(ExecContext& ctx, Table::State& s, Scratch& scratch, const EventRow& row) const {
  const EventRow* slots[2] = {&row, nullptr};
  FindScope scope{slots, nullptr, &row};
  scratch.ids.clear();
  table_.findIds(ctx.app, s, on_, scope, scratch.ids);
  if (kind_ == Kind::Delete) {
    for (uint32_t id : scratch.ids) table_.remove(s, id);
    return;
  }
  if (scratch.ids.empty()) {
    if (kind_ == Kind::UpdateOrInsert) table_.insert(ctx, s, row.data, row.timestamp, row);
    return;
  }
  for (uint32_t id : scratch.ids) updateRow(ctx, s, scratch, slots, id, row);
}

void TableChange::updateRow(ExecContext& ctx, Table::State& s, Scratch& scratch, const EventRow* const* slots,
                            uint32_t id, const EventRow& cause) const {
  const EventRow stored = s.rows.view(id);
  const EventRow* scope[2] = {slots[0], &stored};
  const EvalContext eval{scope, nullptr, &ctx.app.clock, nullptr, &ctx.app, slots[0]};
  scratch.assigned.clear();
  for (const SetAssignment& a : set_) scratch.assigned.push_back(a.value->evalValue(eval));
  scratch.updated.assign(stored.data, stored.data + table_.width());
  for (size_t i = 0; i < set_.size(); ++i) scratch.updated[static_cast<size_t>(set_[i].column)] = scratch.assigned[i];
  table_.update(ctx, s, id, scratch.updated.data(), cause);
}

}  // namespace cepheus::runtime
