// What every output rate limiter shares. A limiter sits between the selector and the insert and
// sees only output rows (Current or Expired, already chosen by the output event type). Like
// Siddhi's, it works on chunks: what it releases for one input chunk travels as one chunk.
#pragma once

#include <span>
#include <vector>

#include "runtime/operator.h"
#include "runtime/rate_limit/row_store.h"

namespace cepheus::runtime {

// What a limiter reuses between chunks: the chunk it releases and a group key being built.
struct LimiterScratch final : Scratch {
  Chunk out;
  GroupKey key;
};

class RateLimiter : public StatefulOperator {
 public:
  void process(ExecContext& ctx, const Chunk& chunk) const final {
    OperatorState& s = stateIn(ctx.app, ctx.frame);
    // Unrelated arrivals sent together are each a chunk of their own (see Chunk::independent).
    if (chunk.independent) {
      for (const EventRow& row : chunk.rows) processChunk(ctx, s, {&row, 1});
    } else {
      processChunk(ctx, s, chunk.rows);
    }
  }

 protected:
  explicit RateLimiter(std::vector<int> groupColumns = {}) : groupColumns_(std::move(groupColumns)) {}

  virtual void processChunk(ExecContext& ctx, OperatorState& state, std::span<const EventRow> rows) const = 0;

  bool grouped() const { return !groupColumns_.empty(); }
  const std::vector<int>& groupColumns() const { return groupColumns_; }

  LimiterScratch& scratch(ExecContext& ctx) const { return ctx.lane.scratch<LimiterScratch>(id()); }

  // The row's group; the same (empty) key for every row without group by. Valid until the next
  // call with the same scratch.
  const GroupKey& keyOf(LimiterScratch& scratch, const Value* row) const {
    scratch.key.clear();
    for (int column : groupColumns_) scratch.key.push_back(row[column]);
    return scratch.key;
  }
  GroupKey keyOf(const Value* row) const {
    GroupKey key;
    for (int column : groupColumns_) key.push_back(row[column]);
    return key;
  }

  // Releases `rows` as one chunk.
  void release(ExecContext& ctx, const RowStore& rows) const {
    Chunk& out = scratch(ctx).out;
    out.clear();
    rows.appendTo(out);
    emit(ctx, out);
  }

  std::string groupLayout() const {
    std::string text;
    for (int column : groupColumns_) text += "," + std::to_string(column);
    return text;
  }

 private:
  std::vector<int> groupColumns_;
};

}  // namespace cepheus::runtime
