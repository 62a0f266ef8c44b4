#include "plan/plan_query.h"

#include <algorithm>

#include "plan/expression_compiler.h"
#include "plan/functions/stream_functions.h"
#include "plan/plan_join.h"
#include "plan/plan_partition.h"
#include "plan/plan_pattern.h"
#include "plan/plan_table.h"
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
// when the window is the last step of a single stream's query and no expired row is output or
// rate-limited; else (nothing) every attribute.
std::optional<runtime::KeptAttributes> attributesReadWhenExpired(const QueryModel& q) {
  if (q.join || q.pattern || q.steps.empty() || q.steps.back().kind != InputStep::Kind::Window ||
      q.selector.events != ast::OutputEvents::Current || q.rate.kind != ast::OutputRate::Kind::None)
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
                                           runtime::StatefulOperator** window,
                                           const std::optional<runtime::KeptAttributes>& lastWindowKeeps) {
  std::vector<runtime::Operator*> chain;
  for (size_t i = 0; i < steps.size(); ++i) {
    const InputStep& step = steps[i];
    switch (step.kind) {
      case InputStep::Kind::Filter: {
        std::vector<runtime::ChunkLookup> lookups;
        auto condition = compileFilterCondition(step.filter, lookups);
        chain.push_back(
            app.add(std::make_unique<runtime::FilterOperator>(std::move(condition), faults, std::move(lookups))));
        break;
      }
      case InputStep::Kind::Window: {
        auto* added = app.add(makeWindow(step.window, width, i + 1 == steps.size() ? lastWindowKeeps : std::nullopt));
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

std::vector<int> streamsRead(const QueryModel& q) { return q.inputStreams(); }

runtime::Operator* buildOutput(const AppModel& model, const QueryModel& q, runtime::AppRuntime& app) {
  if (!q.tableOutput) return app.add(std::make_unique<runtime::InsertOperator>(queryTarget(model, q, q.outputStream, app)));
  return buildTableChange(model, *q.tableOutput, q.selector.outputs, app.name() + ": query '" + q.name + "'", app);
}

void buildQuery(const AppModel& model, const QueryModel& q, runtime::AppRuntime& app) {
  if (q.pattern) {
    buildPatternQuery(model, q, app);
    return;
  }
  if (q.join) {
    buildJoinQuery(model, q, app);
    return;
  }
  const auto& input = model.streams[q.inputStream];
  size_t width = input.info.attributes.size();  // widened by stream functions
  const runtime::Junction* faultStream = input.faultStream >= 0 ? queryTarget(model, q, input.faultStream, app) : nullptr;
  const runtime::FaultRouter* faults =
      app.addFaultRouter(std::make_unique<runtime::FaultRouter>(app.name() + ": query '" + q.name + "'", width, faultStream));

  StatefulOperators stateful;
  std::vector<runtime::Operator*> chain =
      buildSteps(q.steps, width, faults, q.name, app, stateful, nullptr, attributesReadWhenExpired(q));
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

  querySource(model, q, q.inputStream, app)->subscribe(chain.front());
  app.addElement(queryElement(model, q, std::move(stateful)));
}

}  // namespace cepheus::plan
