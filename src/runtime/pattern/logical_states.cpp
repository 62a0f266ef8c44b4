// Both sides of `e1=A and e2=B` and `e1=A or e2=B`. One match waits at both sides at once: the
// side its event arrives at fills its slot, and the match completes once the other side is
// filled too (`and`) or at once (`or`, the other reference staying null).
#include "runtime/pattern/pattern_run.h"

namespace cepheus::runtime::pattern {

void PatternRun::logicalAddState(uint32_t i, Match* m) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  StateRun& partner = run(static_cast<uint32_t>(d.partner));
  if (d.isStart || plan_.sequence) {
    if (s.arrived.empty()) st_.push(s.arrived, m);
    if (partner.arrived.empty()) st_.push(partner.arrived, m);
  } else {
    st_.push(s.arrived, m);
    st_.push(partner.arrived, m);
  }
}

void PatternRun::logicalAddEveryState(uint32_t i, Match* source) {
  const StateDef& d = def(i);
  Match* m = store_.clone(*source, d.slot);  // without this state's slot and those after it
  m->expired = false;
  store_.clear(*m, def(static_cast<uint32_t>(d.partner)).slot);
  st_.push(run(i).arrived, m);
  st_.push(run(static_cast<uint32_t>(d.partner)).arrived, m);
}

void PatternRun::logicalUpdateState(uint32_t i) {
  // Both sides take in what was handed to them.
  run(i).takeInArrived();
  run(static_cast<uint32_t>(def(i).partner)).takeInArrived();
}

void PatternRun::logicalResetState(uint32_t i) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  StateRun& partner = run(static_cast<uint32_t>(d.partner));
  if (d.logical != LogicalType::Or && s.pending.size() != partner.pending.size()) return;
  st_.clearList(s.pending);
  st_.clearList(partner.pending);
  if (d.isStart && s.arrived.empty()) {
    if (plan_.sequence && d.nextEvery < 0 && d.next >= 0 && !run(static_cast<uint32_t>(d.next)).pending.empty())
      return;
    initState(i);
  }
}

void PatternRun::logicalProcessAndReturn(uint32_t i, const EventRow& row, std::vector<Match*>& returned) {
  const StateDef& d = def(i);
  StateRun& s = run(i);
  const uint32_t partnerSlot = def(static_cast<uint32_t>(d.partner)).slot;
  size_t kept = 0;
  for (size_t k = 0; k < s.pending.size(); ++k) {
    Match* m = s.pending[k];
    if (d.logical == LogicalType::Or && m->has(partnerSlot)) {  // the other side completed it
      store_.release(m);
      continue;
    }
    store_.set(*m, d.slot, row);
    process(i, *m);
    takeIfReturned(i, m, returned);
    bool keep = true;
    if (s.changed) {
      keep = false;
    } else {
      store_.clear(*m, d.slot);
      if (plan_.sequence) keep = false;
    }
    store_.captureArrival(*m, d.slot);
    if (keep) {
      s.pending[kept++] = m;
    } else {
      store_.release(m);
    }
  }
  s.pending.resize(kept);
}

void PatternRun::logicalPost(uint32_t i, Match& m) {
  const StateDef& d = def(i);
  const uint32_t partner = static_cast<uint32_t>(d.partner);
  const StateDef& other = def(partner);
  bool proceed = true;
  if (d.logical == LogicalType::And) {
    proceed = other.kind == StateKind::AbsentLogical ? partnerCanProceed(partner, m) : m.has(other.slot);
    if (!proceed) {
      run(i).changed = true;  // this side is done; the match waits at the other
      return;
    }
  }
  streamPost(i, m);
  // The pattern's first state hears of emitted matches from the last state's post side, which
  // for a logical pair is the other side. Siddhi tells it for `or` only, so `e1=A and e2=B` as
  // the first state never completes when B arrives first. Cepheus: for `and` too, so both
  // orders complete, as Siddhi's documentation says they do.
  if (other.emits && d.thisLast == static_cast<int>(partner)) run(partner).returned = true;
}

}  // namespace cepheus::runtime::pattern
