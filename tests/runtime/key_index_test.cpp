// The table's hash index on its own: unique keys refuse a second row, shared keys chain their
// rows in insertion order, and removals (backward-shift deletion, no tombstones) leave every
// other key findable, through many grows.
#include <gtest/gtest.h>

#include "runtime/table/key_index.h"
#include "runtime/table/table_rows.h"

namespace cepheus::runtime {
namespace {

uint32_t addRow(TableRows& rows, int64_t key, int64_t other) {
  Value values[] = {Value::ofLong(key), Value::ofLong(other)};
  return rows.add(values, 0);
}

uint32_t findKey(const KeyIndex& index, const TableRows& rows, int64_t key) {
  Value probe = Value::ofLong(key);
  return index.find(rows, &probe, KeyIndex::hashKey(&probe, 1));
}

TEST(KeyIndex, AUniqueIndexRefusesASecondRowWithTheKey) {
  TableRows rows(2);
  KeyIndex index({0}, true);
  uint32_t a = addRow(rows, 7, 1);
  EXPECT_TRUE(index.add(rows, a));
  uint32_t b = addRow(rows, 7, 2);
  EXPECT_FALSE(index.add(rows, b));
  EXPECT_EQ(findKey(index, rows, 7), a);
  EXPECT_EQ(findKey(index, rows, 8), KeyIndex::kNone);
}

TEST(KeyIndex, SharedKeysChainTheirRowsInInsertionOrder) {
  TableRows rows(2);
  KeyIndex index({0}, false);
  std::vector<uint32_t> ids;
  for (int64_t i = 0; i < 5; ++i) {
    ids.push_back(addRow(rows, i % 2, i));
    ASSERT_TRUE(index.add(rows, ids.back()));
  }
  std::vector<uint32_t> even;
  for (uint32_t id = findKey(index, rows, 0); id != KeyIndex::kNone; id = index.next(id)) even.push_back(id);
  EXPECT_EQ(even, (std::vector<uint32_t>{ids[0], ids[2], ids[4]}));
  index.remove(rows, ids[2]);  // from the middle of the chain
  even.clear();
  for (uint32_t id = findKey(index, rows, 0); id != KeyIndex::kNone; id = index.next(id)) even.push_back(id);
  EXPECT_EQ(even, (std::vector<uint32_t>{ids[0], ids[4]}));
}

TEST(KeyIndex, RemovalsKeepEveryOtherKeyFindableThroughGrowth) {
  TableRows rows(2);
  KeyIndex index({0}, true);
  constexpr int64_t kKeys = 20000;
  std::vector<uint32_t> ids;
  // Keys far apart in their high bits, as ids and timestamps are.
  for (int64_t k = 0; k < kKeys; ++k) {
    ids.push_back(addRow(rows, k << 20, k));
    ASSERT_TRUE(index.add(rows, ids.back()));
  }
  for (int64_t k = 0; k < kKeys; k += 3) {
    index.remove(rows, ids[static_cast<size_t>(k)]);
    rows.remove(ids[static_cast<size_t>(k)]);
  }
  for (int64_t k = 0; k < kKeys; ++k) {
    uint32_t found = findKey(index, rows, k << 20);
    if (k % 3 == 0) {
      EXPECT_EQ(found, KeyIndex::kNone) << k;
    } else {
      EXPECT_EQ(found, ids[static_cast<size_t>(k)]) << k;
    }
  }
}

TEST(KeyIndex, IntAndLongKeysAreDifferentKeys) {
  // As Value equality says (and as Java's): 5 and 5L are different keys.
  TableRows rows(1);
  KeyIndex index({0}, true);
  Value asLong = Value::ofLong(5);
  ASSERT_TRUE(index.add(rows, rows.add(&asLong, 0)));
  Value asInt = Value::ofInt(5);
  EXPECT_EQ(index.find(rows, &asInt, KeyIndex::hashKey(&asInt, 1)), KeyIndex::kNone);
  EXPECT_TRUE(index.add(rows, rows.add(&asInt, 0)));
}

}  // namespace
}  // namespace cepheus::runtime
