// `insert [current|expired|all] events into S`: the query's rows become ordinary events of S
// (which rows qualify was decided by the selector; downstream they are all CURRENT).
#pragma once

#include "runtime/junction.h"

namespace cepheus::runtime {

class InsertOperator final : public Operator {
 public:
  explicit InsertOperator(const Junction* target) : target_(target) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override {
    bool allCurrent = true;
    for (const EventRow& row : chunk.rows) allCurrent = allCurrent && row.kind == EventKind::Current;
    if (allCurrent) {  // the common case: publish the selector's rows as they are
      if (!chunk.rows.empty()) target_->publish(ctx, chunk);
      return;
    }
    Chunk& out = ctx.lane.chunk(id());
    out.rows.clear();
    out.independent = chunk.independent;
    for (const EventRow& row : chunk.rows)
      if (row.kind == EventKind::Current || row.kind == EventKind::Expired)
        out.rows.push_back({row.data, row.timestamp, EventKind::Current});
    if (!out.rows.empty()) target_->publish(ctx, out);
  }

 private:
  const Junction* target_;
};

}  // namespace cepheus::runtime
