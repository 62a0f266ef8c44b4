#include "plan/plan_join.h"

#include "plan/find_plan.h"
#include "plan/plan_aggregation.h"
#include "plan/plan_partition.h"
#include "plan/plan_query.h"
#include "plan/plan_rate_limit.h"
#include "plan/plan_selector.h"
#include "plan/plan_state.h"
#include "plan/shared_state.h"
#include "runtime/aggregation/aggregation_source.h"
#include "runtime/join/join_side.h"
#include "runtime/join/window_content.h"
#include "runtime/selector.h"

namespace cepheus::plan {

namespace {

using analyze::JoinSideModel;

// One side as built: the operators its rows go through, and what the other side searches.
struct BuiltSide {
  std::vector<runtime::Operator*> steps;
  const runtime::Findable* content = nullptr;
  const runtime::FaultRouter* faults = nullptr;
  runtime::Junction* source = nullptr;  // where its rows come from; null for a table
};

BuiltSide buildSide(const analyze::AppModel& model, const analyze::QueryModel& q, const JoinSideModel& side,
                    runtime::AppRuntime& app, StatefulOperators& stateful) {
  BuiltSide built;
  if (side.kind == JoinSideModel::Kind::Table) {
    built.content = app.tables.at(static_cast<size_t>(side.table));
    return built;
  }
  if (side.kind == JoinSideModel::Kind::Aggregation) {
    // Its buckets are the aggregation's state (in the app's frame); the source only reads them.
    built.content = app.addSource(std::make_unique<runtime::AggregationSource>(makeAggregationReader(*q.join->read, app)));
    return built;
  }
  const auto& stream = model.streams[static_cast<size_t>(side.stream)];
  size_t width = stream.info.attributes.size();
  const runtime::Junction* faultStream = stream.faultStream >= 0 ? queryTarget(model, q, stream.faultStream, app) : nullptr;
  built.faults = app.addFaultRouter(
      std::make_unique<runtime::FaultRouter>(app.name() + ": query '" + q.name + "'", width, faultStream));
  runtime::StatefulOperator* window = nullptr;
  built.steps = buildSteps(side.steps, width, built.faults, q.name, app, stateful, &window);
  if (side.kind == JoinSideModel::Kind::NamedWindow) {
    built.content = app.windowContents[static_cast<size_t>(side.stream)].get();
    built.source = querySource(model, q, side.stream, app);  // inside a partition, its view of the window
    return built;
  }
  built.source = querySource(model, q, side.stream, app);
  if (window) {
    built.content = app.addSource(std::make_unique<runtime::WindowSource>(
        *window, dynamic_cast<const runtime::WindowContent&>(*window), false));
  } else {
    built.content = app.addSource(std::make_unique<runtime::NothingHeld>());
  }
  return built;
}

// Whether what `side` finds in `other` may change while its joined events travel on.
bool otherSideWrittenDownstream(const analyze::AppModel& model, const analyze::QueryModel& q,
                                const JoinSideModel& other) {
  if (other.kind == JoinSideModel::Kind::Table) return writtenFrom(model, q, {true, other.table});
  if (other.kind == JoinSideModel::Kind::NamedWindow) return writtenFrom(model, q, {false, other.stream});
  return false;
}

}  // namespace

void buildJoinQuery(const analyze::AppModel& model, const analyze::QueryModel& q, runtime::AppRuntime& app) {
  const analyze::JoinModel& join = *q.join;
  StatefulOperators stateful;
  BuiltSide sides[2] = {buildSide(model, q, join.sides[0], app, stateful),
                        buildSide(model, q, join.sides[1], app, stateful)};

  // A joined event is not a row the output could pass on as it is: the selector reads slots
  // (input width 0), and reports its faults to the log. Expiries of the two sides interleave, so
  // min/max keep an ordered set.
  const runtime::FaultRouter* selectorFaults = app.addFaultRouter(
      std::make_unique<runtime::FaultRouter>(app.name() + ": query '" + q.name + "'", 0, nullptr));
  auto* selector = app.add(std::make_unique<runtime::Selector>(selectorPlan(q.selector, 0, false), selectorFaults));
  std::vector<runtime::Operator*> tail{selector};
  if (selector->hasState()) stateful.push_back(selector);
  if (auto limiter = makeRateLimiter(q.rate, q.selector.projections.size())) {
    auto* added = app.add(std::move(limiter));
    tail.push_back(added);
    if (added->hasState()) stateful.push_back(added);
  }
  tail.push_back(buildOutput(model, q, app));
  for (size_t i = 0; i + 1 < tail.size(); ++i) tail[i]->setNext(tail[i + 1]);

  const runtime::Operator* entries[2] = {nullptr, nullptr};
  for (int i = 0; i < 2; ++i) {
    const JoinSideModel& side = join.sides[static_cast<size_t>(i)];
    const JoinSideModel& other = join.sides[static_cast<size_t>(1 - i)];
    if (side.kind == JoinSideModel::Kind::Table || side.kind == JoinSideModel::Kind::Aggregation) continue;
    const bool zeroLength = side.kind == JoinSideModel::Kind::Stream && !side.windowed;
    if (!side.triggers && zeroLength) continue;  // it neither triggers nor holds anything
    runtime::JoinSidePlan plan;
    plan.slot = i;
    plan.triggers = side.triggers;
    plan.outer = side.preserved;
    plan.zeroLength = zeroLength;
    plan.expiredCopies = q.selector.events != ast::OutputEvents::Current;
    plan.resets = !q.selector.aggregates.empty();
    // An aggregation's rows are computed per probe and live until the next one.
    plan.onePartAtATime =
        otherSideWrittenDownstream(model, q, other) || other.kind == JoinSideModel::Kind::Aggregation;
    plan.other = sides[1 - i].content;
    plan.find = compileFind(join.on, 1 - i, *plan.other, other.attributes);
    plan.faults = sides[i].faults;
    auto* joinSide = app.add(std::make_unique<runtime::JoinSide>(std::move(plan)));
    joinSide->setNext(selector);
    std::vector<runtime::Operator*>& chain = sides[i].steps;
    chain.push_back(joinSide);
    for (size_t k = 0; k + 1 < chain.size(); ++k) chain[k]->setNext(chain[k + 1]);
    entries[i] = chain.front();
  }

  if (entries[0] && entries[1] && sides[0].source == sides[1].source) {
    // A self join: each event goes through the left side, then the right, before the next.
    sides[0].source->subscribe(app.add(std::make_unique<runtime::SelfJoinInput>(entries[0], entries[1])));
  } else {
    for (int i = 0; i < 2; ++i)
      if (entries[i]) sides[i].source->subscribe(entries[i]);
  }
  app.addElement(queryElement(model, q, std::move(stateful)));
}

}  // namespace cepheus::plan
