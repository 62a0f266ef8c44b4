// Partial matches: per slot the events a pattern's state accepted (one for a plain state, the
// collected ones for a counting state, none yet), the time of the latest, and whether `within`
// expired it. A match is referenced from the lists of the states waiting for it, and as in
// Siddhi one match can wait in two lists at once (both sides of an `and`, a counting state and
// the state after it): what one state adds is seen by the other. Matches are recycled through a
// free list, and their rows point into the capture pools, so a pattern in steady state
// allocates nothing.
#pragma once

#include <cstdint>
#include <cstddef>
#include <memory>
#include <vector>

#include "runtime/chunk.h"
#include "runtime/pattern/captured_rows.h"

namespace cepheus::runtime::pattern {

struct Match {
  uint32_t refs = 0;       // the state lists holding it, and in-flight holds
  bool expired = false;    // `within` dropped it (Siddhi's EXPIRED state event)
  int64_t timestamp = -1;  // of the latest event it took; -1 while it has none
  std::vector<std::vector<EventRow>> rows;  // per slot
  // What expressions read (EvalContext): per slot its last row (null when empty) and all its rows.
  std::vector<const EventRow*> heads;
  std::vector<RowList> lists;
  EventParts parts;

  explicit Match(size_t slots) : rows(slots), heads(slots, nullptr), lists(slots) {
    parts = {heads.data(), lists.data(), static_cast<uint32_t>(slots)};
  }
  bool has(size_t slot) const { return !rows[slot].empty(); }
  size_t count(size_t slot) const { return rows[slot].size(); }
  const EventRow& first(size_t slot) const { return rows[slot].front(); }
  void sync(size_t slot) {
    auto& r = rows[slot];
    heads[slot] = r.empty() ? nullptr : &r.back();
    lists[slot] = {r.data(), static_cast<uint32_t>(r.size())};
  }
};

// Makes, copies, edits and recycles matches, keeping the reference counts of the events they hold.
// The event being processed is placed in matches as the caller's row while the states test it;
// it is copied into the pool only when a match keeps it (`capturePending`), so an event no match
// wants is never copied.
class MatchStore {
 public:
  // `slotStreams[s]`: the stream (index into `pools`) the events of slot s come from.
  MatchStore(std::vector<uint32_t> slotStreams, std::vector<std::unique_ptr<CapturePool>>& pools)
      : slotStreams_(std::move(slotStreams)), pools_(pools) {}
  ~MatchStore();
  MatchStore(const MatchStore&) = delete;
  MatchStore& operator=(const MatchStore&) = delete;

  size_t slots() const { return slotStreams_.size(); }
  size_t live() const { return all_.size() - free_.size(); }
  size_t capacity() const { return all_.size(); }

  // A match with no events, held by no one.
  Match* make();
  // A copy (same time and expiry, the events of its first `slots` slots), held by no one.
  Match* clone(const Match& m, size_t slots = SIZE_MAX);
  void retain(Match* m) { ++m->refs; }
  void release(Match* m) {
    if (--m->refs == 0) recycle(m);
  }
  // Recycles a match nobody took (one made for a list that refused it).
  void dropIfUnheld(Match* m) {
    if (m->refs == 0) recycle(m);
  }

  // Slot edits (Siddhi's setEvent, addEvent, removeLastEvent). Inline: a state tests each
  // waiting match with set(), and clear() when it does not pass.
  void set(Match& m, size_t slot, const EventRow& row) {
    clear(m, slot);
    append(m, slot, row);
  }
  void clear(Match& m, size_t slot) {
    auto& rows = m.rows[slot];
    if (rows.empty()) return;
    for (const EventRow& row : rows) letGo(slot, row);
    rows.clear();
    m.sync(slot);
  }
  void append(Match& m, size_t slot, const EventRow& row) {
    hold(row);
    m.rows[slot].push_back({row.data, row.timestamp, EventKind::Current});
    m.sync(slot);
  }
  void removeLast(Match& m, size_t slot);
  // Replaces the slot's rows by a copy of `rows` (a restored match).
  void assign(Match& m, size_t slot, std::vector<EventRow> rows);
  // Moves the slot's rows out (with what they hold) and back in: a state that tests an event
  // in place of the one a slot had, and puts the old one back.
  std::vector<EventRow> take(Match& m, size_t slot) {
    std::vector<EventRow> rows = std::move(m.rows[slot]);
    m.rows[slot].clear();
    m.sync(slot);
    return rows;
  }
  void put(Match& m, size_t slot, std::vector<EventRow>&& rows) {
    clear(m, slot);
    m.rows[slot] = std::move(rows);
    m.sync(slot);
  }
  void letGo(size_t slot, std::vector<EventRow>& rows) {
    for (const EventRow& row : rows) letGo(slot, row);
    rows.clear();
  }
  // What an absent state records once its time passed without its event: a row of nulls that no
  // pool owns.
  void setBlank(const Value* blank) { blank_ = blank; }
  EventRow blankRow() const { return {blank_, -1, EventKind::Current}; }

  // The event now being tested: rows pointing at `data` are the caller's, not held.
  void beginArrival(const EventRow& row, uint32_t stream) {
    arrival_ = row;
    arrivalStream_ = stream;
    captured_ = nullptr;
  }
  void endArrival() {
    if (captured_) pools_[arrivalStream_]->release(captured_);
    captured_ = nullptr;
    arrival_.data = nullptr;
  }
  // Makes the match's rows that are the arriving event point at its copy in the pool.
  void captureArrival(Match& m, size_t slot);

 private:
  bool isArrival(const EventRow& row) const { return arrival_.data != nullptr && row.data == arrival_.data; }
  bool unheld(const EventRow& row) const { return isArrival(row) || row.data == blank_; }
  const Value* arrivalCopy();
  void hold(const EventRow& row) {
    if (!unheld(row)) CapturePool::retain(row.data);
  }
  void letGo(size_t slot, const EventRow& row) {
    if (!unheld(row)) pools_[slotStreams_[slot]]->release(row.data);
  }
  void recycle(Match* m);

  std::vector<uint32_t> slotStreams_;
  std::vector<std::unique_ptr<CapturePool>>& pools_;
  std::vector<std::unique_ptr<Match>> all_;
  std::vector<Match*> free_;
  EventRow arrival_{nullptr, 0, EventKind::Current};
  uint32_t arrivalStream_ = 0;
  // The arriving event's copy, once a match kept it; held until the event is done, so a match
  // that lets go of it early does not free it under the others.
  const Value* captured_ = nullptr;
  const Value* blank_ = nullptr;
};

}  // namespace cepheus::runtime::pattern
