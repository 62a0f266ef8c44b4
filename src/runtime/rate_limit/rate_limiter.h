// What every output rate limiter shares. A limiter sits between the selector and the insert and
// sees only output rows (Current or Expired, already chosen by the output event type). Like
// Siddhi's, it works on chunks: what it releases for one input chunk travels as one chunk.
#pragma once

#include <span>
#include <vector>

#include "runtime/operator.h"
#include "runtime/rate_limit/row_store.h"

namespace cepheus::runtime {

class RateLimiter : public Operator {
 public:
  void process(const Chunk& chunk) final {
    // Unrelated arrivals sent together are each a chunk of their own (see Chunk::independent).
    if (chunk.independent) {
      for (const EventRow& row : chunk.rows) processChunk({&row, 1});
    } else {
      processChunk(chunk.rows);
    }
  }

 protected:
  explicit RateLimiter(std::vector<int> groupColumns = {}) : groupColumns_(std::move(groupColumns)) {}

  virtual void processChunk(std::span<const EventRow> rows) = 0;

  bool grouped() const { return !groupColumns_.empty(); }

  // The row's group; the same (empty) key for every row without group by.
  const GroupKey& keyOf(const EventRow& row) {
    key_.clear();
    for (int column : groupColumns_) key_.push_back(row.data[column]);
    return key_;
  }

  // Releases `rows` as one chunk.
  void release(const RowStore& rows) {
    out_.clear();
    rows.appendTo(out_);
    emit(out_);
  }

  Chunk out_;

 private:
  std::vector<int> groupColumns_;
  GroupKey key_;
};

}  // namespace cepheus::runtime
