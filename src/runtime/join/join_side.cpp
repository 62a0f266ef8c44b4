#include "runtime/join/join_side.h"

#include "runtime/app_state.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

// What one chunk's joining reuses. The joined events are first collected as pairs of rows;
// their slots and parts are laid out once the count is known, so no pointer handed on moves.
struct JoinSide::Scratch final : runtime::Scratch {
  struct Pending {
    EventRow trigger;
    EventRow other;
    bool hasOther;
  };
  std::vector<EventRow> found;  // the other side's matches of one trigger row
  std::vector<Pending> pending;
  std::vector<uint32_t> ends;   // where each trigger row's part ends in `pending`
  std::vector<EventRow> sides;  // two per joined event: left, right
  std::vector<const EventRow*> slots;  // two per joined event; null for an absent side
  std::vector<EventParts> parts;
  Chunk out;
  const EventRow* scope[2] = {nullptr, nullptr};
};

void JoinSide::process(ExecContext& ctx, const Chunk& chunk) const {
  if (!plan_.triggers) return;  // its rows only fill its window, which the other side searches
  Scratch& scratch = ctx.lane.scratch<Scratch>(id());
  scratch.pending.clear();
  scratch.ends.clear();
  // A table on a store reads the keys of the whole chunk in one batch, and keeps the rows it
  // lent until the joined events have been handed on.
  FindUse use(ctx, *plan_.other);
  if (plan_.other->holdsRows()) plan_.other->prefetch(ctx, plan_.find, chunk, plan_.slot);
  for (const EventRow& row : chunk.rows) {
    if (plan_.zeroLength) {
      if (row.kind == EventKind::Current) addZeroLengthParts(ctx, scratch, row);
    } else {
      addRowParts(ctx, scratch, row);
    }
    if (plan_.onePartAtATime) send(ctx, scratch);
  }
  send(ctx, scratch);
}

void JoinSide::addRowParts(ExecContext& ctx, Scratch& scratch, const EventRow& row) const {
  switch (row.kind) {
    case EventKind::Timer: return;
    case EventKind::Reset:
      scratch.pending.push_back({row, {}, false});
      scratch.ends.push_back(static_cast<uint32_t>(scratch.pending.size()));
      return;
    case EventKind::Current:
    case EventKind::Expired:
      if (findMatches(ctx, scratch, row)) addPart(ctx, scratch, row, scratch.found);
      return;
  }
}

// An arrival, then (when the query takes expired events) the same row expired, then a reset:
// three chunks, as Siddhi's zero-length window emits them. The expired copy finds what the
// arrival found: nothing changes between the two.
void JoinSide::addZeroLengthParts(ExecContext& ctx, Scratch& scratch, const EventRow& arrival) const {
  if (!findMatches(ctx, scratch, arrival)) return;
  const EventRow current{arrival.data, arrival.timestamp, EventKind::Current};
  addPart(ctx, scratch, current, scratch.found);
  if (!plan_.expiredCopies && !plan_.resets) return;
  // Read only when needed: on the wall clock it is a system call per arrival.
  const int64_t now = arrivalTime(ctx.app.clock, arrival);
  if (plan_.expiredCopies) addPart(ctx, scratch, {arrival.data, now, EventKind::Expired}, scratch.found);
  if (plan_.resets) {
    scratch.pending.push_back({{arrival.data, now, EventKind::Reset}, {}, false});
    scratch.ends.push_back(static_cast<uint32_t>(scratch.pending.size()));
  }
}

// False when the condition failed to evaluate (the row is reported and joins nothing).
bool JoinSide::findMatches(ExecContext& ctx, Scratch& scratch, const EventRow& trigger) const {
  scratch.found.clear();
  if (!plan_.other->holdsRows()) return true;
  scratch.scope[plan_.slot] = &trigger;
  scratch.scope[1 - plan_.slot] = nullptr;
  FindScope scope{scratch.scope, nullptr, &trigger};
  try {
    plan_.other->find(ctx, plan_.find, scope, scratch.found);
  } catch (const EvaluationError& e) {
    plan_.faults->fault(ctx, trigger, e.what());
    return false;
  }
  return true;
}

void JoinSide::addPart(ExecContext&, Scratch& scratch, const EventRow& trigger, const std::vector<EventRow>& found) const {
  if (found.empty()) {
    if (!plan_.outer) return;
    scratch.pending.push_back({trigger, {}, false});
  }
  for (const EventRow& match : found) scratch.pending.push_back({trigger, match, true});
  scratch.ends.push_back(static_cast<uint32_t>(scratch.pending.size()));
}

void JoinSide::send(ExecContext& ctx, Scratch& scratch) const {
  const size_t n = scratch.pending.size();
  if (n == 0) return;
  const size_t mine = static_cast<size_t>(plan_.slot), theirs = 1 - mine;
  scratch.sides.resize(2 * n);
  scratch.slots.resize(2 * n);
  scratch.parts.resize(n);
  Chunk& out = scratch.out;
  out.rows.resize(n);
  out.independent = false;
  for (size_t i = 0; i < n; ++i) {
    const Scratch::Pending& p = scratch.pending[i];
    EventRow* sides = &scratch.sides[2 * i];
    const EventRow** slots = &scratch.slots[2 * i];
    sides[mine] = {p.trigger.data, p.trigger.timestamp, p.trigger.kind};
    sides[theirs] = p.other;
    slots[mine] = &sides[mine];
    slots[theirs] = p.hasOther ? &sides[theirs] : nullptr;
    scratch.parts[i] = {slots, nullptr, 2};
    out.rows[i] = {slots[0] ? slots[0]->data : nullptr, p.trigger.timestamp, p.trigger.kind, &scratch.parts[i]};
  }
  emitParts(ctx, out, scratch.ends);
  scratch.pending.clear();
  scratch.ends.clear();
}

void SelfJoinInput::process(ExecContext& ctx, const Chunk& chunk) const {
  if (chunk.rows.size() == 1) {
    left_->process(ctx, chunk);
    right_->process(ctx, chunk);
    return;
  }
  Chunk& one = ctx.lane.chunk(id());
  for (const EventRow& row : chunk.rows) {
    one.rows.assign(1, row);
    one.independent = false;
    left_->process(ctx, one);
    right_->process(ctx, one);
  }
}

}  // namespace cepheus::runtime
