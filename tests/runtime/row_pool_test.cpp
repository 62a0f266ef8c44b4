// Pooled rows: blocks are reused once released, and what a released row's values shared (long
// strings) is let go at once.
#include <gtest/gtest.h>

#include "runtime/state/row_pool.h"

namespace cepheus::runtime {
namespace {

TEST(RowPool, ReleasedBlocksAreReused) {
  RowPool pool(2, 4);
  std::vector<Value> values = {Value::ofLong(1), Value::ofString("a")};
  EventRow row{values.data(), 10, EventKind::Current};
  std::vector<PooledRow*> rows;
  for (int i = 0; i < 4; ++i) rows.push_back(pool.acquire(row.data, row.timestamp + i, row.kind));
  EXPECT_EQ(pool.live(), 4u);
  pool.release(rows[1]);
  PooledRow* again = pool.acquire(row.data, 99, EventKind::Expired);
  EXPECT_EQ(again, rows[1]);
  EXPECT_EQ(again->timestamp, 99);
  EXPECT_EQ(again->kind, EventKind::Expired);
  EXPECT_EQ(again->values()[1].asString(), "a");
  for (PooledRow* r : {rows[0], again, rows[2], rows[3]}) pool.release(r);
  EXPECT_EQ(pool.live(), 0u);
}

TEST(RowPool, AReleasedRowLetsGoOfSharedValues) {
  RowPool pool(1);
  Value shared = Value::ofString(std::string(64, 'x'));  // a heap string, reference counted
  Value copy = shared;
  {
    OwnedRow row(pool, {&shared, 0, EventKind::Current});
    EXPECT_EQ(row.values()[0].asString(), shared.asString());
  }
  EXPECT_EQ(pool.live(), 0u);
  // The pool holds no reference any more: the string dies with the last two values.
  shared = Value();
  EXPECT_EQ(copy.asString(), std::string(64, 'x'));
}

TEST(RowPool, OwnedRowsMoveWithoutCopying) {
  RowPool pool(1);
  Value v = Value::ofInt(5);
  OwnedRow a(pool, {&v, 7, EventKind::Current});
  const Value* where = a.values();
  OwnedRow b = std::move(a);
  EXPECT_FALSE(a);
  EXPECT_EQ(b.values(), where);
  EXPECT_EQ(b.view().timestamp, 7);
  b.reset();
  EXPECT_EQ(pool.live(), 0u);
}

}  // namespace
}  // namespace cepheus::runtime
