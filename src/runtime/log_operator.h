// `#log([priority,] [message,] [is.event.logged])`: writes each event to stderr and passes it on.
#pragma once

#include <cstdio>
#include <string>

#include "runtime/operator.h"

namespace cepheus::runtime {

class LogOperator final : public Operator {
 public:
  LogOperator(std::string prefix, size_t width) : prefix_(std::move(prefix)), width_(width) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override {
    for (const EventRow& row : chunk.rows) {
      if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
      std::string line = prefix_ + " ts=" + std::to_string(row.timestamp) +
                         (row.kind == EventKind::Expired ? " expired" : "") + " data=[";
      for (size_t i = 0; i < width_; ++i) line += (i ? ", " : "") + row.data[i].toString();
      std::fprintf(stderr, "%s]\n", line.c_str());
    }
    emit(ctx, chunk);
  }

 private:
  std::string prefix_;
  size_t width_;
};

}  // namespace cepheus::runtime
