// Partial matches hold the events they took by reference to one pooled copy per event: an event
// no match keeps is never copied, one kept by several matches is copied once, and its block
// goes back to the pool when the last match lets go.
#include <gtest/gtest.h>

#include "runtime/pattern/match_store.h"

namespace cepheus::runtime::pattern {
namespace {

struct Store {
  std::vector<std::unique_ptr<CapturePool>> pools;
  MatchStore store;
  Store() : store({0, 0}, pools) { pools.push_back(std::make_unique<CapturePool>(2)); }
  CapturePool& pool() { return *pools[0]; }
};

TEST(MatchStore, AnEventNoMatchKeepsIsNeverCopied) {
  Store s;
  Value data[] = {Value::ofString("IBM"), Value::ofInt(1)};
  EventRow row{data, 10, EventKind::Current};
  Match* m = s.store.make();
  s.store.retain(m);
  s.store.beginArrival(row, 0);
  s.store.set(*m, 0, row);  // tested...
  s.store.clear(*m, 0);     // ...and not kept
  s.store.endArrival();
  EXPECT_EQ(s.pool().live(), 0u);
  s.store.release(m);
  EXPECT_EQ(s.store.live(), 0u);
}

TEST(MatchStore, AnEventKeptBySeveralMatchesIsCopiedOnceAndFreedWithTheLast) {
  Store s;
  Value data[] = {Value::ofString("a string too long to be inline"), Value::ofInt(1)};
  EventRow row{data, 10, EventKind::Current};
  Match* a = s.store.make();
  Match* b = s.store.make();
  s.store.retain(a);
  s.store.retain(b);
  s.store.beginArrival(row, 0);
  s.store.set(*a, 0, row);
  s.store.set(*b, 1, row);
  s.store.captureArrival(*a, 0);
  s.store.captureArrival(*b, 1);
  Match* copy = s.store.clone(*a);  // holds the same pooled event
  s.store.retain(copy);
  s.store.endArrival();
  data[0] = Value::ofString("the caller's buffer is reused");
  EXPECT_EQ(s.pool().live(), 1u);
  EXPECT_EQ(a->heads[0]->data, b->heads[1]->data);
  EXPECT_EQ(copy->heads[0]->data, a->heads[0]->data);
  EXPECT_EQ(a->heads[0]->data[0].toString(), "a string too long to be inline");
  EXPECT_EQ(a->heads[0]->timestamp, 10);
  s.store.release(a);
  s.store.release(copy);
  EXPECT_EQ(s.pool().live(), 1u);
  s.store.release(b);
  EXPECT_EQ(s.pool().live(), 0u);
  EXPECT_EQ(s.store.live(), 0u);
}

TEST(MatchStore, MatchesAndBlocksAreRecycled) {
  Store s;
  Value data[] = {Value::ofString("x"), Value::ofInt(1)};
  for (int i = 0; i < 1000; ++i) {
    EventRow row{data, i, EventKind::Current};
    Match* m = s.store.make();
    s.store.retain(m);
    s.store.beginArrival(row, 0);
    s.store.append(*m, 0, row);
    s.store.captureArrival(*m, 0);
    s.store.endArrival();
    s.store.release(m);
  }
  EXPECT_EQ(s.store.capacity(), 1u);
  EXPECT_EQ(s.pool().live(), 0u);
  EXPECT_LE(s.pool().capacityBytes(), 64u * (16 + 2 * sizeof(Value)));  // one slab
}

TEST(MatchStore, ACountingSlotListsItsRowsAndItsLastOneIsItsHead) {
  Store s;
  Value one[] = {Value::ofString("a"), Value::ofInt(1)};
  Value two[] = {Value::ofString("b"), Value::ofInt(2)};
  Match* m = s.store.make();
  s.store.retain(m);
  for (auto* data : {one, two}) {
    EventRow row{data, 1, EventKind::Current};
    s.store.beginArrival(row, 0);
    s.store.append(*m, 0, row);
    s.store.captureArrival(*m, 0);
    s.store.endArrival();
  }
  EXPECT_EQ(m->lists[0].count, 2u);
  EXPECT_EQ(m->heads[0]->data[1].asInt(), 2);
  s.store.removeLast(*m, 0);
  EXPECT_EQ(m->lists[0].count, 1u);
  EXPECT_EQ(m->heads[0]->data[1].asInt(), 1);
  EXPECT_EQ(s.pool().live(), 1u);
  s.store.release(m);
  EXPECT_EQ(s.pool().live(), 0u);
}

}  // namespace
}  // namespace cepheus::runtime::pattern
