// The end of a named window's chain: hands the window's chunks (current, expired and reset
// rows, kinds kept) to the queries that read the window, keeping only the kinds its
// `output ... events` clause lets out. Reset rows always pass: readers' aggregates follow the
// window's batches.
#pragma once

#include "runtime/junction.h"

namespace cepheus::runtime {

class WindowOutput final : public Operator {
 public:
  WindowOutput(const Junction* readers, bool current, bool expired)
      : readers_(readers), current_(current), expired_(expired) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override {
    if (current_ && expired_) {
      readers_->publish(ctx, chunk);
      return;
    }
    Chunk& out = ctx.lane.chunk(id());
    out.rows.clear();
    for (const EventRow& row : chunk.rows) {
      bool pass = row.kind == EventKind::Current   ? current_
                  : row.kind == EventKind::Expired ? expired_
                                                   : true;
      if (pass) out.rows.push_back(row);
    }
    if (!out.rows.empty()) readers_->publish(ctx, out);
  }

 private:
  const Junction* readers_;
  bool current_;
  bool expired_;
};

}  // namespace cepheus::runtime
