// The built-in aggregators (feature inventory §7). Nulls are ignored except by count().
#include <cmath>
#include <map>
#include <unordered_map>

#include "runtime/aggregator.h"
#include "runtime/set_object.h"

namespace cepheus::runtime {

namespace {

using analyze::AggregateKind;

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

// min/max that stay right when values expire: a count per distinct value, ordered.
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

std::unique_ptr<Aggregator> makeAggregator(AggregateKind kind, Type argType) {
  switch (kind) {
    case AggregateKind::Count: return std::make_unique<CountAggregator>();
    case AggregateKind::Sum:
      if (argType == Type::Int || argType == Type::Long) return std::make_unique<SumAggregator<int64_t>>();
      return std::make_unique<SumAggregator<double>>();
    case AggregateKind::Avg: return std::make_unique<AvgAggregator>();
    case AggregateKind::Min: return std::make_unique<ExtremeAggregator>(false);
    case AggregateKind::Max: return std::make_unique<ExtremeAggregator>(true);
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
