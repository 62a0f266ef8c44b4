// `cond in T`: true when some row of table T satisfies the condition for the event being
// evaluated. The condition is compiled like a join's `on` (a key probe when it compares an
// index of T with values of the event), over the event's scope with T's row in a slot after it.
#include <stdexcept>

#include "plan/build_context.h"
#include "plan/expression_compiler.h"
#include "plan/find_plan.h"
#include "runtime/app_state.h"

namespace cepheus::plan {

namespace {

class InTableEval final : public BoolEvaluator {
 public:
  InTableEval(const runtime::Table& table, runtime::FindPlan plan, size_t scopeWidth)
      : BoolEvaluator(Type::Bool), table_(table), plan_(std::move(plan)), slots_(scopeWidth + 1), lists_(scopeWidth + 1) {}

  const runtime::FindPlan& plan() const { return plan_; }

  bool eval(const EvalContext& ctx, bool& out) const override {
    if (!ctx.app) throw std::logic_error("'in' is evaluated without its app");
    // The event's slots, then the table row the search fills in. Evaluators run on one thread
    // at a time, so the buffers are the evaluator's own.
    const size_t width = slots_.size() - 1;
    for (size_t i = 0; i < width; ++i) slots_[i] = ctx.slots[i];
    slots_[width] = nullptr;
    if (ctx.lists) {
      for (size_t i = 0; i < width; ++i) lists_[i] = ctx.lists[i];
      lists_[width] = {};
    }
    runtime::FindScope scope{slots_.data(), ctx.lists ? lists_.data() : nullptr, ctx.event};
    out = table_.any(*ctx.app, plan_, scope);
    return true;
  }

 private:
  const runtime::Table& table_;
  runtime::FindPlan plan_;
  mutable std::vector<const runtime::EventRow*> slots_;
  mutable std::vector<runtime::RowList> lists_;
};

// The searches of the filter being compiled on this thread (compileFilterCondition), or null.
thread_local std::vector<runtime::ChunkLookup>* filterLookups = nullptr;

}  // namespace

EvaluatorPtr compileInCondition(const analyze::TypedExpr& e) {
  const runtime::Table& table = *BuildContext::app().tables.at(static_cast<size_t>(e.index));
  runtime::FindPlan plan = compileFind(e.args[0], e.slot, table, table.attributes());
  auto evaluator = std::make_unique<InTableEval>(table, std::move(plan), static_cast<size_t>(e.slot));
  // Announced per chunk only where the filter's rows are the scope's one slot.
  if (filterLookups && e.slot == 1) filterLookups->push_back({&table, &evaluator->plan()});
  return evaluator;
}

std::unique_ptr<BoolEvaluator> compileFilterCondition(const analyze::TypedExpr& expr,
                                                      std::vector<runtime::ChunkLookup>& lookups) {
  std::vector<runtime::ChunkLookup>* outer = filterLookups;
  filterLookups = &lookups;
  try {
    auto condition = compileCondition(expr);
    filterLookups = outer;
    return condition;
  } catch (...) {
    filterLookups = outer;
    throw;
  }
}

}  // namespace cepheus::plan
