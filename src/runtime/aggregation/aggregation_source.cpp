#include "runtime/aggregation/aggregation_source.h"

#include <algorithm>

#include "runtime/app_state.h"

namespace cepheus::runtime {

AggregationSource::AggregationSource(std::unique_ptr<AggregationReader> reader) : reader_(std::move(reader)) {}

int AggregationSource::keyIndex(std::span<const int> columns, std::vector<int>& order) const {
  const auto& layout = reader_->aggregation().layout().columns;
  uint32_t set = 0;
  for (int column : columns) {
    if (column < 0 || column >= 31 || static_cast<size_t>(column) >= layout.size() ||
        layout[static_cast<size_t>(column)].kind != BucketColumn::Kind::GroupKey)
      return -1;
    set |= 1u << column;
  }
  if (set == 0) return -1;
  // The key's values come in column order, the order find() reads the set's bits in.
  order.assign(columns.begin(), columns.end());
  std::sort(order.begin(), order.end());
  return static_cast<int>(set);
}

void AggregationSource::find(ExecContext& ctx, const FindPlan& plan, FindScope& scope, std::vector<EventRow>& out,
                             size_t limit) const {
  if (limit == 0) return;
  const EvalContext eval{scope.slots, nullptr, &ctx.app.clock, scope.lists, &ctx.app, scope.event};
  // Nothing of the aggregation is in the scope while within, per and the key are evaluated.
  scope.slots[plan.slot] = nullptr;
  keys_.clear();
  if (plan.index >= 0) {
    const auto& layout = reader_->aggregation().layout().columns;
    size_t k = 0;
    for (size_t column = 0; column < 31; ++column) {
      if (!(static_cast<uint32_t>(plan.index) & (1u << column))) continue;
      Value value = plan.key[k++]->evalValue(eval);
      if (value.isNull()) return;  // `==` with null is never true
      keys_.push_back({layout[column].index, std::move(value)});
    }
  }
  reader_->read(ctx.app, eval, keys_, rows_);
  size_t found = 0;
  for (size_t i = 0; i < rows_.size() && found < limit; ++i) {
    const EventRow candidate{rows_.row(i), rows_.start(i), EventKind::Current};
    if (!matches(plan, scope, eval, candidate)) continue;
    out.push_back(candidate);
    ++found;
  }
}

}  // namespace cepheus::runtime
