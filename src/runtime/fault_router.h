// Where a query's failed events go: with @OnError(action='STREAM') on the input stream, to
// the fault stream `!S` (S's attributes plus `_error`); otherwise a log line on stderr.
#pragma once

#include <string>

#include "runtime/junction.h"

namespace cepheus::runtime {

class FaultRouter final : public FaultSink {
 public:
  FaultRouter(std::string where, size_t inputWidth, const Junction* faultStream)
      : where_(std::move(where)), inputWidth_(inputWidth), faultStream_(faultStream) {}

  void fault(ExecContext& ctx, const EventRow& row, const std::string& message) const override;

 private:
  std::string where_;
  size_t inputWidth_;
  const Junction* faultStream_;  // null: log and drop
};

}  // namespace cepheus::runtime
