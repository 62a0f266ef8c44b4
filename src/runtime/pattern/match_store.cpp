#include "runtime/pattern/match_store.h"

namespace cepheus::runtime::pattern {

MatchStore::~MatchStore() {
  // The pools outlive the store (the state owns both): give back what live matches hold.
  for (auto& m : all_)
    for (size_t s = 0; s < m->rows.size(); ++s) clear(*m, s);
}

Match* MatchStore::make() {
  if (free_.empty()) {
    all_.push_back(std::make_unique<Match>(slots()));
    return all_.back().get();
  }
  Match* m = free_.back();
  free_.pop_back();
  return m;
}

Match* MatchStore::clone(const Match& source, size_t slots) {
  Match* m = make();
  m->expired = source.expired;
  m->timestamp = source.timestamp;
  for (size_t s = 0; s < source.rows.size() && s < slots; ++s) {
    auto& rows = m->rows[s];
    for (const EventRow& row : source.rows[s]) {
      // A copy may outlive the event being processed: it holds the event's pooled copy.
      if (isArrival(row)) {
        rows.push_back({arrivalCopy(), row.timestamp, EventKind::Current});
      } else {
        hold(row);
        rows.push_back(row);
      }
    }
    m->sync(s);
  }
  return m;
}

void MatchStore::recycle(Match* m) {
  for (size_t s = 0; s < m->rows.size(); ++s) clear(*m, s);
  m->expired = false;
  m->timestamp = -1;
  free_.push_back(m);
}

void MatchStore::removeLast(Match& m, size_t slot) {
  auto& rows = m.rows[slot];
  if (rows.empty()) return;
  letGo(slot, rows.back());
  rows.pop_back();
  m.sync(slot);
}

void MatchStore::assign(Match& m, size_t slot, std::vector<EventRow> rows) {
  clear(m, slot);
  for (const EventRow& row : rows) hold(row);
  m.rows[slot] = std::move(rows);
  m.sync(slot);
}

const Value* MatchStore::arrivalCopy() {
  if (!captured_) captured_ = pools_[arrivalStream_]->capture(arrival_.data);  // held by the arrival
  CapturePool::retain(captured_);
  return captured_;
}

void MatchStore::captureArrival(Match& m, size_t slot) {
  auto& rows = m.rows[slot];
  bool changed = false;
  for (EventRow& row : rows) {
    if (!isArrival(row)) continue;
    row.data = arrivalCopy();
    changed = true;
  }
  if (changed) m.sync(slot);
}

}  // namespace cepheus::runtime::pattern
