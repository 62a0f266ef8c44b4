#include "plan/plan_table.h"

#include "plan/expression_compiler.h"
#include "plan/find_plan.h"
#include "runtime/table/table_operators.h"

namespace cepheus::plan {

void buildTable(const analyze::TableModel& model, runtime::AppRuntime& app, std::shared_ptr<TableStore> store) {
  runtime::Table::Definition definition{model.name, model.attributes, model.primaryKey, model.indexed, nullptr, 0, 0};
  if (model.store && store) {
    definition.store = std::move(store);
    definition.cacheSize = model.store->cacheSize;
    definition.cacheRetentionMs = model.store->cacheRetentionMs;
  }
  // A row the table refuses (its primary key is held) is logged, as Siddhi logs it.
  const runtime::FaultRouter* faults = app.addFaultRouter(std::make_unique<runtime::FaultRouter>(
      app.name() + ": table '" + model.name + "'", model.attributes.size(), nullptr));
  auto* table = app.add(std::make_unique<runtime::Table>(std::move(definition), faults));
  app.tables.push_back(table);
  runtime::StateElement element;
  element.identity = "table " + model.name;
  element.description = "table '" + model.name + "'";
  element.layout = table->stateLayout();
  element.operators = {table};
  app.addElement(std::move(element));
}

std::unique_ptr<runtime::TableChange> makeTableChange(const analyze::AppModel& model,
                                                     const analyze::TableChangeModel& change,
                                                     const runtime::AppRuntime& app, const runtime::FaultSink* faults) {
  const runtime::Table& table = *app.tables.at(static_cast<size_t>(change.table));
  using Kind = analyze::TableChangeModel::Kind;
  const auto& columns = model.tables[static_cast<size_t>(change.table)].attributes;
  std::vector<runtime::SetAssignment> set;
  for (const auto& a : change.set)
    set.push_back({a.column, compileConverted(a.value, columns[static_cast<size_t>(a.column)].type)});
  runtime::TableChange::Kind kind = change.kind == Kind::Delete   ? runtime::TableChange::Kind::Delete
                                    : change.kind == Kind::Update ? runtime::TableChange::Kind::Update
                                                                  : runtime::TableChange::Kind::UpdateOrInsert;
  return std::make_unique<runtime::TableChange>(kind, table, compileFind(change.on, 1, table, columns), std::move(set),
                                                faults);
}

runtime::Operator* buildTableChange(const analyze::AppModel& model, const analyze::TableChangeModel& change,
                                    const std::vector<AttributeInfo>& written, const std::string& where,
                                    runtime::AppRuntime& app) {
  if (change.kind == analyze::TableChangeModel::Kind::Insert) return app.tables.at(static_cast<size_t>(change.table));
  // The changed row is reported with the row that asked for the change (logged: it is the
  // query's output, not an event of a stream with a fault stream).
  const runtime::FaultRouter* faults =
      app.addFaultRouter(std::make_unique<runtime::FaultRouter>(where, written.size(), nullptr));
  return app.add(makeTableChange(model, change, app, faults));
}

}  // namespace cepheus::plan
