// The extensions' aggregators on their own (runtime/extension_aggregators.cpp): percentile's
// sorted blocks against a plain sorted list under random adds and removals, groupConcat's
// orders, and their states saved and restored exactly; forged states are refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "runtime/aggregator.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {
namespace {

// One group's state of an aggregator, in a block of its own.
struct Held {
  explicit Held(std::unique_ptr<Aggregator> a) : aggregator(std::move(a)), set(one(aggregator)), block(set) {}
  static std::vector<std::unique_ptr<Aggregator>> one(std::unique_ptr<Aggregator>& a) {
    std::vector<std::unique_ptr<Aggregator>> v;
    v.push_back(std::move(a));
    return v;
  }
  void add(const Value& v) { set.add(block.get(), 0, v); }
  void remove(const Value& v) { set.remove(block.get(), 0, v); }
  Value result() const { return set.result(block.get(), 0); }
  std::vector<uint8_t> save() const {
    StateWriter out;
    set.snapshot(block.get(), out);
    return out.bytes();
  }
  void load(const std::vector<uint8_t>& bytes) {
    StateReader in(bytes);
    set.restore(block.get(), in);
    in.expectEnd();
  }

  std::unique_ptr<Aggregator> aggregator;
  AggregateSet set;
  AggregateBlock block;
};

AggregateParams percentile(double p) {
  AggregateParams params;
  params.percentile = p;
  return params;
}

double expectedPercentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  double index = p * static_cast<double>(values.size()) / 100;
  if (std::fmod(index, 1.0) == 0) {
    auto i = static_cast<size_t>(index);
    return i == values.size() ? values[i - 1] : (values[i - 1] + values[i]) / 2;
  }
  auto i = static_cast<size_t>(std::llround(index));
  return values[i == 0 ? 0 : i - 1];
}

TEST(PercentileAggregator, MatchesASortedListUnderRandomAddsAndRemovals) {
  std::mt19937 random(42);
  for (double p : {0.5, 25.0, 50.0, 90.0, 100.0}) {
    Held held(makeAggregator(AggregateKind::Percentile, Type::Double, true, percentile(p)));
    std::vector<double> reference;
    for (int step = 0; step < 20000; ++step) {
      // Grow to a few thousand values (many blocks), then shrink (blocks merge), then grow.
      bool grow = (step / 4000) % 2 == 0 ? random() % 4 != 0 : random() % 4 == 0;
      if (grow || reference.empty()) {
        double v = static_cast<double>(static_cast<int>(random() % 700) - 350) / 2;
        held.add(Value::ofDouble(v));
        reference.push_back(v);
      } else {
        size_t at = random() % reference.size();
        held.remove(Value::ofDouble(reference[at]));
        reference.erase(reference.begin() + static_cast<std::ptrdiff_t>(at));
      }
      if (reference.empty()) {
        ASSERT_TRUE(held.result().isNull());
        continue;
      }
      if (step % 7 == 0) {
        ASSERT_EQ(held.result().asDouble(), expectedPercentile(reference, p)) << "p " << p << " step " << step;
      }
      if (step % 2500 == 0) {
        // Saved and restored into a fresh state: the same values, the same bytes.
        Held copy(makeAggregator(AggregateKind::Percentile, Type::Double, true, percentile(p)));
        copy.load(held.save());
        ASSERT_EQ(copy.save(), held.save());
        ASSERT_EQ(copy.result().asDouble(), held.result().asDouble());
      }
    }
  }
}

TEST(PercentileAggregator, OrdersValuesAsJavasDoubleCompare) {
  // -0.0 before 0.0, NaN after infinity; removing -0.0 leaves 0.0.
  Held held(makeAggregator(AggregateKind::Percentile, Type::Double, true, percentile(100)));
  held.add(Value::ofDouble(std::numeric_limits<double>::infinity()));
  held.add(Value::ofDouble(std::nan("")));
  EXPECT_TRUE(std::isnan(held.result().asDouble()));
  held.remove(Value::ofDouble(std::nan("")));
  EXPECT_EQ(held.result().asDouble(), std::numeric_limits<double>::infinity());

  Held zeros(makeAggregator(AggregateKind::Percentile, Type::Double, true, percentile(0.1)));
  zeros.add(Value::ofDouble(0.0));
  zeros.add(Value::ofDouble(-0.0));
  EXPECT_TRUE(std::signbit(zeros.result().asDouble()));
  zeros.remove(Value::ofDouble(-0.0));
  EXPECT_FALSE(std::signbit(zeros.result().asDouble()));
}

TEST(PercentileAggregator, RefusesValuesOutOfOrder) {
  StateWriter out;
  out.varint(2);
  out.f64(2);
  out.f64(1);
  Held held(makeAggregator(AggregateKind::Percentile, Type::Double, true, percentile(50)));
  EXPECT_THROW(held.load(out.bytes()), SnapshotError);
}

AggregateParams concat(std::string separator, bool distinct, AggregateParams::Order order) {
  AggregateParams params;
  params.separator = std::move(separator);
  params.distinct = distinct;
  params.order = order;
  return params;
}

TEST(GroupConcatAggregator, OrdersAndTheirSnapshots) {
  using Order = AggregateParams::Order;
  for (auto [order, want] : {std::pair{Order::Arrival, "b,b,a,C"}, std::pair{Order::Ascending, "C,a,b,b"},
                             std::pair{Order::Descending, "b,b,a,C"}}) {
    Held held(makeAggregator(AggregateKind::GroupConcat, Type::String, true, concat(",", false, order)));
    for (const char* k : {"b", "a", "C", "b", "x"}) held.add(Value::ofString(k));
    held.remove(Value::ofString("x"));
    held.add(Value());  // skipped without nullAsText
    EXPECT_EQ(held.result().asString(), want);
    Held copy(makeAggregator(AggregateKind::GroupConcat, Type::String, true, concat(",", false, order)));
    copy.load(held.save());
    EXPECT_EQ(copy.result().asString(), want);
    EXPECT_EQ(copy.save(), held.save());
  }
}

TEST(GroupConcatAggregator, RefusesForgedStates) {
  auto load = [](StateWriter& out) {
    Held held(makeAggregator(AggregateKind::GroupConcat, Type::String, true, {}));
    held.load(out.bytes());
  };
  StateWriter twice;
  twice.varint(2);
  twice.string("a");
  twice.svarint(1);
  twice.string("a");
  twice.svarint(1);
  EXPECT_THROW(load(twice), SnapshotError);
  StateWriter none;
  none.varint(1);
  none.string("a");
  none.svarint(0);
  EXPECT_THROW(load(none), SnapshotError);
}

TEST(JsonGroupAggregator, RefusesElementsThatAreNotJson) {
  StateWriter out;
  out.varint(1);
  out.string("{\"a\":1}]");
  out.string("");
  out.svarint(1);
  Held held(makeAggregator(AggregateKind::JsonGroupAsObject, Type::String, true, {}));
  EXPECT_THROW(held.load(out.bytes()), SnapshotError);
}

TEST(ExtensionAggregators, ParametersNameTheLayout) {
  auto name = [](AggregateKind kind, const AggregateParams& p) {
    return std::string(makeAggregator(kind, Type::String, true, p)->name());
  };
  EXPECT_NE(name(AggregateKind::GroupConcat, concat(",", false, AggregateParams::Order::Arrival)),
            name(AggregateKind::GroupConcat, concat(";", false, AggregateParams::Order::Arrival)));
  EXPECT_NE(name(AggregateKind::GroupConcat, concat(",", false, AggregateParams::Order::Arrival)),
            name(AggregateKind::GroupConcat, concat(",", true, AggregateParams::Order::Arrival)));
  EXPECT_NE(name(AggregateKind::Percentile, percentile(50)), name(AggregateKind::Percentile, percentile(90)));
  AggregateParams enclosed;
  enclosed.enclosing = "\"r\"";
  EXPECT_NE(name(AggregateKind::JsonGroup, {}), name(AggregateKind::JsonGroup, enclosed));
  EXPECT_NE(name(AggregateKind::JsonGroup, {}), name(AggregateKind::JsonGroupAsObject, {}));
}

}  // namespace
}  // namespace cepheus::runtime
