#include "plan/planner.h"

#include <functional>

#include "plan/expression_compiler.h"
#include "plan/rate_limiter_factory.h"
#include "plan/window_factory.h"
#include "runtime/filter_operator.h"
#include "runtime/insert_operator.h"
#include "runtime/log_operator.h"
#include "runtime/selector.h"
#include "runtime/window_output.h"

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

// Whether the query's results can depend on the playback clock between two events: it reads
// the clock, or has a window or rate limit (which fire timers or stamp rows with the clock).
// Events sent together then have to be processed one by one, the clock moving for each.
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

// Whether every window the query reads from (its own, or the named window it reads) expires
// rows in the order they arrived.
bool arrivalOrderExpiry(const AppModel& model, const QueryModel& q) {
  int named = model.streams[q.inputStream].namedWindow;
  if (named >= 0 && !windowExpiresInArrivalOrder(model.windows[named].window)) return false;
  for (const auto& step : q.steps)
    if (step.kind == InputStep::Kind::Window && !windowExpiresInArrivalOrder(step.window)) return false;
  return true;
}

bool isIdentity(const analyze::SelectorModel& model, size_t inputWidth) {
  if (!model.aggregates.empty() || model.having || !model.orderBy.empty() || model.limit || model.offset ||
      model.projections.size() != inputWidth)
    return false;
  for (size_t i = 0; i < inputWidth; ++i) {
    const auto& p = model.projections[i];
    if (p.op != analyze::ExprOp::Attribute || p.slot != 0 || p.index != static_cast<int>(i)) return false;
  }
  return true;
}

runtime::RowValue rowValue(const analyze::TypedExpr& e) {
  runtime::RowValue value;
  if (e.op == analyze::ExprOp::Attribute && e.slot == 0 && !e.slotOptional) {
    value.direct = e.index;
  } else {
    value.expression = compileExpression(e);
  }
  return value;
}

runtime::SelectorPlan selectorPlan(const analyze::SelectorModel& model, size_t inputWidth, bool arrivalOrderExpiry) {
  runtime::SelectorPlan plan;
  for (const auto& p : model.projections) plan.projections.push_back(rowValue(p));
  for (const auto& a : model.aggregates) {
    runtime::SelectorPlan::Aggregate aggregate;
    aggregate.kind = a.kind;
    aggregate.argType = a.args.empty() ? Type::Long : a.args[0].type;
    if (!a.args.empty()) aggregate.argument = rowValue(a.args[0]);
    plan.aggregates.push_back(std::move(aggregate));
  }
  for (const auto& g : model.groupBy) plan.groupBy.push_back(rowValue(g));
  if (model.having) plan.having = compileCondition(*model.having);
  plan.orderBy = model.orderBy;
  plan.limit = model.limit;
  plan.offset = model.offset;
  plan.emitCurrent = model.events != ast::OutputEvents::Expired;
  plan.emitExpired = model.events != ast::OutputEvents::Current;
  plan.identity = isIdentity(model, inputWidth);
  plan.arrivalOrderExpiry = arrivalOrderExpiry;
  return plan;
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
  query->operators.push_back(
      std::make_unique<runtime::Selector>(selectorPlan(q.selector, width, arrivalOrderExpiry(model, q)), clock, query->faults.get()));
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

// A named window: its junction (written by inserts) feeds the window, whose chunks go to a
// second junction that the queries reading the window subscribe to.
void buildNamedWindow(const AppModel& model, const analyze::NamedWindowModel& w, runtime::AppRuntime& app) {
  const auto& info = model.streams[w.stream].info;
  auto& readers = app.windowReaders[w.stream];
  readers = std::make_unique<runtime::Junction>(info);
  auto window = makeWindow(w.window, {info.attributes.size(), &app.clock(), &app.scheduler()});
  auto output = std::make_unique<runtime::WindowOutput>(readers.get(), w.output != ast::OutputEvents::Expired,
                                                        w.output != ast::OutputEvents::Current);
  window->setNext(output.get());
  app.junctions[w.stream]->subscribe(window.get());
  app.windowOperators.push_back(std::move(window));
  app.windowOperators.push_back(std::move(output));
}

// Whether some query's output can reach its own input (directly, through other queries, named
// windows or fault streams).
bool hasCycle(const AppModel& model) {
  size_t n = model.streams.size();
  std::vector<std::vector<int>> next(n);
  for (const auto& q : model.queries) {
    next[q.inputStream].push_back(q.outputStream);
    int fault = model.streams[q.inputStream].faultStream;
    if (fault >= 0) next[q.inputStream].push_back(fault);
  }
  enum class Mark { New, Open, Done };
  std::vector<Mark> mark(n, Mark::New);
  std::function<bool(int)> reachesOpen = [&](int s) {
    mark[s] = Mark::Open;
    for (int t : next[s])
      if (mark[t] == Mark::Open || (mark[t] == Mark::New && reachesOpen(t))) return true;
    mark[s] = Mark::Done;
    return false;
  };
  for (size_t s = 0; s < n; ++s)
    if (mark[s] == Mark::New && reachesOpen(static_cast<int>(s))) return true;
  return false;
}

}  // namespace

std::unique_ptr<runtime::AppRuntime> buildApp(const AppModel& model) {
  auto app = std::make_unique<runtime::AppRuntime>(model.name, model.playback);
  for (const auto& stream : model.streams) {
    app->streams.push_back(stream.info);
    app->junctions.push_back(std::make_unique<runtime::Junction>(stream.info));
  }
  for (size_t i = 0; i < model.streams.size(); ++i)
    app->inputs.push_back(model.streams[i].isFault || model.streams[i].queryResult ? nullptr
                                                   : std::make_unique<runtime::InputPort>(*app, *app->junctions[i]));
  app->windowReaders.resize(model.streams.size());
  for (const auto& w : model.windows) {
    buildNamedWindow(model, w, *app);
    if (model.playback) app->batchable = false;  // a named window stamps rows with the clock
  }
  for (const auto& q : model.queries) {
    buildQuery(model, q, *app);
    if (model.playback && dependsOnClockBetweenEvents(q)) app->batchable = false;
    const std::string& target = model.streams[q.outputStream].info.name;
    if (std::find(app->outputStreams.begin(), app->outputStreams.end(), target) == app->outputStreams.end())
      app->outputStreams.push_back(target);
  }
  if (hasCycle(model)) {
    for (auto& junction : app->junctions) junction->setPublishQueue(&app->publishQueue);
    for (auto& junction : app->windowReaders)
      if (junction) junction->setPublishQueue(&app->publishQueue);
  }
  return app;
}

}  // namespace cepheus::plan
