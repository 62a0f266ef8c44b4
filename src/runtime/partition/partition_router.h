// Where an app stream enters a partition. A divided stream's router reads each event's key
// (a value, or the labels of the ranges it meets) and delivers the event, in its key's instance,
// to the partition's junction of that stream, which the partition's queries read. Consecutive
// events of one key stay one chunk, as in Siddhi; an event without a key (a null value, no
// range met) is dropped, as in Siddhi. A stream the partition reads but does not divide goes to
// every live instance, oldest first.
#pragma once

#include <memory>
#include <vector>

#include "runtime/evaluator.h"
#include "runtime/junction.h"
#include "runtime/partition/partition.h"
#include "runtime/row_value.h"

namespace cepheus::runtime {

class ShardedPartitionState;

class PartitionRouter final : public Operator {
 public:
  struct Range {
    std::unique_ptr<BoolEvaluator> condition;
    Value label;
  };
  // By value; `asText`: the key is the value's text (keys of different types meet that way).
  PartitionRouter(const Partition& partition, const Junction& target, RowValue value, bool asText,
                  const FaultSink* faults)
      : partition_(partition), target_(target), value_(std::move(value)), byValue_(true), asText_(asText), faults_(faults) {}
  // By ranges.
  PartitionRouter(const Partition& partition, const Junction& target, std::vector<Range> ranges,
                  const FaultSink* faults)
      : partition_(partition), target_(target), ranges_(std::move(ranges)), faults_(faults) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;

 private:
  struct Scratch;
  void routeByValue(ExecContext& ctx, Scratch& s, const Chunk& chunk) const;
  void routeByRanges(ExecContext& ctx, Scratch& s, const Chunk& chunk) const;
  // The row goes to the run being gathered, or starts the next run.
  void add(ExecContext& ctx, Scratch& s, const Value& key, size_t hash, const EventRow& row) const;
  void flush(ExecContext& ctx, Scratch& s) const;
  void toShard(ShardedPartitionState& sharded, Scratch& s, const Value& key, size_t hash, const EventRow& row) const;
  void postBatches(ExecContext& ctx, Scratch& s) const;
  // The key is a plain attribute of the row, as it is (not turned into text).
  bool keyInRow() const { return byValue_ && value_.direct >= 0 && !asText_; }

  const Partition& partition_;
  const Junction& target_;
  RowValue value_;  // by value: a plain attribute is read in place, not through an evaluator
  bool byValue_ = false;
  bool asText_ = false;
  std::vector<Range> ranges_;
  const FaultSink* faults_;
};

class PartitionBroadcast final : public Operator {
 public:
  PartitionBroadcast(const Partition& partition, const Junction& target) : partition_(partition), target_(target) {}

  void process(ExecContext& ctx, const Chunk& chunk) const override;

 private:
  const Partition& partition_;
  const Junction& target_;
};

}  // namespace cepheus::runtime
