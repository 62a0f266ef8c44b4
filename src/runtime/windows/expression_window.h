// `#window.expression('<condition>')`: a sliding window that keeps as many of the latest
// events as the condition allows (`count() <= 20`, `sum(price) < 100`,
// `eventTimestamp(last) - eventTimestamp(first) < 3000`).
//
// Each arrival is added and the condition evaluated; while it does not hold the oldest event is
// removed (the condition re-evaluated after each removal, with the removed event in slot 0, as
// Siddhi does). The chunk is [removed events as EXPIRED, timestamp = now] then the arrival as
// CURRENT. If the condition never holds the arrival itself ends up expired.
#pragma once

#include "runtime/clock.h"
#include "runtime/operator.h"
#include "runtime/windows/window_condition.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class ExpressionWindow final : public Operator {
 public:
  ExpressionWindow(WindowCondition condition, size_t width, const Clock* clock);
  void process(const Chunk& chunk) override;

 private:
  void arrive(const EventRow& row);

  WindowCondition condition_;
  const Clock* clock_;
  RowQueue window_;
  RowBuffer expired_;  // rows removed by the arrival being processed
  Chunk out_;
};

}  // namespace cepheus::runtime
