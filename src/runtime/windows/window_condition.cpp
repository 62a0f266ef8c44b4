#include "runtime/windows/window_condition.h"

#include <vector>

namespace cepheus::runtime {

WindowCondition::WindowCondition(std::unique_ptr<BoolEvaluator> condition, AggregateSet aggregates,
                                 std::vector<EvaluatorPtr> arguments)
    : condition_(std::move(condition)), aggregates_(std::move(aggregates)), arguments_(std::move(arguments)) {}

bool WindowCondition::add(AggregateBlock& state, const Clock& clock, const EventRow& event, const EventRow& first,
                          const EventRow& last) const {
  return update(true, state, clock, event, first, last);
}

bool WindowCondition::remove(AggregateBlock& state, const Clock& clock, const EventRow& event,
                             const EventRow& first, const EventRow& last) const {
  return update(false, state, clock, event, first, last);
}

bool WindowCondition::update(bool adding, AggregateBlock& state, const Clock& clock, const EventRow& event,
                             const EventRow& first, const EventRow& last) const {
  const EventRow* slots[] = {&event, &first, &last};
  EvalContext ctx{slots, nullptr, &clock};
  const Value one = Value::ofLong(1);  // what count() aggregates
  // Conditions have a handful of aggregates: their results live on the stack.
  constexpr size_t kOnStack = 8;
  Value onStack[kOnStack];
  std::vector<Value> onHeap;
  Value* results = onStack;
  if (aggregates_.size() > kOnStack) {
    onHeap.resize(aggregates_.size());
    results = onHeap.data();
  }
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    Value arg = arguments_[i] ? arguments_[i]->evalValue(ctx) : one;
    if (adding) {
      aggregates_.add(state.get(), i, arg);
    } else {
      aggregates_.remove(state.get(), i, arg);
    }
    results[i] = aggregates_.result(state.get(), i);
  }
  ctx.aggregates = results;
  bool holds = false;
  return condition_->eval(ctx, holds) && holds;
}

}  // namespace cepheus::runtime
