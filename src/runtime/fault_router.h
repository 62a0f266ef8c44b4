// Where a query's failed events go: with @OnError(action='STREAM') on the input stream, to
// the fault stream `!S` (S's attributes plus `_error`); otherwise a log line on stderr.
#pragma once

#include <string>
#include <vector>

#include "runtime/junction.h"

namespace cepheus::runtime {

class FaultRouter final : public FaultSink {
 public:
  FaultRouter(std::string where, size_t inputWidth, Junction* faultStream)
      : where_(std::move(where)), inputWidth_(inputWidth), faultStream_(faultStream) {}

  void fault(const EventRow& row, const std::string& message) override;

 private:
  std::string where_;
  size_t inputWidth_;
  Junction* faultStream_;  // null: log and drop
  std::vector<Value> values_;
};

}  // namespace cepheus::runtime
