#include "plan/plan_on_demand.h"

#include "plan/build_context.h"
#include "plan/find_plan.h"
#include "plan/plan_aggregation.h"
#include "plan/plan_selector.h"
#include "plan/plan_table.h"
#include "runtime/aggregation/aggregation_source.h"
#include "runtime/selector.h"

namespace cepheus::plan {

namespace {

// The source a find reads: the app's table or named window, or a reader of the app's aggregation
// with the query's within/per (owned by the query).
const runtime::Findable& findSource(const analyze::OnDemandModel& query, runtime::AppRuntime& runtime,
                                    runtime::OnDemandQuery& result) {
  using Kind = analyze::OnDemandSourceModel::Kind;
  const analyze::OnDemandSourceModel& source = query.source;
  if (source.kind == Kind::Table) return *runtime.tables.at(static_cast<size_t>(source.index));
  if (source.kind == Kind::Aggregation)
    return result.own(std::make_unique<runtime::AggregationSource>(makeAggregationReader(*query.read, runtime)));
  return *runtime.windowContents.at(static_cast<size_t>(source.index));
}

}  // namespace

std::unique_ptr<runtime::OnDemandQuery> planOnDemand(const analyze::OnDemandModel& query, const analyze::AppModel& app,
                                                     runtime::AppRuntime& runtime) {
  BuildContext building(runtime);  // `cond in T` in the query searches the app's T
  auto result = std::make_unique<runtime::OnDemandQuery>(query.find ? query.selector.outputs
                                                                    : std::vector<AttributeInfo>{});
  const size_t width = query.find ? query.source.attributes.size() : 0;
  auto* selector = result->add(
      std::make_unique<runtime::Selector>(selectorPlan(query.selector, width, true), result->faults()));
  result->setFirst(selector);
  if (query.find) {
    const runtime::Findable& source = findSource(query, runtime, *result);
    result->readFrom(source, compileFind(query.on, 0, source, query.source.attributes));
    selector->setNext(result->collector());
    return result;
  }
  const analyze::TableChangeModel& change = *query.change;
  if (change.kind == analyze::TableChangeModel::Kind::Insert) {
    selector->setNext(runtime.tables.at(static_cast<size_t>(change.table)));
  } else {
    selector->setNext(result->add(makeTableChange(app, change, runtime, result->faults())));
  }
  return result;
}

}  // namespace cepheus::plan
