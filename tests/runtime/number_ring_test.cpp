// NumberRing: the nine-byte ring a length window keeps numeric attributes in. Every tag it may
// hold comes back as it went in, in order, across growth and wrap-around, and its snapshot is a
// timestamp-free RowQueue's (either restores the other's).
#include <gtest/gtest.h>

#include "runtime/windows/window_support.h"

namespace cepheus::runtime {
namespace {

std::vector<Value> row(int i) {
  // Every kind a numeric attribute holds, null among them, varying with i.
  return {i % 3 == 0 ? Value() : Value::ofDouble(i + 0.5), Value::ofLong(-int64_t{i} * 1000000007),
          Value::ofInt(i), i % 2 ? Value::ofBool(true) : Value::ofBool(false), Value::ofFloat(static_cast<float>(i) / 4)};
}
const uint32_t kIdentity[] = {0, 1, 2, 3, 4};

std::string text(const Value* values, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? "," : "") + values[i].toString() + "/" + std::to_string(int(values[i].tag()));
  return out;
}

TEST(NumberRing, GivesBackWhatWentInAcrossGrowthAndWrapAround) {
  NumberRing ring(5, 7);
  int pushed = 0, popped = 0;
  // Fill up, then slide: the head wraps while the ring grows 1, 2, 4, 7.
  for (int step = 0; step < 40; ++step) {
    if (ring.size() == 7 || (step % 5 == 4 && !ring.empty())) {
      Value out[5];
      ring.popColumnsInto(out, kIdentity);
      auto expected = row(popped++);
      EXPECT_EQ(text(out, 5), text(expected.data(), 5)) << "pop " << popped - 1;
    }
    auto r = row(pushed++);
    ring.pushColumns(r.data(), kIdentity);
    EXPECT_LE(ring.size(), 7u);
  }
  EXPECT_EQ(ring.size(), size_t(pushed - popped));
}

TEST(NumberRing, KeepsChosenColumnsAndWritesThemBackInTheirPlaces) {
  NumberRing ring(2, 3);
  std::vector<Value> wide = {Value::ofString("card"), Value::ofDouble(2.5), Value::ofString("x"), Value::ofInt(7)};
  const uint32_t kept[] = {1, 3};
  ring.pushColumns(wide.data(), kept);
  std::vector<Value> out(4);
  ring.popColumnsInto(out.data(), kept);
  EXPECT_EQ(text(out.data(), 4), "null/0,2.5/4,null/0,7/1");
  EXPECT_TRUE(ring.empty());
}

TEST(NumberRing, SnapshotIsATimelessRowQueuesBothWays) {
  NumberRing ring(5, 10);
  RowQueue queue(5, 10, false);
  for (int i = 0; i < 6; ++i) {
    auto r = row(i);
    ring.pushColumns(r.data(), kIdentity);
    queue.push(r.data(), 0);
  }
  Value dropped[5];
  ring.popColumnsInto(dropped, kIdentity);
  queue.pop();
  StateWriter fromRing, fromQueue;
  ring.snapshot(fromRing);
  queue.snapshot(fromQueue);
  EXPECT_EQ(fromRing.bytes(), fromQueue.bytes());

  NumberRing restored(5, 10);
  StateReader in(fromQueue.bytes());
  restored.restore(in);
  in.expectEnd();
  ASSERT_EQ(restored.size(), 5u);
  for (int i = 1; i < 6; ++i) {
    Value out[5];
    restored.popColumnsInto(out, kIdentity);
    auto expected = row(i);
    EXPECT_EQ(text(out, 5), text(expected.data(), 5));
  }
}

TEST(NumberRing, RefusesASnapshotHoldingTextOrTooManyRows) {
  RowQueue strings(1, 10, false);
  Value s = Value::ofString("abc");
  strings.push(&s, 0);
  StateWriter out;
  strings.snapshot(out);
  NumberRing ring(1, 10);
  StateReader in(out.bytes());
  EXPECT_THROW(ring.restore(in), std::exception);

  RowQueue many(1, 10, false);
  Value one = Value::ofInt(1);
  for (int i = 0; i < 4; ++i) many.push(&one, 0);
  StateWriter big;
  many.snapshot(big);
  NumberRing small(1, 3);
  StateReader bigIn(big.bytes());
  EXPECT_THROW(small.restore(bigIn), std::exception);
}

}  // namespace
}  // namespace cepheus::runtime
