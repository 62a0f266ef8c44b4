#include "plan/plan_selector.h"

#include "plan/expression_compiler.h"
#include "plan/functions/json_support.h"

namespace cepheus::plan {

namespace {

// `select *`, or the first input attributes in order, with nothing computed: the output row is
// (a prefix of) the input row.
bool isIdentity(const analyze::SelectorModel& model, size_t inputWidth) {
  if (!model.aggregates.empty() || model.having || !model.orderBy.empty() || model.limit || model.offset ||
      model.projections.size() > inputWidth)
    return false;
  for (size_t i = 0; i < model.projections.size(); ++i) {
    const auto& p = model.projections[i];
    if (p.op != analyze::ExprOp::Attribute || p.slot != 0 || p.eventIndex || p.index != static_cast<int>(i)) return false;
  }
  return true;
}

}  // namespace

runtime::RowValue rowValue(const analyze::TypedExpr& e) {
  runtime::RowValue value;
  if (e.op == analyze::ExprOp::Attribute && e.slot == 0 && !e.slotOptional && !e.eventIndex) {
    value.direct = e.index;
  } else {
    value.expression = compileExpression(e);
  }
  return value;
}

runtime::AggregateKind aggregateKind(analyze::AggregateKind kind) {
  using A = analyze::AggregateKind;
  using R = runtime::AggregateKind;
  switch (kind) {
    case A::Count: return R::Count;
    case A::Sum: return R::Sum;
    case A::Avg: return R::Avg;
    case A::Min: return R::Min;
    case A::Max: return R::Max;
    case A::MinForever: return R::MinForever;
    case A::MaxForever: return R::MaxForever;
    case A::DistinctCount: return R::DistinctCount;
    case A::StdDev: return R::StdDev;
    case A::And: return R::And;
    case A::Or: return R::Or;
    case A::UnionSet: return R::UnionSet;
    case A::GroupConcat: return R::GroupConcat;
    case A::Percentile: return R::Percentile;
    case A::JsonGroup: return R::JsonGroup;
    case A::JsonGroupAsObject: return R::JsonGroupAsObject;
  }
  return R::Count;
}

runtime::AggregateParams aggregateParams(const analyze::AggregateCall& call) {
  const analyze::AggregateOptions& options = call.options;
  runtime::AggregateParams params;
  params.separator = options.separator;
  params.distinct = options.distinct;
  switch (options.order) {
    case analyze::AggregateOptions::Order::Arrival: params.order = runtime::AggregateParams::Order::Arrival; break;
    case analyze::AggregateOptions::Order::Ascending: params.order = runtime::AggregateParams::Order::Ascending; break;
    case analyze::AggregateOptions::Order::Descending: params.order = runtime::AggregateParams::Order::Descending; break;
  }
  params.nullAsText = options.nullAsText;
  params.percentile = options.percentile;
  if (options.enclosing) {
    params.enclosing.emplace();
    fn::appendJsonSmartString(*params.enclosing, *options.enclosing);
  }
  return params;
}

namespace {

bool aggregatesJson(const analyze::AggregateCall& call) {
  return call.kind == analyze::AggregateKind::JsonGroup || call.kind == analyze::AggregateKind::JsonGroupAsObject;
}

const char* jsonFunctionName(const analyze::AggregateCall& call) {
  return call.kind == analyze::AggregateKind::JsonGroup ? "json:group" : "json:groupAsObject";
}

}  // namespace

EvaluatorPtr aggregateArgument(const analyze::AggregateCall& call) {
  if (call.args.empty()) return nullptr;
  EvaluatorPtr argument = compileExpression(call.args[0]);
  if (aggregatesJson(call)) return fn::jsonGroupElement(std::move(argument), jsonFunctionName(call));
  return argument;
}

runtime::SelectorPlan selectorPlan(const analyze::SelectorModel& model, size_t inputWidth, bool arrivalOrderExpiry) {
  runtime::SelectorPlan plan;
  for (const auto& p : model.projections) {
    if (p.op == analyze::ExprOp::Aggregate) {
      runtime::RowValue value;
      value.aggregate = p.index;
      plan.projections.push_back(std::move(value));
    } else {
      plan.projections.push_back(rowValue(p));
    }
  }
  for (const auto& a : model.aggregates) {
    runtime::SelectorPlan::Aggregate aggregate;
    aggregate.kind = aggregateKind(a.kind);
    aggregate.argType = a.args.empty() ? Type::Long : a.args[0].type;
    aggregate.params = aggregateParams(a);
    if (aggregatesJson(a)) {
      aggregate.argument.emplace();
      aggregate.argument->expression = aggregateArgument(a);
    } else if (!a.args.empty()) {
      aggregate.argument = rowValue(a.args[0]);
    }
    plan.aggregates.push_back(std::move(aggregate));
  }
  for (const auto& g : model.groupBy) plan.groupBy.push_back(rowValue(g));
  if (model.having) plan.having = compileCondition(*model.having);
  for (const auto& key : model.orderBy) plan.orderBy.push_back({key.column, key.descending});
  plan.limit = model.limit;
  plan.offset = model.offset;
  plan.emitCurrent = model.events != ast::OutputEvents::Expired;
  plan.emitExpired = model.events != ast::OutputEvents::Current;
  plan.identity = isIdentity(model, inputWidth);
  plan.arrivalOrderExpiry = arrivalOrderExpiry;
  return plan;
}

}  // namespace cepheus::plan
