#include "runtime/fault_router.h"

#include <cstdio>

namespace cepheus::runtime {

void FaultRouter::fault(const EventRow& row, const std::string& message) {
  if (!faultStream_) {
    std::fprintf(stderr, "%s: event at ts=%lld dropped: %s\n", where_.c_str(),
                 static_cast<long long>(row.timestamp), message.c_str());
    return;
  }
  values_.assign(row.data, row.data + inputWidth_);
  values_.push_back(Value::ofString(message));
  Chunk chunk;
  chunk.rows.push_back({values_.data(), row.timestamp, EventKind::Current});
  faultStream_->publish(chunk);
}

}  // namespace cepheus::runtime
