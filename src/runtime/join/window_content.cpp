#include "runtime/join/window_content.h"

#include "runtime/app_state.h"

namespace cepheus::runtime {

void WindowSource::find(ExecContext& ctx, const FindPlan& plan, FindScope& scope, std::vector<EventRow>& out,
                        size_t limit) const {
  StateFrame& frame = appWide_ ? ctx.app.globals : ctx.frame;
  const OperatorState* state = frame.get(window_.stateSlot());
  if (!state || limit == 0) return;
  // The held rows go to the end of `out` and are kept there only when they match.
  const size_t begin = out.size();
  content_.heldRows(*state, out);
  const EvalContext eval{scope.slots, nullptr, &ctx.app.clock, scope.lists, &ctx.app, scope.event};
  size_t kept = begin;
  for (size_t i = begin; i < out.size() && kept - begin < limit; ++i) {
    const EventRow candidate = out[i];
    if (matches(plan, scope, eval, candidate)) out[kept++] = candidate;
  }
  out.resize(kept);
}

}  // namespace cepheus::runtime
