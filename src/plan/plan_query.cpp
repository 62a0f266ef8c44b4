#include "plan/plan_query.h"

#include "plan/expression_compiler.h"
#include "plan/plan_join.h"
#include "plan/plan_table.h"
#include "plan/functions/stream_functions.h"
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

bool stepsDependOnClock(const std::vector<InputStep>& steps) {
  for (const auto& step : steps) {
    if (step.kind == InputStep::Kind::Filter && usesClock(step.filter)) return true;
    if (step.kind == InputStep::Kind::StreamFunction)
      for (const auto& arg : step.function.args)
        if (usesClock(arg)) return true;
    if (step.kind == InputStep::Kind::Window && windowReadsClock(step.window)) return true;
  }
  return false;
}

}  // namespace

bool dependsOnClockBetweenEvents(const QueryModel& q) {
  if (stepsDependOnClock(q.steps)) return true;
  if (q.join) {
    for (const auto& side : q.join->sides)
      if (stepsDependOnClock(side.steps)) return true;
    if (q.join->on && usesClock(*q.join->on)) return true;
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

std::vector<runtime::Operator*> buildSteps(const std::vector<InputStep>& steps, size_t& width,
                                           const runtime::FaultRouter* faults, const std::string& queryName,
                                           runtime::AppRuntime& app, StatefulOperators& stateful,
                                           runtime::StatefulOperator** window) {
  std::vector<runtime::Operator*> chain;
  for (const InputStep& step : steps) {
    switch (step.kind) {
      case InputStep::Kind::Filter:
        chain.push_back(app.add(std::make_unique<runtime::FilterOperator>(compileCondition(step.filter), faults)));
        break;
      case InputStep::Kind::Window: {
        auto* added = app.add(makeWindow(step.window, width));
        stateful.push_back(added);
        if (window) *window = added;
        chain.push_back(added);
        break;
      }
      case InputStep::Kind::Log:
        chain.push_back(app.add(std::make_unique<runtime::LogOperator>(app.name() + ": " + queryName + ":", width)));
        break;
      case InputStep::Kind::StreamFunction:
        chain.push_back(app.add(makeStreamFunction(step.function, faults)));
        width += step.function.outputs.size();  // later steps see the added attributes
        break;
    }
  }
  return chain;
}

runtime::Operator* buildOutput(const AppModel& model, const QueryModel& q, runtime::AppRuntime& app) {
  if (!q.tableOutput) return app.add(std::make_unique<runtime::InsertOperator>(app.junctions[q.outputStream].get()));
  return buildTableChange(model, *q.tableOutput, q.selector.outputs, app.name() + ": query '" + q.name + "'", app);
}

void buildQuery(const AppModel& model, const QueryModel& q, runtime::AppRuntime& app) {
  if (q.join) {
    buildJoinQuery(model, q, app);
    return;
  }
  const auto& input = model.streams[q.inputStream];
  size_t width = input.info.attributes.size();  // widened by stream functions
  const runtime::Junction* faultStream = input.faultStream >= 0 ? app.junctions[input.faultStream].get() : nullptr;
  const runtime::FaultRouter* faults =
      app.addFaultRouter(std::make_unique<runtime::FaultRouter>(app.name() + ": query '" + q.name + "'", width, faultStream));

  StatefulOperators stateful;
  std::vector<runtime::Operator*> chain = buildSteps(q.steps, width, faults, q.name, app, stateful, nullptr);
  auto* selector =
      app.add(std::make_unique<runtime::Selector>(selectorPlan(q.selector, width, arrivalOrderExpiry(model, q)), faults));
  chain.push_back(selector);
  if (selector->hasState()) stateful.push_back(selector);
  if (auto limiter = makeRateLimiter(q.rate, q.selector.projections.size())) {
    auto* added = app.add(std::move(limiter));
    chain.push_back(added);
    if (added->hasState()) stateful.push_back(added);
  }
  chain.push_back(buildOutput(model, q, app));
  for (size_t i = 0; i + 1 < chain.size(); ++i) chain[i]->setNext(chain[i + 1]);

  runtime::Junction* source = app.windowReaders[q.inputStream] ? app.windowReaders[q.inputStream].get()
                                                                : app.junctions[q.inputStream].get();
  source->subscribe(chain.front());
  app.addElement(queryElement(model, q, std::move(stateful)));
}

}  // namespace cepheus::plan
