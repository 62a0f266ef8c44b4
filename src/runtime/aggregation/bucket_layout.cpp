#include "runtime/aggregation/bucket_layout.h"

#include "runtime/set_object.h"

namespace cepheus::runtime {

namespace {

// The store owns every set it holds (ownCell copies the ones a copied row shares), so adding
// to one in place is safe.
const SetObject* setOf(const Value& cell) {
  return cell.isObject() ? dynamic_cast<const SetObject*>(cell.asObject()) : nullptr;
}

SetObject& ownedSet(Value& cell) {
  if (!setOf(cell)) cell = Value::ofObject(new SetObject());
  return const_cast<SetObject&>(*setOf(cell));
}

const char* cellName(CellKind kind) {
  switch (kind) {
    case CellKind::Count: return "count";
    case CellKind::SumLong: return "sum:long";
    case CellKind::SumDouble: return "sum:double";
    case CellKind::MinLong: return "min:long";
    case CellKind::MaxLong: return "max:long";
    case CellKind::MinDouble: return "min:double";
    case CellKind::MaxDouble: return "max:double";
    case CellKind::Distinct: return "distinct";
  }
  return "?";
}

Value asType(Type type, const Value& v) {
  if (v.isNull()) return v;
  switch (type) {
    case Type::Int: return Value::ofInt(static_cast<int32_t>(v.asLong()));
    case Type::Float: return Value::ofFloat(static_cast<float>(v.asDouble()));
    default: return v;
  }
}

}  // namespace

std::string BucketLayout::describe() const {
  std::string text = "every";
  for (Granularity g : granularities) text += std::string(" ") + granularityName(g);
  text += " | keys " + std::to_string(keyWidth) + " | lasts " + std::to_string(lastWidth) + " | cells";
  for (const BucketCell& cell : cells) text += std::string(" ") + cellName(cell.kind);
  return text;
}

Value initialCell(CellKind kind) { return kind == CellKind::Count ? Value::ofLong(0) : Value(); }

void addToCell(CellKind kind, Value& cell, const Value& argument) {
  switch (kind) {
    case CellKind::Count: cell = Value::ofLong(cell.asLong() + 1); return;
    case CellKind::Distinct: ownedSet(cell).items.insert(argument); return;
    default: break;
  }
  if (argument.isNull()) return;
  switch (kind) {
    case CellKind::SumLong:
      cell = Value::ofLong(cell.isNull() ? argument.asLong() : cell.asLong() + argument.asLong());
      return;
    case CellKind::SumDouble:
      cell = Value::ofDouble(cell.isNull() ? argument.toDouble() : cell.asDouble() + argument.toDouble());
      return;
    case CellKind::MinLong:
      if (cell.isNull() || argument.asLong() < cell.asLong()) cell = Value::ofLong(argument.asLong());
      return;
    case CellKind::MaxLong:
      if (cell.isNull() || argument.asLong() > cell.asLong()) cell = Value::ofLong(argument.asLong());
      return;
    case CellKind::MinDouble:
      if (cell.isNull() || argument.toDouble() < cell.asDouble()) cell = Value::ofDouble(argument.toDouble());
      return;
    case CellKind::MaxDouble:
      if (cell.isNull() || argument.toDouble() > cell.asDouble()) cell = Value::ofDouble(argument.toDouble());
      return;
    case CellKind::Count:
    case CellKind::Distinct: return;
  }
}

void mergeCell(CellKind kind, Value& cell, const Value& other) {
  switch (kind) {
    case CellKind::Count: cell = Value::ofLong(cell.asLong() + other.asLong()); return;
    case CellKind::Distinct:
      if (const SetObject* set = setOf(other)) {
        SetObject& into = ownedSet(cell);
        into.items.insert(set->items.begin(), set->items.end());
      }
      return;
    default:
      // A cell's value is what one more event with that value would add.
      addToCell(kind, cell, other);
      return;
  }
}

Value ownCell(CellKind kind, const Value& cell) {
  const SetObject* set = kind == CellKind::Distinct ? setOf(cell) : nullptr;
  if (!set) return cell;
  auto* copy = new SetObject();
  copy->items = set->items;
  return Value::ofObject(copy);
}

Value bucketColumn(const BucketLayout& layout, const BucketColumn& column, int64_t start, const Value* key,
                   const Value* row) {
  const Value* cells = row + layout.firstCell();
  switch (column.kind) {
    case BucketColumn::Kind::Timestamp: return Value::ofLong(start);
    case BucketColumn::Kind::GroupKey: return key[column.index];
    case BucketColumn::Kind::Last: return row[1 + column.index];
    case BucketColumn::Kind::Sum:
    case BucketColumn::Kind::Count: return cells[column.cell];
    case BucketColumn::Kind::Avg: {
      const Value& sum = cells[column.cell];
      int64_t n = cells[column.count].asLong();
      // Siddhi divides its long sum by the count in long arithmetic for int/long arguments
      // (avg(3 and 4) is 3); avg is a double, and Cepheus computes it as one (docs/language.md).
      if (sum.isNull() || n == 0) return Value();
      return Value::ofDouble(sum.toDouble() / static_cast<double>(n));
    }
    case BucketColumn::Kind::Min:
    case BucketColumn::Kind::Max: return asType(column.type, cells[column.cell]);
    case BucketColumn::Kind::DistinctCount: {
      const SetObject* set = setOf(cells[column.cell]);
      return Value::ofLong(set ? static_cast<int64_t>(set->items.size()) : 0);
    }
  }
  return Value();
}

}  // namespace cepheus::runtime
