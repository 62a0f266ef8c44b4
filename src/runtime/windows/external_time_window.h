// `#window.externalTime(tsAttr, t)`: a sliding time window whose clock is a long attribute of
// the events. An arrival with attribute time T first expires every held event with
// time + t <= T (oldest first, stopping at the first one still inside), then is added. No
// timers: nothing expires until a later event arrives. Expired rows carry T as their timestamp.
#pragma once

#include "runtime/operator.h"
#include "runtime/windows/window_support.h"

namespace cepheus::runtime {

class ExternalTimeWindow final : public Operator {
 public:
  ExternalTimeWindow(int timeIndex, int64_t duration, size_t width);
  void process(const Chunk& chunk) override;

 private:
  int timeIndex_;
  int64_t duration_;
  RowQueue window_;
  RowBuffer expired_;
  Chunk out_;
};

}  // namespace cepheus::runtime
