// What a query's output (or an on-demand query) does to a table: `insert into T`,
// `delete T on cond`, `update T [set T.a = v, ...] on cond`, `update or insert into T [set ...]
// on cond`. `on` and the right sides of `set` see the written row (its attributes unqualified)
// and the table's row (written T.a).
#include <set>

#include "analyze/app_analyzer.h"
#include "analyze/definition_helpers.h"
#include "common/closest_name.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

// Whether a value of type `from` may be stored in an attribute of type `to`: the same type, a
// number widened (int into long, ...), anything into an object.
bool assignable(Type from, Type to) {
  if (from == to || to == Type::Object) return true;
  return isNumeric(from) && isNumeric(to) && widerNumeric(from, to) == to;
}

int columnOf(const TableModel& table, const std::string& name) {
  for (size_t i = 0; i < table.attributes.size(); ++i)
    if (table.attributes[i].name == name) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> attributeNames(const TableModel& table) {
  std::vector<std::string> names;
  for (const auto& a : table.attributes) names.push_back(a.name);
  return names;
}

}  // namespace

std::optional<TableChangeModel> AppAnalyzer::tableChange(const ast::Output& output,
                                                         const std::vector<AttributeInfo>& written) {
  const TableModel* table = findTable(output.target);
  if (!table) {
    error(output.pos, "'" + output.target + "' is not a table: update and delete work on tables");
    return std::nullopt;
  }
  TableChangeModel change;
  change.table = model_.findTable(output.target);
  auto sameSchemaAsTable = [&]() {
    if (sameSchema(table->attributes, written)) return true;
    error(output.pos, "the query selects " + schemaText(written) + " but table '" + table->name + "' has " +
                          schemaText(table->attributes) + ": names and types must match");
    return false;
  };
  switch (output.kind) {
    case ast::Output::Kind::Insert:
      change.kind = TableChangeModel::Kind::Insert;
      if (!sameSchemaAsTable()) return std::nullopt;
      return change;
    case ast::Output::Kind::Delete: change.kind = TableChangeModel::Kind::Delete; break;
    case ast::Output::Kind::Update: change.kind = TableChangeModel::Kind::Update; break;
    case ast::Output::Kind::UpdateOrInsert:
      change.kind = TableChangeModel::Kind::UpdateOrInsert;
      // The row is inserted as it is when nothing matches.
      if (!sameSchemaAsTable()) return std::nullopt;
      break;
    case ast::Output::Kind::Return: return std::nullopt;
  }

  Scope scope;
  scope.slots.push_back({"the selected row", "", &written, false});
  ScopeSlot row{table->name, "", &table->attributes, false};
  row.qualifiedOnly = true;
  scope.slots.push_back(row);
  bool ok = true;
  if (output.on) {
    scope.place = "'on'";
    auto on = expressions_.checkCondition(*output.on, scope);
    if (on) {
      change.on = std::move(*on);
    } else {
      ok = false;
    }
  }
  if (change.kind == TableChangeModel::Kind::Delete) return ok ? std::optional(std::move(change)) : std::nullopt;

  std::set<int> assigned;
  if (output.set.empty()) {
    // Without `set`, every selected attribute goes into the table attribute of its name.
    for (size_t i = 0; i < written.size(); ++i) {
      int column = columnOf(*table, written[i].name);
      if (column < 0) {
        error(output.pos, "an update without 'set' writes each selected attribute into the table attribute of its "
                          "name, but table '" + table->name + "' has no attribute '" + written[i].name + "'" +
                              didYouMean(written[i].name, attributeNames(*table)));
        ok = false;
        continue;
      }
      if (!assignable(written[i].type, table->attributes[column].type)) {
        error(output.pos, "the selected attribute '" + written[i].name + "' is " + typeName(written[i].type) +
                              ", but the attribute of table '" + table->name + "' it updates is " +
                              typeName(table->attributes[column].type));
        ok = false;
        continue;
      }
      TypedExpr value;
      value.op = ExprOp::Attribute;
      value.type = written[i].type;
      value.slot = 0;
      value.index = static_cast<int>(i);
      value.text = written[i].name;
      change.set.push_back({column, std::move(value)});
    }
    return ok ? std::optional(std::move(change)) : std::nullopt;
  }
  scope.place = "'set'";
  for (const ast::SetAssignment& a : output.set) {
    const ast::Expr& target = *a.target;
    if (target.kind != ast::ExprKind::Attribute || target.index ||
        (!target.streamRef.empty() && target.streamRef != table->name)) {
      error(target.pos, "'set' assigns attributes of table '" + table->name + "' (" + table->name + ".x = ...), not " +
                            quoteSource(target.text));
      ok = false;
      continue;
    }
    int column = columnOf(*table, target.name);
    if (column < 0) {
      error(target.pos, "table '" + table->name + "' has no attribute '" + target.name + "'" +
                            didYouMean(target.name, attributeNames(*table)));
      ok = false;
      continue;
    }
    if (!assigned.insert(column).second) {
      error(target.pos, "'set' assigns " + table->name + "." + target.name + " twice");
      ok = false;
      continue;
    }
    auto value = expressions_.check(*a.value, scope);
    if (!value) {
      ok = false;
      continue;
    }
    Type to = table->attributes[column].type;
    if (!assignable(value->type, to)) {
      error(a.value->pos, "cannot assign " + std::string(typeName(value->type)) + " " + quoteSource(a.value->text) +
                              " to " + typeName(to) + " attribute " + table->name + "." + target.name);
      ok = false;
      continue;
    }
    change.set.push_back({column, std::move(*value)});
  }
  return ok ? std::optional(std::move(change)) : std::nullopt;
}

}  // namespace cepheus::analyze
