#include "plan/plan_aggregation.h"

#include <stdexcept>

#include "analyze/definition_helpers.h"
#include "plan/expression_compiler.h"
#include "runtime/filter_operator.h"

namespace cepheus::plan {

namespace {

using analyze::AggregateKind;
using analyze::AggregationColumn;
using analyze::AggregationModel;
using runtime::BucketColumn;
using runtime::CellKind;

bool integral(Type t) { return t == Type::Int || t == Type::Long; }

// The cells of a layout, each made once per kind and argument.
class CellSet {
 public:
  explicit CellSet(runtime::BucketLayout& layout) : layout_(layout) {}
  int cell(CellKind kind, int argument) {
    for (size_t i = 0; i < layout_.cells.size(); ++i)
      if (layout_.cells[i].kind == kind && arguments_[i] == argument) return static_cast<int>(i);
    layout_.cells.push_back({kind});
    arguments_.push_back(argument);
    return static_cast<int>(layout_.cells.size() - 1);
  }
  const std::vector<int>& arguments() const { return arguments_; }

 private:
  runtime::BucketLayout& layout_;
  std::vector<int> arguments_;  // per cell: the input attribute it aggregates (-1: count)
};

struct Built {
  runtime::BucketLayout layout;
  std::vector<int> arguments;
  std::vector<const analyze::TypedExpr*> lasts;
};

Built build(const AggregationModel& model) {
  Built out;
  runtime::BucketLayout& layout = out.layout;
  layout.granularities = model.granularities;
  layout.keyWidth = model.groupBy.size();
  CellSet cells(layout);
  layout.columns.push_back({BucketColumn::Kind::Timestamp});
  for (const AggregationColumn& column : model.columns) {
    BucketColumn c;
    c.type = column.type;
    switch (column.kind) {
      case AggregationColumn::Kind::GroupKey:
        c.kind = BucketColumn::Kind::GroupKey;
        c.index = column.groupKey;
        break;
      case AggregationColumn::Kind::Last:
        c.kind = BucketColumn::Kind::Last;
        c.index = static_cast<int>(out.lasts.size());
        out.lasts.push_back(&column.value);
        break;
      case AggregationColumn::Kind::Aggregate: {
        bool whole = integral(column.argumentType);
        switch (column.aggregate) {
          case AggregateKind::Count:
            c.kind = BucketColumn::Kind::Count;
            c.cell = cells.cell(CellKind::Count, -1);
            break;
          case AggregateKind::Sum:
            c.kind = BucketColumn::Kind::Sum;
            c.cell = cells.cell(whole ? CellKind::SumLong : CellKind::SumDouble, column.argument);
            break;
          case AggregateKind::Avg:
            c.kind = BucketColumn::Kind::Avg;
            c.cell = cells.cell(whole ? CellKind::SumLong : CellKind::SumDouble, column.argument);
            c.count = cells.cell(CellKind::Count, -1);
            break;
          case AggregateKind::Min:
            c.kind = BucketColumn::Kind::Min;
            c.cell = cells.cell(whole ? CellKind::MinLong : CellKind::MinDouble, column.argument);
            break;
          case AggregateKind::Max:
            c.kind = BucketColumn::Kind::Max;
            c.cell = cells.cell(whole ? CellKind::MaxLong : CellKind::MaxDouble, column.argument);
            break;
          case AggregateKind::DistinctCount:
            c.kind = BucketColumn::Kind::DistinctCount;
            c.cell = cells.cell(CellKind::Distinct, column.argument);
            break;
          default: throw std::logic_error("an aggregate the analyzer does not allow in aggregations");
        }
        break;
      }
    }
    layout.columns.push_back(c);
  }
  layout.lastWidth = out.lasts.size();
  out.arguments = cells.arguments();
  return out;
}

runtime::PurgeSettings purgeSettings(const analyze::PurgeModel& model) {
  runtime::PurgeSettings purge;
  purge.enabled = model.enabled;
  purge.intervalMs = model.intervalMs;
  purge.retentionMs = model.retentionMs;
  return purge;
}

}  // namespace

runtime::BucketLayout bucketLayout(const AggregationModel& model) { return build(model).layout; }

bool aggregationReadsClock(const AggregationModel& aggregation) {
  return aggregation.timestampAttribute < 0 || aggregation.purge.enabled;
}

void buildAggregation(const analyze::AppModel& model, const AggregationModel& aggregation, runtime::AppRuntime& app) {
  const auto& input = model.streams[aggregation.inputStream];
  size_t width = input.info.attributes.size();
  const runtime::Junction* faultStream = input.faultStream >= 0 ? app.junctions[input.faultStream].get() : nullptr;
  const runtime::FaultRouter* faults = app.addFaultRouter(std::make_unique<runtime::FaultRouter>(
      app.name() + ": aggregation '" + aggregation.name + "'", width, faultStream));

  Built built = build(aggregation);
  runtime::AggregationInputs inputs;
  inputs.timestamp = aggregation.timestampAttribute;
  inputs.timestampIsText = aggregation.timestampType == Type::String;
  inputs.keys = aggregation.groupBy;
  inputs.arguments = built.arguments;
  for (const analyze::TypedExpr* last : built.lasts) inputs.lasts.push_back(compileExpression(*last));
  auto* ingest = app.add(std::make_unique<runtime::IncrementalAggregation>(
      aggregation.name, std::move(built.layout), std::move(inputs), purgeSettings(aggregation.purge), faults));

  std::vector<runtime::Operator*> chain;
  for (const analyze::TypedExpr& filter : aggregation.filters)
    chain.push_back(app.add(std::make_unique<runtime::FilterOperator>(compileCondition(filter), faults)));
  chain.push_back(ingest);
  for (size_t i = 0; i + 1 < chain.size(); ++i) chain[i]->setNext(chain[i + 1]);
  app.junctions[aggregation.inputStream]->subscribe(chain.front());
  app.aggregations.push_back(ingest);

  runtime::StateElement element;
  element.identity = "aggregation " + aggregation.name;
  element.description = "aggregation '" + aggregation.name + "'";
  element.layout = input.info.name + analyze::schemaText(input.info.attributes) + " | " + aggregation.text + " | " +
                   ingest->stateLayout();
  element.operators = {ingest};
  app.addElement(std::move(element));
}

std::unique_ptr<runtime::AggregationReader> makeAggregationReader(
    const analyze::AggregationReadModel& read, const runtime::AppRuntime& app,
    const std::vector<std::pair<int, const analyze::TypedExpr*>>& keys) {
  std::vector<runtime::KeyFilter> filters;
  for (const auto& [index, value] : keys) filters.push_back({index, compileExpression(*value)});
  return std::make_unique<runtime::AggregationReader>(
      *app.aggregations.at(static_cast<size_t>(read.aggregation)), compileExpression(read.withinStart),
      read.withinEnd ? compileExpression(*read.withinEnd) : nullptr, compileExpression(read.per), std::move(filters));
}

}  // namespace cepheus::plan
