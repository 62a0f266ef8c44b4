// A hash index over some columns of a table (its primary key, or an @Index attribute): from a
// key to the rows holding it, in insertion order. Open addressing with linear probing over one
// flat array of {hash, first row, last row}; keys are not copied, a probe compares them with the
// key columns of the row an entry names. Rows sharing a key (a non-unique index) are chained
// through links kept by row id, so adding and removing a row are O(1).
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/table/table_rows.h"

namespace cepheus::runtime {

class KeyIndex {
 public:
  static constexpr uint32_t kNone = TableRows::kNone;

  KeyIndex(std::vector<int> columns, bool unique);

  const std::vector<int>& columns() const { return columns_; }
  bool unique() const { return unique_; }

  // The hash of a key given as values in column order (a probe), and of a row's key columns:
  // equal for equal keys.
  static size_t hashKey(const Value* key, size_t width);
  size_t hashRow(const Value* row) const;

  // The first row (in insertion order) whose key equals `key`, or kNone; the others follow
  // through next().
  uint32_t find(const TableRows& rows, const Value* key, size_t hash) const;
  uint32_t next(uint32_t id) const { return unique_ ? kNone : links_[id].next; }
  // The row holding the same key as `row` (its key columns), or kNone.
  uint32_t findRow(const TableRows& rows, const Value* row) const;

  // Adds row `id` under its key. A unique index takes no second row with the same key: it
  // returns false and changes nothing.
  bool add(const TableRows& rows, uint32_t id);
  void remove(const TableRows& rows, uint32_t id);
  void clear();

 private:
  struct Entry {
    size_t hash = 0;
    uint32_t first = kNone;  // kNone: the slot is empty
    uint32_t last = kNone;
  };
  struct Links {
    uint32_t next = kNone;
    uint32_t prev = kNone;
  };

  bool rowHasKey(const TableRows& rows, uint32_t id, const Value* key) const;
  bool sameKey(const TableRows& rows, uint32_t id, const Value* row) const;
  size_t slotOf(const TableRows& rows, const Value* row, size_t hash) const;  // its entry, or an empty slot
  void grow();
  void erase(size_t slot);

  std::vector<int> columns_;
  bool unique_;
  std::vector<Entry> slots_;  // power-of-two size, at most 70% full
  size_t mask_;
  size_t keys_ = 0;
  std::vector<Links> links_;  // by row id: the rows sharing a key (non-unique only)
};

}  // namespace cepheus::runtime
