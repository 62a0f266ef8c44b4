// The states of the aggregators queries use most (count, sum, avg), visible so that the
// selector can update them inline instead of through a virtual call per row (see
// AggregateFast); aggregators.cpp runs them, and the rest, through Aggregator.
#pragma once

#include <cstdint>
#include <type_traits>

#include "cepheus/value.h"
#include "runtime/aggregator.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime::aggregates {

struct Count {
  static constexpr AggregateFast kFast = AggregateFast::Count;
  int64_t n = 0;
  void add(const Value&) { ++n; }
  void remove(const Value&) { --n; }
  void reset() { n = 0; }
  Value result() const { return Value::ofLong(n); }
  bool holdsNothing() const { return n == 0; }
  void snapshot(StateWriter& out) const { out.svarint(n); }
  void restore(StateReader& in) { n = in.svarint(); }
};

// sum over int/long is a long; over float/double a double. Null while nothing is held.
template <class T>
struct Sum {
  static constexpr AggregateFast kFast = std::is_same_v<T, int64_t> ? AggregateFast::SumLong : AggregateFast::SumDouble;
  T sum = 0;
  int64_t n = 0;
  static T read(const Value& v) {
    if constexpr (std::is_same_v<T, int64_t>) return v.asLong();
    else return v.toDouble();
  }
  void add(const Value& v) {
    if (v.isNull()) return;
    sum += read(v);
    ++n;
  }
  void remove(const Value& v) {
    if (v.isNull()) return;
    sum -= read(v);
    --n;
  }
  void reset() {
    sum = 0;
    n = 0;
  }
  Value result() const {
    if (n == 0) return Value();
    if constexpr (std::is_same_v<T, int64_t>) return Value::ofLong(sum);
    else return Value::ofDouble(sum);
  }
  bool holdsNothing() const { return n == 0; }
  void snapshot(StateWriter& out) const {
    out.svarint(n);
    if constexpr (std::is_same_v<T, int64_t>) out.svarint(sum);
    else out.f64(sum);
  }
  void restore(StateReader& in) {
    n = in.svarint();
    if constexpr (std::is_same_v<T, int64_t>) sum = in.svarint();
    else sum = in.f64();
  }
};

struct Avg {
  static constexpr AggregateFast kFast = AggregateFast::Avg;
  double sum = 0;
  int64_t n = 0;
  void add(const Value& v) {
    if (v.isNull()) return;
    sum += v.toDouble();
    ++n;
  }
  void remove(const Value& v) {
    if (v.isNull()) return;
    sum -= v.toDouble();
    --n;
  }
  void reset() {
    sum = 0;
    n = 0;
  }
  Value result() const { return n == 0 ? Value() : Value::ofDouble(sum / n); }
  bool holdsNothing() const { return n == 0; }
  void snapshot(StateWriter& out) const {
    out.svarint(n);
    out.f64(sum);
  }
  void restore(StateReader& in) {
    n = in.svarint();
    sum = in.f64();
  }
};

// The selector's inline update of a common kind's state; false for the other kinds.
[[gnu::always_inline]] inline bool updateInline(AggregateFast fast, void* state, const Value& arg, bool adding) {
  switch (fast) {
    case AggregateFast::Count: static_cast<Count*>(state)->n += adding ? 1 : -1; return true;
    case AggregateFast::SumLong: {
      auto* sum = static_cast<Sum<int64_t>*>(state);
      adding ? sum->add(arg) : sum->remove(arg);
      return true;
    }
    case AggregateFast::SumDouble: {
      auto* sum = static_cast<Sum<double>*>(state);
      adding ? sum->add(arg) : sum->remove(arg);
      return true;
    }
    case AggregateFast::Avg: {
      auto* avg = static_cast<Avg*>(state);
      adding ? avg->add(arg) : avg->remove(arg);
      return true;
    }
    case AggregateFast::None: return false;
  }
  return false;
}

// The result of a common kind's state (null for the other kinds).
[[gnu::always_inline]] inline Value resultInline(AggregateFast fast, const void* state) {
  switch (fast) {
    case AggregateFast::Count: return static_cast<const Count*>(state)->result();
    case AggregateFast::SumLong: return static_cast<const Sum<int64_t>*>(state)->result();
    case AggregateFast::SumDouble: return static_cast<const Sum<double>*>(state)->result();
    case AggregateFast::Avg: return static_cast<const Avg*>(state)->result();
    case AggregateFast::None: break;
  }
  return Value();
}

}  // namespace cepheus::runtime::aggregates
