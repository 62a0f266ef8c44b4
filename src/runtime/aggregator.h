// Attribute aggregators (sum, count, avg, ...): add on CURRENT, remove on EXPIRED, clear on
// RESET. An Aggregator is a definition, immutable and shared; what it holds for one group is a
// plain state in a block of memory the caller owns (see AggregateSet), so a group's aggregates
// cost one allocation and no object each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/value.h"

namespace cepheus::runtime {

class StateReader;
class StateWriter;

enum class AggregateKind {
  Count, Sum, Avg, Min, Max, MinForever, MaxForever, DistinctCount, StdDev, And, Or, UnionSet,
  // The aggregates of Siddhi's execution extensions (extension_aggregators.cpp).
  GroupConcat,        // str:groupConcat
  Percentile,         // math:percentile
  JsonGroup,          // json:group (a string of JSON)
  JsonGroupAsObject,  // json:groupAsObject (a JSON object value)
};

// The constant parameters of an aggregator, fixed by its call: definition data, shared by every
// group, never state. Only the extensions' aggregates have any.
struct AggregateParams {
  enum class Order : uint8_t { Arrival, Ascending, Descending };
  // str:groupConcat: what goes between keys; each key once; the keys' order (Arrival: the order
  // a key first arrived in while it is held, as the extension's LinkedHashMap keeps them).
  std::string separator = ",";
  bool distinct = false;  // also json:group(AsObject)
  Order order = Order::Arrival;
  // str:groupConcat with a separator argument: a null key is held as the text "null" (the
  // extension's String.valueOf); with the key alone it is skipped.
  bool nullAsText = false;
  double percentile = 50;  // math:percentile: 0 < p <= 100
  // json:group(AsObject): the member name the array is enclosed in, written as a JSON string
  // (quotes included); none: the result is the array itself.
  std::optional<std::string> enclosing;
};

// Aggregators whose state the selector updates inline (aggregate_states.h).
enum class AggregateFast : uint8_t { None, Count, SumLong, SumDouble, Avg };

class Aggregator {
 public:
  virtual ~Aggregator() = default;
  size_t stateSize() const { return size_; }
  size_t stateAlign() const { return align_; }

  virtual void construct(void* state) const = 0;
  virtual void destroy(void* state) const = 0;
  virtual void add(void* state, const Value& v) const = 0;
  virtual void remove(void* state, const Value& v) const = 0;
  virtual void reset(void* state) const = 0;
  virtual Value result(const void* state) const = 0;
  // Holds nothing that a later result could show (a group that can be forgotten).
  virtual bool holdsNothing(const void* state) const = 0;
  virtual void snapshot(const void* state, StateWriter& out) const = 0;
  virtual void restore(void* state, StateReader& in) const = 0;
  // Names the kind and argument type, for snapshot layouts.
  virtual const char* name() const = 0;
  virtual AggregateFast fast() const = 0;

 protected:
  Aggregator(size_t size, size_t align) : size_(size), align_(align) {}

 private:
  size_t size_;
  size_t align_;
};

// `argType` is the type of the aggregated argument (Long for count()). `arrivalOrderExpiry`:
// values are removed in the order they were added (true for every window but sort, session and
// the frequency windows), which lets min/max use a monotonic deque.
// `params`: the call's constant parameters (the extensions' aggregates).
std::unique_ptr<Aggregator> makeAggregator(AggregateKind kind, Type argType, bool arrivalOrderExpiry,
                                           const AggregateParams& params = {});

// The states of a fixed list of aggregators laid out in one block: one block per group.
class AggregateSet {
 public:
  explicit AggregateSet(std::vector<std::unique_ptr<Aggregator>> aggregators);

  size_t size() const { return aggregators_.size(); }
  const Aggregator& at(size_t i) const { return *aggregators_[i]; }
  size_t blockSize() const { return blockSize_; }

  // A block of fresh states (blockSize() bytes, suitably aligned) and its end.
  std::unique_ptr<std::byte[]> newBlock() const;
  void destroyBlock(std::byte* block) const;

  size_t offset(size_t i) const { return offsets_[i]; }
  void add(std::byte* block, size_t i, const Value& v) const { aggregators_[i]->add(block + offsets_[i], v); }
  void remove(std::byte* block, size_t i, const Value& v) const { aggregators_[i]->remove(block + offsets_[i], v); }
  Value result(const std::byte* block, size_t i) const { return aggregators_[i]->result(block + offsets_[i]); }
  void reset(std::byte* block) const;
  bool holdsNothing(const std::byte* block) const;
  void snapshot(const std::byte* block, StateWriter& out) const;
  void restore(std::byte* block, StateReader& in) const;
  std::string layout() const;

 private:
  std::vector<std::unique_ptr<Aggregator>> aggregators_;
  std::vector<size_t> offsets_;
  size_t blockSize_ = 0;
};

// One group's aggregate states: a block of an AggregateSet, destroyed with it.
class AggregateBlock {
 public:
  explicit AggregateBlock(const AggregateSet& set) : set_(&set), block_(set.newBlock()) {}
  ~AggregateBlock() {
    if (block_) set_->destroyBlock(block_.get());
  }
  AggregateBlock(AggregateBlock&&) noexcept = default;
  AggregateBlock& operator=(AggregateBlock&&) = delete;

  std::byte* get() { return block_.get(); }
  const std::byte* get() const { return block_.get(); }

 private:
  const AggregateSet* set_;
  std::unique_ptr<std::byte[]> block_;
};

}  // namespace cepheus::runtime
