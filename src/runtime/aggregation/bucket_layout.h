// What a bucket of an incremental aggregation holds, and how its rows are read: the definition
// the planner builds from `define aggregation ... select ... group by ... every ...`, shared by
// the bucket store (state) and its readers.
//
// A bucket is one group's aggregates over one second, minute, ... year. It does not keep the
// aggregates the select list names but their *base cells*, which merge: avg(price) is a sum
// and a count, and sum(price) next to it reuses that sum (Siddhi's AGG_SUM_price, AGG_COUNT).
// Merging cells is how finer buckets roll up into coarser ones, and how a read `per 'hours'`
// combines the hour buckets with the minutes and seconds not yet rolled up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cepheus/value.h"
#include "common/time_buckets.h"

namespace cepheus::runtime {

enum class CellKind : uint8_t {
  Count,      // events (count(), and avg's divisor): a long, 0 in a new bucket
  SumLong,    // sum over int/long arguments; null until a non-null value came
  SumDouble,  // sum over float/double arguments
  MinLong,    // min/max over int/long arguments
  MaxLong,
  MinDouble,  // min/max over float/double arguments
  MaxDouble,
  Distinct,   // the set of distinct values (distinctCount); null counts as a value, as in Siddhi
};

struct BucketCell {
  CellKind kind = CellKind::Count;
};

// One output attribute of the aggregation, as computed from a bucket.
struct BucketColumn {
  enum class Kind : uint8_t {
    Timestamp,      // AGG_TIMESTAMP: the bucket's start
    GroupKey,       // a group by attribute: `index` into the key
    Last,           // a value that is not aggregated: the latest event's (`index` into the lasts)
    Sum,            // `cell`
    Count,          // `cell`
    Avg,            // `cell` (a sum) / `count`
    Min,            // `cell`, converted back to `type`
    Max,
    DistinctCount,  // the size of `cell`'s set
  };
  Kind kind = Kind::Timestamp;
  int index = 0;
  int cell = 0;
  int count = 0;
  Type type = Type::Long;  // the attribute's type
};

struct BucketLayout {
  std::vector<Granularity> granularities;  // finest first, at least one
  size_t keyWidth = 0;                     // group by values
  size_t lastWidth = 0;                    // values taken from the latest event
  std::vector<BucketCell> cells;
  std::vector<BucketColumn> columns;  // the aggregation's attributes, AGG_TIMESTAMP first

  // A bucket's values after its key: [latest event time, lasts..., cells...].
  size_t rowWidth() const { return 1 + lastWidth + cells.size(); }
  size_t firstCell() const { return 1 + lastWidth; }
  Granularity root() const { return granularities.front(); }
  // Its index in `granularities`, or -1 when the aggregation does not keep it.
  int levelOf(Granularity granularity) const {
    for (size_t i = 0; i < granularities.size(); ++i)
      if (granularities[i] == granularity) return static_cast<int>(i);
    return -1;
  }
  // What a snapshot's state must match: the granularities, the key and the cells.
  std::string describe() const;
};

// The value a new bucket's cell starts with.
Value initialCell(CellKind kind);
// Adds one event's argument to a cell.
void addToCell(CellKind kind, Value& cell, const Value& argument);
// Adds what another bucket's cell of the same kind holds. `cell` must own its set (Distinct):
// see ownCell().
void mergeCell(CellKind kind, Value& cell, const Value& other);
// A cell that may be mutated: Distinct sets are copied, since a copy of a row shares them.
Value ownCell(CellKind kind, const Value& cell);

// Output column `column` of a bucket whose start is `start`, key `key` and row `row`.
Value bucketColumn(const BucketLayout& layout, const BucketColumn& column, int64_t start, const Value* key,
                   const Value* row);

}  // namespace cepheus::runtime
