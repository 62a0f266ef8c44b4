// `#window.session(gap[, keyAttr[, allowedLatency]])`: sessions of events, per key, that stay
// open while each event comes within `gap` of the session's last one.
//
// Arrivals pass through as CURRENT at once. When the clock reaches a session's end (last event
// + gap) the whole session is EXPIRED as one group; sessions of different keys that end by the
// same timer expire in order of end time. With allowedLatency the ended session is kept as the
// "previous" session until end + latency, so late events may still join it (merging it with
// the current session when they bridge the gap). Follows Siddhi's SessionWindowProcessor,
// including its quirks: without latency an event past the end of a session whose timer has not
// fired yet is passed on but not kept, and events too late for any session are dropped.
#pragma once

#include <deque>
#include <unordered_map>
#include <vector>

#include "runtime/operator.h"
#include "runtime/scheduler.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class SessionWindow final : public Operator, public TimerTarget {
 public:
  // keyIndex -1: one session for all events.
  SessionWindow(int64_t gap, int keyIndex, int64_t allowedLatency, size_t width, Scheduler* scheduler);
  void process(const Chunk& chunk) override;
  void onTimer(int64_t due) override;

 private:
  struct Session {
    explicit Session(size_t width) : rows(width) {}
    RowBuffer rows;
    int64_t start = 0, end = 0, alive = 0;
    bool empty() const { return rows.empty(); }
    void set(int64_t s, int64_t e, int64_t a) { start = s, end = e, alive = a; }
  };
  struct Sessions {  // of one key
    explicit Sessions(size_t width) : current(width), previous(width) {}
    Session current;
    Session previous;
  };

  Sessions& sessionsOf(const Value& key);
  // Returns false when the event is too late for any session (it is dropped).
  bool arrive(Sessions& s, const EventRow& row);
  bool arriveLate(Sessions& s, const EventRow& row);
  void merge(Session& previous, Session& next);
  void expire(Session& session);
  void armTimer();

  int64_t gap_;
  int keyIndex_;
  int64_t latency_;
  size_t width_;
  WindowTimer timer_;
  std::deque<Sessions> sessions_;  // in order of the keys' first appearance
  std::unordered_map<Value, size_t, ValueHash> index_;
  std::vector<Sessions*> ending_;  // scratch: sessions ordered by end time
  RowBuffer expired_;
  Chunk out_;
};

}  // namespace cepheus::runtime
