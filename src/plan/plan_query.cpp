#include "plan/plan_query.h"

#include "plan/expression_compiler.h"
#include "plan/plan_rate_limit.h"
#include "plan/plan_selector.h"
#include "plan/plan_window.h"
#include "runtime/filter_operator.h"
#include "runtime/insert_operator.h"
#include "runtime/log_operator.h"

namespace cepheus::plan {

namespace {

using analyze::AppModel;
using analyze::InputStep;
using analyze::QueryModel;

bool usesClock(const analyze::TypedExpr& e) {
  if (e.op == analyze::ExprOp::Function && e.function == analyze::ScalarFunction::CurrentTimeMillis) return true;
  for (const auto& a : e.args)
    if (usesClock(a)) return true;
  return false;
}

// Whether every window the query reads from (its own, or the named window it reads) expires
// rows in the order they arrived.
bool arrivalOrderExpiry(const AppModel& model, const QueryModel& q) {
  int named = model.streams[q.inputStream].namedWindow;
  if (named >= 0 && !windowExpiresInArrivalOrder(model.windows[named].window)) return false;
  for (const auto& step : q.steps)
    if (step.kind == InputStep::Kind::Window && !windowExpiresInArrivalOrder(step.window)) return false;
  return true;
}

}  // namespace

bool dependsOnClockBetweenEvents(const QueryModel& q) {
  for (const auto& step : q.steps) {
    if (step.kind == InputStep::Kind::Filter && usesClock(step.filter)) return true;
    if (step.kind == InputStep::Kind::Window) return true;
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

void buildQuery(const AppModel& model, const QueryModel& q, runtime::AppRuntime& app) {
  auto query = std::make_unique<runtime::QueryRuntime>();
  query->name = q.name;
  const auto& input = model.streams[q.inputStream];
  runtime::Junction* faultStream =
      input.faultStream >= 0 ? app.junctions[input.faultStream].get() : nullptr;
  query->faults = std::make_unique<runtime::FaultRouter>(app.name() + ": query '" + q.name + "'",
                                                         input.info.attributes.size(), faultStream);
  const runtime::Clock* clock = &app.clock();
  size_t width = input.info.attributes.size();
  for (const InputStep& step : q.steps) {
    switch (step.kind) {
      case InputStep::Kind::Filter:
        query->operators.push_back(std::make_unique<runtime::FilterOperator>(
            compileCondition(step.filter), clock, query->faults.get()));
        break;
      case InputStep::Kind::Window:
        query->operators.push_back(makeWindow(step.window, {width, clock, &app.scheduler()}));
        break;
      case InputStep::Kind::Log:
        query->operators.push_back(
            std::make_unique<runtime::LogOperator>(app.name() + ": " + q.name + ":", width));
        break;
    }
  }
  query->operators.push_back(std::make_unique<runtime::Selector>(
      selectorPlan(q.selector, width, arrivalOrderExpiry(model, q)), clock, query->faults.get()));
  if (auto limiter = makeRateLimiter(q.rate, {q.selector.projections.size(), clock, &app.scheduler(), &q.selector}))
    query->operators.push_back(std::move(limiter));
  query->operators.push_back(std::make_unique<runtime::InsertOperator>(app.junctions[q.outputStream].get()));
  for (size_t i = 0; i + 1 < query->operators.size(); ++i)
    query->operators[i]->setNext(query->operators[i + 1].get());
  runtime::Junction* source = app.windowReaders[q.inputStream] ? app.windowReaders[q.inputStream].get()
                                                                : app.junctions[q.inputStream].get();
  source->subscribe(query->operators.front().get());
  app.queries.push_back(std::move(query));
}

}  // namespace cepheus::plan
