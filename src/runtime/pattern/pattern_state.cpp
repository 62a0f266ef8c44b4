#include "runtime/pattern/pattern_state.h"

#include <algorithm>
#include <climits>
#include <string>
#include <unordered_map>

#include "runtime/state/state_io.h"

namespace cepheus::runtime::pattern {

namespace {

std::vector<uint32_t> slotStreams(const PatternPlan& plan) {
  std::vector<uint32_t> out;
  for (const StateDef& s : plan.states) out.push_back(s.stream);
  return out;
}

}  // namespace

void StateRun::takeInArrived() {
  if (arrived.empty()) return;
  if (arrived.size() > 1)
    std::stable_sort(arrived.begin(), arrived.end(), [](const Match* a, const Match* b) {
      int64_t ta = a->timestamp == -1 ? INT64_MAX : a->timestamp;
      int64_t tb = b->timestamp == -1 ? INT64_MAX : b->timestamp;
      return ta < tb;
    });
  pending.insert(pending.end(), arrived.begin(), arrived.end());  // the lists' holds move along
  arrived.clear();
}

PatternState::PatternState(const PatternPlan& plan, Scheduler& scheduler, StateFrame& frame,
                           const std::vector<const TimerTarget*>& timerTargets)
    : plan(plan), store(slotStreams(plan), pools), states(plan.states.size()) {
  for (size_t width : plan.streamWidths) pools.push_back(std::make_unique<CapturePool>(width));
  for (size_t i = 0; i < states.size(); ++i)
    if (timerTargets[i]) states[i].timer = std::make_unique<Timer>(scheduler, *timerTargets[i], frame);
}

PatternState::~PatternState() {
  for (StateRun& s : states) {
    clearList(s.pending);
    clearList(s.arrived);
  }
}

void PatternState::notifyAt(uint32_t i, int64_t time) {
  StateRun& s = states[i];
  s.notifyAt.push_back(time);
  if (s.notifyAt.size() == 1) s.timer->arm(time);
}

size_t PatternState::capturedRows() const {
  size_t n = 0;
  for (const auto& pool : pools) n += pool->live();
  return n;
}

size_t PatternState::poolBytes() const {
  size_t n = 0;
  for (const auto& pool : pools) n += pool->capacityBytes();
  return n;
}

bool PatternState::canDestroy() const {
  for (const StateRun& s : states)
    if (!s.pending.empty() || !s.arrived.empty() || !s.notifyAt.empty() || s.initialized) return false;
  return true;
}

// The events held, per stream, then the matches (by event ids), then each state's lists (by
// match ids) and flags. A match in two lists, or an event in two matches, is written once and
// restored shared, as it was.
void PatternState::snapshot(StateWriter& out) const {
  std::unordered_map<const Match*, uint32_t> matchIds;
  std::vector<const Match*> matches;
  for (const StateRun& s : states)
    for (const auto* list : {&s.pending, &s.arrived})
      for (const Match* m : *list)
        if (matchIds.emplace(m, static_cast<uint32_t>(matches.size())).second) matches.push_back(m);

  std::vector<std::unordered_map<const Value*, uint32_t>> rowIds(pools.size());
  std::vector<std::vector<const EventRow*>> rows(pools.size());
  for (const Match* m : matches)
    for (size_t slot = 0; slot < m->rows.size(); ++slot) {
      uint32_t stream = plan.states[slot].stream;
      for (const EventRow& row : m->rows[slot])
        if (rowIds[stream].emplace(row.data, static_cast<uint32_t>(rows[stream].size())).second)
          rows[stream].push_back(&row);
    }

  out.varint(pools.size());
  for (size_t stream = 0; stream < pools.size(); ++stream) {
    out.varint(rows[stream].size());
    int64_t previous = 0;
    for (const EventRow* row : rows[stream]) {
      out.svarint(row->timestamp - previous);
      previous = row->timestamp;
      out.values(row->data, pools[stream]->width());
    }
  }
  out.varint(matches.size());
  for (const Match* m : matches) {
    out.svarint(m->timestamp);
    out.boolean(m->expired);
    for (size_t slot = 0; slot < m->rows.size(); ++slot) {
      uint32_t stream = plan.states[slot].stream;
      out.varint(m->rows[slot].size());
      for (const EventRow& row : m->rows[slot]) out.varint(rowIds[stream].at(row.data));
    }
  }
  for (const StateRun& s : states) {
    for (const auto* list : {&s.pending, &s.arrived}) {
      out.varint(list->size());
      for (const Match* m : *list) out.varint(matchIds.at(m));
    }
    out.boolean(s.initialized);
    out.boolean(s.started);
    out.boolean(s.returned);
    out.boolean(s.restartStart);
    out.boolean(s.active);
    out.svarint(s.lastScheduled);
    out.svarint(s.lastArrival);
    out.varint(s.notifyAt.size());
    for (int64_t t : s.notifyAt) out.svarint(t);
    if (s.timer) s.timer->snapshot(out);
  }
}

void PatternState::restore(StateReader& in) {
  // A new state has started (fresh matches, timers): the snapshot's replaces it.
  for (StateRun& s : states) {
    clearList(s.pending);
    clearList(s.arrived);
    s.notifyAt.clear();
    if (s.timer) s.timer->cancel();
  }
  if (in.count(1) != pools.size()) StateReader::fail("the pattern reads another number of streams");
  // The restored events, each held once by this table until the matches have taken them.
  std::vector<std::vector<EventRow>> rows(pools.size());
  for (size_t stream = 0; stream < pools.size(); ++stream) {
    size_t n = in.count(1 + pools[stream]->width());
    int64_t previous = 0;
    std::vector<Value> values(pools[stream]->width());
    for (size_t i = 0; i < n; ++i) {
      previous += in.svarint();
      in.values(values.data(), values.size());
      rows[stream].push_back({pools[stream]->capture(values.data()), previous, EventKind::Current});
    }
  }
  std::vector<Match*> matches;
  size_t n = in.count(2);
  for (size_t i = 0; i < n; ++i) {
    Match* m = store.make();
    matches.push_back(m);
    m->timestamp = in.svarint();
    m->expired = in.boolean();
    for (size_t slot = 0; slot < m->rows.size(); ++slot) {
      const auto& table = rows[plan.states[slot].stream];
      size_t count = in.count(1);
      std::vector<EventRow> held;
      for (size_t k = 0; k < count; ++k) {
        uint64_t id = in.varint();
        if (id >= table.size()) StateReader::fail("a partial match holds an event the snapshot does not have");
        held.push_back(table[id]);
      }
      store.assign(*m, slot, std::move(held));
    }
  }
  for (StateRun& s : states) {
    for (auto* list : {&s.pending, &s.arrived}) {
      size_t count = in.count(1);
      for (size_t k = 0; k < count; ++k) {
        uint64_t id = in.varint();
        if (id >= matches.size()) StateReader::fail("a state waits for a partial match the snapshot does not have");
        push(*list, matches[id]);
      }
    }
    s.initialized = in.boolean();
    s.started = in.boolean();
    s.returned = in.boolean();
    s.restartStart = in.boolean();
    s.active = in.boolean();
    s.lastScheduled = in.svarint();
    s.lastArrival = in.svarint();
    size_t times = in.count(1);
    for (size_t k = 0; k < times; ++k) s.notifyAt.push_back(in.svarint());
    if (s.timer) s.timer->restore(in);
  }
  for (Match* m : matches) store.dropIfUnheld(m);
  for (size_t stream = 0; stream < pools.size(); ++stream)
    for (const EventRow& row : rows[stream]) pools[stream]->release(row.data);
}

}  // namespace cepheus::runtime::pattern
