#include "runtime/windows/window_condition.h"

namespace cepheus::runtime {

WindowCondition::WindowCondition(std::unique_ptr<BoolEvaluator> condition,
                                 std::vector<Aggregate> aggregates, const Clock* clock)
    : condition_(std::move(condition)),
      aggregates_(std::move(aggregates)),
      results_(aggregates_.size()),
      clock_(clock) {}

bool WindowCondition::add(const EventRow& event, const EventRow& first, const EventRow& last) {
  return update(true, event, first, last);
}

bool WindowCondition::remove(const EventRow& event, const EventRow& first, const EventRow& last) {
  return update(false, event, first, last);
}

void WindowCondition::reset() {
  for (auto& a : aggregates_) a.aggregator->reset();
}

bool WindowCondition::update(bool adding, const EventRow& event, const EventRow& first,
                             const EventRow& last) {
  const EventRow* slots[] = {&event, &first, &last};
  EvalContext ctx{slots, nullptr, clock_};
  static const Value kOne = Value::ofLong(1);
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    Aggregate& a = aggregates_[i];
    Value arg = a.argument ? a.argument->evalValue(ctx) : kOne;
    if (adding) {
      a.aggregator->add(arg);
    } else {
      a.aggregator->remove(arg);
    }
    results_[i] = a.aggregator->result();
  }
  ctx.aggregates = results_.data();
  bool holds = false;
  return condition_->eval(ctx, holds) && holds;
}

}  // namespace cepheus::runtime
