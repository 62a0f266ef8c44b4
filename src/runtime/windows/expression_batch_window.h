// `#window.expressionBatch('<condition>'[, includeTriggeringEvent[, streamCurrent]])`: batches
// that grow while the condition holds over them (see window_condition.h for what it reads).
//
// Each arrival is added to the condition's aggregates and the condition evaluated. While it
// holds the arrival joins the batch and nothing is emitted. When it fails the aggregates are
// reset and given the arrival again (so the next batch's aggregates start from it, even when
// it is emitted with the closing batch — Siddhi's behaviour, kept), and one chunk is emitted
// without a RESET row (Siddhi emits none; the expired rows take the batch out of aggregates):
// * default: [previous batch as EXPIRED, this batch as CURRENT], all stamped with the flush
//   time; the arrival starts the next batch. With includeTriggeringEvent the arrival is
//   emitted (CURRENT, own timestamp) and expired with the closing batch, and the next batch
//   starts empty. If the condition fails with the batch empty, the arrival is emitted as
//   EXPIRED then CURRENT and kept nowhere.
// * streamCurrent: every arrival is emitted as CURRENT when it comes; a flush emits the held
//   events as EXPIRED and the arrival as CURRENT (the arrival starts the next batch), or with
//   includeTriggeringEvent [arrival CURRENT, held events EXPIRED, arrival EXPIRED].
#pragma once

#include "runtime/join/window_content.h"
#include "runtime/operator.h"
#include "runtime/windows/window_condition.h"

namespace cepheus::runtime {

class ExpressionBatchWindow final : public StatefulOperator, public WindowContent {
 public:
  ExpressionBatchWindow(WindowCondition condition, std::string text, bool includeTrigger, bool streamCurrent,
                        size_t width)
      : condition_(std::move(condition)),
        text_(std::move(text)),
        includeTrigger_(includeTrigger),
        streamCurrent_(streamCurrent),
        width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  void heldRows(const OperatorState& state, std::vector<EventRow>& out) const override;
  std::string stateLayout() const override;

 private:
  struct State;
  void arrive(ExecContext& ctx, State& s, const EventRow& row) const;
  void flushBatch(ExecContext& ctx, State& s, Chunk& out, const EventRow& arrival, int64_t now) const;
  void flushStreamed(ExecContext& ctx, State& s, Chunk& out, const EventRow& arrival, int64_t now) const;

  WindowCondition condition_;
  std::string text_;  // the condition as written
  bool includeTrigger_;
  bool streamCurrent_;
  size_t width_;
};

}  // namespace cepheus::runtime
