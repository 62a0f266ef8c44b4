// The built-in aggregators (feature inventory §7). Nulls are ignored except by count().
#include <cmath>
#include <map>
#include <vector>
#include <unordered_map>

#include "runtime/aggregator.h"
#include "runtime/set_object.h"

namespace cepheus::runtime {

namespace {

class CountAggregator final : public Aggregator {
 public:
  void add(const Value&) override { ++count_; }
  void remove(const Value&) override { --count_; }
  void reset() override { count_ = 0; }
  Value result() const override { return Value::ofLong(count_); }

 private:
  int64_t count_ = 0;
};

// sum over int/long is a long; over float/double a double. Null while nothing is held.
template <class T>
class SumAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (v.isNull()) return;
    sum_ += read(v);
    ++n_;
  }
  void remove(const Value& v) override {
    if (v.isNull()) return;
    sum_ -= read(v);
    --n_;
  }
  void reset() override {
    sum_ = 0;
    n_ = 0;
  }
  Value result() const override {
    if (n_ == 0) return Value();
    if constexpr (std::is_same_v<T, int64_t>) return Value::ofLong(sum_);
    else return Value::ofDouble(sum_);
  }

 private:
  static T read(const Value& v) {
    if constexpr (std::is_same_v<T, int64_t>) return v.asLong();
    else return v.toDouble();
  }
  T sum_ = 0;
  int64_t n_ = 0;
};

class AvgAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (v.isNull()) return;
    sum_ += v.toDouble();
    ++n_;
  }
  void remove(const Value& v) override {
    if (v.isNull()) return;
    sum_ -= v.toDouble();
    --n_;
  }
  void reset() override {
    sum_ = 0;
    n_ = 0;
  }
  Value result() const override { return n_ == 0 ? Value() : Value::ofDouble(sum_ / n_); }

 private:
  double sum_ = 0;
  int64_t n_ = 0;
};

// Population standard deviation (divides by n), via Welford's update and its inverse.
class StdDevAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (v.isNull()) return;
    double x = v.toDouble();
    ++n_;
    double delta = x - mean_;
    mean_ += delta / n_;
    m2_ += delta * (x - mean_);
  }
  void remove(const Value& v) override {
    if (v.isNull()) return;
    if (n_ <= 1) {
      reset();
      return;
    }
    double x = v.toDouble();
    double oldMean = (n_ * mean_ - x) / (n_ - 1);
    m2_ -= (x - mean_) * (x - oldMean);
    mean_ = oldMean;
    --n_;
  }
  void reset() override {
    n_ = 0;
    mean_ = m2_ = 0;
  }
  Value result() const override {
    if (n_ == 0) return Value();
    return Value::ofDouble(n_ == 1 ? 0.0 : std::sqrt(std::max(0.0, m2_ / n_)));
  }

 private:
  int64_t n_ = 0;
  double mean_ = 0, m2_ = 0;
};

// Sliding min/max for windows that expire in arrival order (length, time, batches): a monotonic
// deque of candidates. Each value is pushed once and popped once (amortised O(1)), kept in a
// ring that only grows to the window's size, so steady state allocates nothing.
class MonotonicExtremeAggregator final : public Aggregator {
 public:
  explicit MonotonicExtremeAggregator(bool max) : max_(max) {}
  void add(const Value& v) override {
    uint64_t sequence = added_++;
    if (v.isNull()) return;
    double key = v.toDouble();
    if (v.tag() == Value::Tag::Long) key = static_cast<double>(v.asLong());
    // Drop candidates the new value dominates: they can never be the extreme again.
    while (size_ > 0 && dominated(at(size_ - 1).key, key)) --size_;
    if (size_ == ring_.size()) grow();
    at(size_++) = {key, sequence, v};
  }
  void remove(const Value&) override {
    uint64_t sequence = removed_++;
    if (size_ > 0 && at(0).sequence == sequence) {
      at(0).value = Value();
      head_ = (head_ + 1) % ring_.size();
      --size_;
    }
  }
  void reset() override {
    size_ = 0;
    head_ = 0;
    added_ = removed_ = 0;
  }
  Value result() const override { return size_ == 0 ? Value() : at(0).value; }

 private:
  struct Candidate {
    double key = 0;
    uint64_t sequence = 0;
    Value value;
  };
  bool dominated(double old, double incoming) const { return max_ ? old <= incoming : old >= incoming; }
  Candidate& at(size_t i) { return ring_[(head_ + i) % ring_.size()]; }
  const Candidate& at(size_t i) const { return ring_[(head_ + i) % ring_.size()]; }
  void grow() {
    std::vector<Candidate> bigger(std::max<size_t>(16, ring_.size() * 2));
    for (size_t i = 0; i < size_; ++i) bigger[i] = std::move(at(i));
    ring_ = std::move(bigger);
    head_ = 0;
  }

  bool max_;
  std::vector<Candidate> ring_;
  size_t head_ = 0;
  size_t size_ = 0;
  uint64_t added_ = 0;    // sequence number of the next value added
  uint64_t removed_ = 0;  // sequence number of the next value removed (arrival order)
};

// min/max for windows that expire out of arrival order (sort, session, frequent): a count per
// distinct value, ordered.
class ExtremeAggregator final : public Aggregator {
 public:
  explicit ExtremeAggregator(bool max) : max_(max) {}
  void add(const Value& v) override {
    if (v.isNull()) return;
    Entry& entry = counts_[key(v)];
    ++entry.count;
    entry.value = v;
  }
  void remove(const Value& v) override {
    if (v.isNull()) return;
    auto it = counts_.find(key(v));
    if (it != counts_.end() && --it->second.count == 0) counts_.erase(it);
  }
  void reset() override { counts_.clear(); }
  Value result() const override {
    if (counts_.empty()) return Value();
    return max_ ? counts_.rbegin()->second.value : counts_.begin()->second.value;
  }

 private:
  struct Entry {
    int64_t count = 0;
    Value value;
  };
  static long double key(const Value& v) {
    return (v.tag() == Value::Tag::Int || v.tag() == Value::Tag::Long) ? static_cast<long double>(v.asLong())
                                                                         : static_cast<long double>(v.toDouble());
  }
  bool max_;
  std::map<long double, Entry> counts_;
};

// minForever/maxForever ignore expiry and reset.
class ForeverAggregator final : public Aggregator {
 public:
  explicit ForeverAggregator(bool max) : max_(max) {}
  void add(const Value& v) override {
    if (v.isNull()) return;
    if (best_.isNull() || (max_ ? v.toDouble() > best_.toDouble() : v.toDouble() < best_.toDouble())) best_ = v;
  }
  void remove(const Value& v) override { add(v); }
  void reset() override {}
  Value result() const override { return best_; }

 private:
  bool max_;
  Value best_;
};

class DistinctCountAggregator final : public Aggregator {
 public:
  void add(const Value& v) override {
    if (!v.isNull()) ++counts_[v];
  }
  void remove(const Value& v) override {
    auto it = counts_.find(v);
    if (it != counts_.end() && --it->second == 0) counts_.erase(it);
  }
  void reset() override { counts_.clear(); }
  Value result() const override { return Value::ofLong(static_cast<int64_t>(counts_.size())); }

 private:
  std::unordered_map<Value, int64_t, ValueHash> counts_;
};

// and()/or() over bools: counts of true and false values held.
class BoolAggregator final : public Aggregator {
 public:
  explicit BoolAggregator(bool isAnd) : and_(isAnd) {}
  void add(const Value& v) override {
    if (!v.isNull()) ++(v.asBool() ? trues_ : falses_);
  }
  void remove(const Value& v) override {
    if (!v.isNull()) --(v.asBool() ? trues_ : falses_);
  }
  void reset() override { trues_ = falses_ = 0; }
  Value result() const override {
    if (trues_ + falses_ == 0) return Value();
    return Value::ofBool(and_ ? falses_ == 0 : trues_ > 0);
  }

 private:
  bool and_;
  int64_t trues_ = 0, falses_ = 0;
};

// unionSet(set): the union of the sets held, as a new set.
class UnionSetAggregator final : public Aggregator {
 public:
  void add(const Value& v) override { change(v, +1); }
  void remove(const Value& v) override { change(v, -1); }
  void reset() override { counts_.clear(); }
  Value result() const override {
    auto* set = new SetObject();
    for (const auto& [item, n] : counts_) set->items.insert(item);
    return Value::ofObject(set);
  }

 private:
  void change(const Value& v, int delta) {
    auto* set = v.isObject() ? dynamic_cast<const SetObject*>(v.asObject()) : nullptr;
    if (!set) return;
    for (const auto& item : set->items)
      if ((counts_[item] += delta) <= 0) counts_.erase(item);
  }
  std::unordered_map<Value, int64_t, ValueHash> counts_;
};

}  // namespace

std::unique_ptr<Aggregator> makeAggregator(AggregateKind kind, Type argType, bool arrivalOrderExpiry) {
  switch (kind) {
    case AggregateKind::Count: return std::make_unique<CountAggregator>();
    case AggregateKind::Sum:
      if (argType == Type::Int || argType == Type::Long) return std::make_unique<SumAggregator<int64_t>>();
      return std::make_unique<SumAggregator<double>>();
    case AggregateKind::Avg: return std::make_unique<AvgAggregator>();
    case AggregateKind::Min:
    case AggregateKind::Max: {
      bool max = kind == AggregateKind::Max;
      if (arrivalOrderExpiry) return std::make_unique<MonotonicExtremeAggregator>(max);
      return std::make_unique<ExtremeAggregator>(max);
    }
    case AggregateKind::MinForever: return std::make_unique<ForeverAggregator>(false);
    case AggregateKind::MaxForever: return std::make_unique<ForeverAggregator>(true);
    case AggregateKind::DistinctCount: return std::make_unique<DistinctCountAggregator>();
    case AggregateKind::StdDev: return std::make_unique<StdDevAggregator>();
    case AggregateKind::And: return std::make_unique<BoolAggregator>(true);
    case AggregateKind::Or: return std::make_unique<BoolAggregator>(false);
    case AggregateKind::UnionSet: return std::make_unique<UnionSetAggregator>();
  }
  return nullptr;
}

}  // namespace cepheus::runtime
