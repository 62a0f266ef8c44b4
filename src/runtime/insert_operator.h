// `insert [current|expired|all] events into S`: the query's rows become ordinary events of S
// (which rows qualify was decided by the selector; downstream they are all CURRENT).
#pragma once

#include "runtime/junction.h"

namespace cepheus::runtime {

class InsertOperator final : public Operator {
 public:
  explicit InsertOperator(Junction* target) : target_(target) {}

  void process(const Chunk& chunk) override {
    bool allCurrent = true;
    for (const EventRow& row : chunk.rows) allCurrent = allCurrent && row.kind == EventKind::Current;
    if (allCurrent) {  // the common case: publish the selector's rows as they are
      if (!chunk.rows.empty()) target_->publish(chunk);
      return;
    }
    out_.rows.clear();
    out_.independent = chunk.independent;
    for (const EventRow& row : chunk.rows)
      if (row.kind == EventKind::Current || row.kind == EventKind::Expired)
        out_.rows.push_back({row.data, row.timestamp, EventKind::Current});
    if (!out_.rows.empty()) target_->publish(out_);
  }

 private:
  Junction* target_;
  Chunk out_;
};

}  // namespace cepheus::runtime
