// `#window.externalTimeBatch(tsAttr, t[, startTime[, timeout[, replaceTs]]])`: tumbling
// batches [start + k*t, start + (k+1)*t) by a long attribute of the events.
//
// start is the first event's attribute time (or the given constant/attribute, aligned like
// timeBatch). An event at or past the batch end closes it: one chunk with the previous batch
// as EXPIRED, a RESET and the batch as CURRENT; the event opens the next batch, whose end is
// aligned to the latest attribute time seen. With a timeout, a timer closes the batch when no
// event arrives for that long; events that then arrive before the batch end are re-emitted
// together with the already flushed part when the batch finally closes (Siddhi's "append").
// replaceTs writes the batch end into the time attribute of stored events.
#pragma once

#include <optional>

#include "runtime/join/window_content.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

class ExternalTimeBatchWindow final : public StatefulOperator, public WindowContent {
 public:
  struct Start {
    std::optional<int64_t> constant;  // startTime given as a constant
    int attribute = -1;                // startTime read from this attribute of the first event
  };
  ExternalTimeBatchWindow(int timeIndex, int64_t duration, Start start, int64_t timeout, bool replaceTimestamp,
                          size_t width)
      : timeIndex_(timeIndex),
        duration_(duration),
        start_(start),
        timeout_(timeout),
        replaceTimestamp_(replaceTimestamp),
        width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  void onTimer(ExecContext& ctx, int64_t due) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  void begin(ExecContext& ctx, State& s, const EventRow& first) const;
  void add(State& s, const EventRow& row) const;
  // Emits [expired previous batch, reset, batch]; the batch becomes the expired one.
  void flush(ExecContext& ctx, State& s, int64_t time) const;
  // After a timeout flush: emits [expired flushed part, reset, flushed part and new events as
  // current]; the new events join the expired set.
  void flushAppending(ExecContext& ctx, State& s, int64_t time) const;
  void scheduleTimeout(ExecContext& ctx, State& s) const;

  int timeIndex_;
  int64_t duration_;
  Start start_;
  int64_t timeout_;
  bool replaceTimestamp_;
  size_t width_;
};

}  // namespace cepheus::runtime
