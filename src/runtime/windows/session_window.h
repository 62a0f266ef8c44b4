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

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class RowBuffer;

class SessionWindow final : public StatefulOperator, public WindowContent {
 public:
  // keyIndex -1: one session for all events.
  SessionWindow(int64_t gap, int keyIndex, int64_t allowedLatency, size_t width)
      : gap_(gap), keyIndex_(keyIndex), latency_(allowedLatency), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override {
    return "session(" + std::to_string(gap_) + ", " + std::to_string(keyIndex_) + ", " + std::to_string(latency_) + ")";
  }

 private:
  struct Session;
  struct Sessions;
  struct State;
  struct Scratch;

  // Returns false when the event is too late for any session (it is dropped).
  bool arrive(Sessions& s, const EventRow& row, RowBuffer& expired) const;
  bool arriveLate(Sessions& s, const EventRow& row) const;
  void merge(Session& previous, Session& next) const;
  void armTimer(State& state) const;

  int64_t gap_;
  int keyIndex_;
  int64_t latency_;
  size_t width_;
};

}  // namespace cepheus::runtime
