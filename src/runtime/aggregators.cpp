// The built-in aggregators (feature inventory §7). Nulls are ignored except by count(). Each
// aggregator is a plain state struct; AggregatorFor<S> is the definition that runs it in a
// block of memory it does not own.
#include <cmath>
#include <map>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/aggregate_states.h"
#include "runtime/aggregator.h"
#include "runtime/extension_aggregators.h"
#include "runtime/set_object.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

namespace {

using aggregates::Avg;
using aggregates::Count;
using aggregates::Sum;

template <class S>
class AggregatorFor final : public Aggregator {
 public:
  explicit AggregatorFor(const char* name) : Aggregator(sizeof(S), alignof(S)), name_(name) {}
  void construct(void* p) const override { new (p) S(); }
  void destroy(void* p) const override { of(p).~S(); }
  void add(void* p, const Value& v) const override { of(p).add(v); }
  void remove(void* p, const Value& v) const override { of(p).remove(v); }
  void reset(void* p) const override { of(p).reset(); }
  Value result(const void* p) const override { return of(p).result(); }
  bool holdsNothing(const void* p) const override { return of(p).holdsNothing(); }
  void snapshot(const void* p, StateWriter& out) const override { of(p).snapshot(out); }
  void restore(void* p, StateReader& in) const override { of(p).restore(in); }
  const char* name() const override { return name_; }
  AggregateFast fast() const override {
    if constexpr (requires { S::kFast; }) {
      return S::kFast;
    } else {
      return AggregateFast::None;
    }
  }

 private:
  static S& of(void* p) { return *static_cast<S*>(p); }
  static const S& of(const void* p) { return *static_cast<const S*>(p); }
  const char* name_;
};

// Population standard deviation (divides by n), via Welford's update and its inverse.
struct StdDev {
  int64_t n = 0;
  double mean = 0, m2 = 0;
  void add(const Value& v) {
    if (v.isNull()) return;
    double x = v.toDouble();
    ++n;
    double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  void remove(const Value& v) {
    if (v.isNull()) return;
    if (n <= 1) {
      reset();
      return;
    }
    double x = v.toDouble();
    double oldMean = (n * mean - x) / (n - 1);
    m2 -= (x - mean) * (x - oldMean);
    mean = oldMean;
    --n;
  }
  void reset() {
    n = 0;
    mean = m2 = 0;
  }
  Value result() const {
    if (n == 0) return Value();
    return Value::ofDouble(n == 1 ? 0.0 : std::sqrt(std::max(0.0, m2 / n)));
  }
  bool holdsNothing() const { return n == 0; }
  void snapshot(StateWriter& out) const {
    out.svarint(n);
    out.f64(mean);
    out.f64(m2);
  }
  void restore(StateReader& in) {
    n = in.svarint();
    mean = in.f64();
    m2 = in.f64();
  }
};

// The order min/max compare values by: integers as integers (a double cannot tell large longs
// apart), everything else as doubles.
inline long double extremeKey(const Value& v) {
  return (v.tag() == Value::Tag::Int || v.tag() == Value::Tag::Long) ? static_cast<long double>(v.asLong())
                                                                       : static_cast<long double>(v.toDouble());
}

// Sliding min/max for windows that expire in arrival order (length, time, batches): a monotonic
// deque of candidates. Each value is pushed once and popped once (amortised O(1)), kept in a
// ring that only grows to the window's size, so steady state allocates nothing.
template <bool Max>
struct MonotonicExtreme {
  struct Candidate {
    uint64_t sequence = 0;
    Value value;
  };
  std::vector<Candidate> ring;
  size_t head = 0;
  size_t size = 0;
  uint64_t added = 0;    // sequence number of the next value added
  uint64_t removed = 0;  // sequence number of the next value removed (arrival order)

  static bool dominated(const Value& old, const Value& incoming) {
    return Max ? extremeKey(old) <= extremeKey(incoming) : extremeKey(old) >= extremeKey(incoming);
  }
  Candidate& at(size_t i) { return ring[(head + i) % ring.size()]; }
  const Candidate& at(size_t i) const { return ring[(head + i) % ring.size()]; }
  void push(uint64_t sequence, const Value& v) {
    if (size == ring.size()) grow();
    at(size++) = {sequence, v};
  }
  void grow() {
    std::vector<Candidate> bigger(std::max<size_t>(4, ring.size() * 2));
    for (size_t i = 0; i < size; ++i) bigger[i] = std::move(at(i));
    ring = std::move(bigger);
    head = 0;
  }

  void add(const Value& v) {
    uint64_t sequence = added++;
    if (v.isNull()) return;
    // Drop candidates the new value dominates: they can never be the extreme again.
    while (size > 0 && dominated(at(size - 1).value, v)) {
      at(size - 1).value = Value();
      --size;
    }
    push(sequence, v);
  }
  void remove(const Value&) {
    uint64_t sequence = removed++;
    if (size > 0 && at(0).sequence == sequence) {
      at(0).value = Value();
      head = (head + 1) % ring.size();
      --size;
    }
  }
  void reset() {
    for (auto& c : ring) c.value = Value();
    size = 0;
    head = 0;
    added = removed = 0;
  }
  Value result() const { return size == 0 ? Value() : at(0).value; }
  bool holdsNothing() const { return added == removed; }
  void snapshot(StateWriter& out) const {
    out.varint(added);
    out.varint(removed);
    out.varint(size);
    for (size_t i = 0; i < size; ++i) {
      out.varint(at(i).sequence);
      out.value(at(i).value);
    }
  }
  void restore(StateReader& in) {
    reset();
    added = in.varint();
    removed = in.varint();
    size_t n = in.count(2);
    for (size_t i = 0; i < n; ++i) {
      uint64_t sequence = in.varint();
      push(sequence, in.value());
    }
  }
};

// min/max for windows that expire out of arrival order (sort, session, frequent): a count per
// distinct value, ordered.
template <bool Max>
struct OrderedExtreme {
  struct Entry {
    int64_t count = 0;
    Value value;
  };
  std::map<long double, Entry> counts;

  void add(const Value& v) {
    if (v.isNull()) return;
    Entry& entry = counts[extremeKey(v)];
    ++entry.count;
    entry.value = v;
  }
  void remove(const Value& v) {
    if (v.isNull()) return;
    auto it = counts.find(extremeKey(v));
    if (it != counts.end() && --it->second.count == 0) counts.erase(it);
  }
  void reset() { counts.clear(); }
  Value result() const {
    if (counts.empty()) return Value();
    return Max ? counts.rbegin()->second.value : counts.begin()->second.value;
  }
  bool holdsNothing() const { return counts.empty(); }
  void snapshot(StateWriter& out) const {
    out.varint(counts.size());
    for (const auto& [key, entry] : counts) {
      out.svarint(entry.count);
      out.value(entry.value);
    }
  }
  void restore(StateReader& in) {
    counts.clear();
    size_t n = in.count(2);
    for (size_t i = 0; i < n; ++i) {
      int64_t count = in.svarint();
      Value v = in.value();
      if (v.isNull() || count <= 0) StateReader::fail("a min/max entry without a value");
      counts[extremeKey(v)] = {count, v};
    }
  }
};

// minForever/maxForever ignore expiry and reset.
template <bool Max>
struct Forever {
  Value best;
  void add(const Value& v) {
    if (v.isNull()) return;
    if (best.isNull() || (Max ? v.toDouble() > best.toDouble() : v.toDouble() < best.toDouble())) best = v;
  }
  void remove(const Value& v) { add(v); }
  void reset() {}
  Value result() const { return best; }
  bool holdsNothing() const { return best.isNull(); }
  void snapshot(StateWriter& out) const { out.value(best); }
  void restore(StateReader& in) { best = in.value(); }
};

// How many times each value is held (distinctCount; unionSet's items).
using ValueCounts = std::unordered_map<Value, int64_t, ValueHash>;

void snapshotCounts(const ValueCounts& counts, StateWriter& out) {
  out.varint(counts.size());
  for (const auto& [v, n] : counts) {
    out.value(v);
    out.svarint(n);
  }
}

void restoreCounts(ValueCounts& counts, StateReader& in) {
  counts.clear();
  size_t n = in.count(2);
  for (size_t i = 0; i < n; ++i) {
    Value v = in.value();
    counts[v] = in.svarint();
  }
}

struct DistinctCount {
  ValueCounts counts;
  void add(const Value& v) {
    if (!v.isNull()) ++counts[v];
  }
  void remove(const Value& v) {
    auto it = counts.find(v);
    if (it != counts.end() && --it->second == 0) counts.erase(it);
  }
  void reset() { counts.clear(); }
  Value result() const { return Value::ofLong(static_cast<int64_t>(counts.size())); }
  bool holdsNothing() const { return counts.empty(); }
  void snapshot(StateWriter& out) const { snapshotCounts(counts, out); }
  void restore(StateReader& in) { restoreCounts(counts, in); }
};

// and()/or() over bools: counts of true and false values held.
template <bool And>
struct BoolCounts {
  int64_t trues = 0, falses = 0;
  void add(const Value& v) {
    if (!v.isNull()) ++(v.asBool() ? trues : falses);
  }
  void remove(const Value& v) {
    if (!v.isNull()) --(v.asBool() ? trues : falses);
  }
  void reset() { trues = falses = 0; }
  Value result() const {
    if (trues + falses == 0) return Value();
    return Value::ofBool(And ? falses == 0 : trues > 0);
  }
  bool holdsNothing() const { return trues + falses == 0; }
  void snapshot(StateWriter& out) const {
    out.svarint(trues);
    out.svarint(falses);
  }
  void restore(StateReader& in) {
    trues = in.svarint();
    falses = in.svarint();
  }
};

// unionSet(set): the union of the sets held, as a new set.
struct UnionSet {
  ValueCounts counts;
  void add(const Value& v) { change(v, +1); }
  void remove(const Value& v) { change(v, -1); }
  void reset() { counts.clear(); }
  Value result() const {
    auto* set = new SetObject();
    for (const auto& [item, n] : counts) set->items.insert(item);
    return Value::ofObject(set);
  }
  bool holdsNothing() const { return counts.empty(); }
  void snapshot(StateWriter& out) const { snapshotCounts(counts, out); }
  void restore(StateReader& in) { restoreCounts(counts, in); }
  void change(const Value& v, int delta) {
    auto* set = v.isObject() ? dynamic_cast<const SetObject*>(v.asObject()) : nullptr;
    if (!set) return;
    for (const auto& item : set->items)
      if ((counts[item] += delta) <= 0) counts.erase(item);
  }
};

template <class S>
std::unique_ptr<Aggregator> make(const char* name) {
  return std::make_unique<AggregatorFor<S>>(name);
}

}  // namespace

std::unique_ptr<Aggregator> makeAggregator(AggregateKind kind, Type argType, bool arrivalOrderExpiry,
                                           const AggregateParams& params) {
  switch (kind) {
    case AggregateKind::Count: return make<Count>("count");
    case AggregateKind::Sum:
      if (argType == Type::Int || argType == Type::Long) return make<Sum<int64_t>>("sum(long)");
      return make<Sum<double>>("sum(double)");
    case AggregateKind::Avg: return make<Avg>("avg");
    case AggregateKind::Min:
      return arrivalOrderExpiry ? make<MonotonicExtreme<false>>("min") : make<OrderedExtreme<false>>("min(ordered)");
    case AggregateKind::Max:
      return arrivalOrderExpiry ? make<MonotonicExtreme<true>>("max") : make<OrderedExtreme<true>>("max(ordered)");
    case AggregateKind::MinForever: return make<Forever<false>>("minForever");
    case AggregateKind::MaxForever: return make<Forever<true>>("maxForever");
    case AggregateKind::DistinctCount: return make<DistinctCount>("distinctCount");
    case AggregateKind::StdDev: return make<StdDev>("stdDev");
    case AggregateKind::And: return make<BoolCounts<true>>("and");
    case AggregateKind::Or: return make<BoolCounts<false>>("or");
    case AggregateKind::UnionSet: return make<UnionSet>("unionSet");
    case AggregateKind::GroupConcat:
    case AggregateKind::Percentile:
    case AggregateKind::JsonGroup:
    case AggregateKind::JsonGroupAsObject: return makeExtensionAggregator(kind, params);
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------

AggregateSet::AggregateSet(std::vector<std::unique_ptr<Aggregator>> aggregators)
    : aggregators_(std::move(aggregators)) {
  for (const auto& a : aggregators_) {
    size_t align = a->stateAlign();
    blockSize_ = (blockSize_ + align - 1) / align * align;
    offsets_.push_back(blockSize_);
    blockSize_ += a->stateSize();
  }
}

std::unique_ptr<std::byte[]> AggregateSet::newBlock() const {
  // new[] of bytes is aligned for any fundamental type, which every state uses.
  auto block = std::make_unique<std::byte[]>(std::max<size_t>(blockSize_, 1));
  for (size_t i = 0; i < aggregators_.size(); ++i) aggregators_[i]->construct(block.get() + offsets_[i]);
  return block;
}

void AggregateSet::destroyBlock(std::byte* block) const {
  for (size_t i = 0; i < aggregators_.size(); ++i) aggregators_[i]->destroy(block + offsets_[i]);
}

void AggregateSet::reset(std::byte* block) const {
  for (size_t i = 0; i < aggregators_.size(); ++i) aggregators_[i]->reset(block + offsets_[i]);
}

bool AggregateSet::holdsNothing(const std::byte* block) const {
  for (size_t i = 0; i < aggregators_.size(); ++i)
    if (!aggregators_[i]->holdsNothing(block + offsets_[i])) return false;
  return true;
}

void AggregateSet::snapshot(const std::byte* block, StateWriter& out) const {
  for (size_t i = 0; i < aggregators_.size(); ++i) aggregators_[i]->snapshot(block + offsets_[i], out);
}

void AggregateSet::restore(std::byte* block, StateReader& in) const {
  for (size_t i = 0; i < aggregators_.size(); ++i) aggregators_[i]->restore(block + offsets_[i], in);
}

std::string AggregateSet::layout() const {
  std::string text;
  for (const auto& a : aggregators_) text += (text.empty() ? "" : ",") + std::string(a->name());
  return text;
}

}  // namespace cepheus::runtime
