#include "plan/plan_query.h"

#include <algorithm>

#include "plan/expression_compiler.h"
#include "plan/functions/stream_functions.h"
#include "plan/plan_partition.h"
#include "plan/plan_pattern.h"
#include "plan/plan_rate_limit.h"
#include "plan/plan_selector.h"
#include "plan/plan_state.h"
#include "plan/plan_window.h"
#include "runtime/filter_operator.h"
#include "runtime/insert_operator.h"
#include "runtime/log_operator.h"
#include "runtime/selector.h"

namespace cepheus::plan {

namespace {

using analyze::AppModel;
using analyze::InputStep;
using analyze::QueryModel;

// Whether every window the query reads from (its own, or the named window it reads) expires
// rows in the order they arrived.
bool arrivalOrderExpiry(const AppModel& model, const QueryModel& q) {
  int named = model.streams[q.inputStream].namedWindow;
  if (named >= 0 && !windowExpiresInArrivalOrder(model.windows[named].window)) return false;
  for (const auto& step : q.steps)
    if (step.kind == InputStep::Kind::Window && !windowExpiresInArrivalOrder(step.window)) return false;
  return true;
}

void collectAttributes(const analyze::TypedExpr& e, runtime::KeptAttributes& out) {
  if (e.op == analyze::ExprOp::Attribute && e.slot == 0 &&
      std::find(out.columns.begin(), out.columns.end(), static_cast<uint32_t>(e.index)) == out.columns.end()) {
    out.columns.push_back(static_cast<uint32_t>(e.index));
    out.numbers = out.numbers && (isNumeric(e.type) || e.type == Type::Bool);
  }
  for (const auto& a : e.args) collectAttributes(a, out);
}

// The attributes a sliding window must keep of its rows: only what is read from the rows it
// expires, when its arrivals go on as they came. That is what the aggregates and group by read,
// when the window is the last step and no expired row is output or rate-limited; else (nothing)
// every attribute.
std::optional<runtime::KeptAttributes> attributesReadWhenExpired(const QueryModel& q, size_t step) {
  if (step + 1 != q.steps.size() || q.selector.events != ast::OutputEvents::Current ||
      q.rate.kind != ast::OutputRate::Kind::None)
    return std::nullopt;
  runtime::KeptAttributes read{{}, true};
  for (const auto& aggregate : q.selector.aggregates)
    for (const auto& arg : aggregate.args) collectAttributes(arg, read);
  for (const auto& key : q.selector.groupBy) collectAttributes(key, read);
  std::sort(read.columns.begin(), read.columns.end());
  return read;
}

}  // namespace

bool dependsOnClockBetweenEvents(const QueryModel& q) {
  if (q.pattern && patternDependsOnClock(*q.pattern)) return true;
  for (const auto& step : q.steps) {
    if (step.kind == InputStep::Kind::Filter && usesClock(step.filter)) return true;
    if (step.kind == InputStep::Kind::StreamFunction)
      for (const auto& arg : step.function.args)
        if (usesClock(arg)) return true;
    if (step.kind == InputStep::Kind::Window && windowReadsClock(step.window)) return true;
  }
  const auto& selector = q.selector;
  for (const auto& p : selector.projections)
    if (usesClock(p)) return true;
  for (const auto& a : selector.aggregates)
    for (const auto& arg : a.args)
      if (usesClock(arg)) return true;
  for (const auto& g : selector.groupBy)
    if (usesClock(g)) return true;
  if (selector.having && usesClock(*selector.having)) return true;
  return q.rate.kind != ast::OutputRate::Kind::None;
}

std::vector<int> streamsRead(const QueryModel& q) { return q.pattern ? q.pattern->streams : std::vector<int>{q.inputStream}; }

void buildQuery(const AppModel& model, const QueryModel& q, runtime::AppRuntime& app) {
  if (q.pattern) {
    buildPatternQuery(model, q, app);
    return;
  }
  const auto& input = model.streams[q.inputStream];
  size_t width = input.info.attributes.size();  // widened by stream functions
  const runtime::Junction* faultStream = input.faultStream >= 0 ? queryTarget(model, q, input.faultStream, app) : nullptr;
  const runtime::FaultRouter* faults =
      app.addFaultRouter(std::make_unique<runtime::FaultRouter>(app.name() + ": query '" + q.name + "'", width, faultStream));

  std::vector<runtime::Operator*> chain;
  StatefulOperators stateful;
  auto append = [&](auto op) {
    auto* added = app.add(std::move(op));
    chain.push_back(added);
    using Op = std::remove_pointer_t<decltype(added)>;
    if constexpr (std::is_base_of_v<runtime::StatefulOperator, Op>) {
      if (added->hasState()) stateful.push_back(added);
    }
  };
  for (size_t i = 0; i < q.steps.size(); ++i) {
    const InputStep& step = q.steps[i];
    switch (step.kind) {
      case InputStep::Kind::Filter:
        append(std::make_unique<runtime::FilterOperator>(compileCondition(step.filter), faults));
        break;
      case InputStep::Kind::Window: append(makeWindow(step.window, width, attributesReadWhenExpired(q, i))); break;
      case InputStep::Kind::Log:
        append(std::make_unique<runtime::LogOperator>(app.name() + ": " + q.name + ":", width));
        break;
      case InputStep::Kind::StreamFunction:
        append(makeStreamFunction(step.function, faults));
        width += step.function.outputs.size();  // later steps see the added attributes
        break;
    }
  }
  append(std::make_unique<runtime::Selector>(selectorPlan(q.selector, width, arrivalOrderExpiry(model, q)), faults));
  if (auto limiter = makeRateLimiter(q.rate, q.selector.projections.size())) append(std::move(limiter));
  append(std::make_unique<runtime::InsertOperator>(queryTarget(model, q, q.outputStream, app)));
  for (size_t i = 0; i + 1 < chain.size(); ++i) chain[i]->setNext(chain[i + 1]);

  querySource(model, q, q.inputStream, app)->subscribe(chain.front());
  app.addElement(queryElement(model, q, std::move(stateful)));
}

}  // namespace cepheus::plan
