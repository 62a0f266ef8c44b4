#include "runtime/fault_router.h"

#include <cstdio>
#include <vector>

namespace cepheus::runtime {

void FaultRouter::fault(ExecContext& ctx, const EventRow& row, const std::string& message) const {
  if (!faultStream_) {
    std::fprintf(stderr, "%s: event at ts=%lld dropped: %s\n", where_.c_str(),
                 static_cast<long long>(row.timestamp), message.c_str());
    return;
  }
  // Faults are rare: the fault row is built where it is needed.
  std::vector<Value> values(row.data, row.data + inputWidth_);
  values.push_back(Value::ofString(message));
  Chunk chunk;
  chunk.rows.push_back({values.data(), row.timestamp, EventKind::Current});
  faultStream_->publish(ctx, chunk);
}

}  // namespace cepheus::runtime
