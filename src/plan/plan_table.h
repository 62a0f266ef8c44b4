// Tables: the runtime table of each `define table`, and the operators that change a table's rows
// at the end of a query (or of an on-demand query).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"
#include "runtime/table/table_operators.h"

namespace cepheus::plan {

// Adds the table to the app (its rows are saved as the element "table T"); on `store` when the
// table has @store.
void buildTable(const analyze::TableModel& table, runtime::AppRuntime& app, std::shared_ptr<TableStore> store);

// The operator that ends a chain whose rows (of `written` attributes) change a table: for an
// insert the table itself, otherwise the delete, update or update-or-insert. `where` names the
// query in reports of rows whose change failed.
runtime::Operator* buildTableChange(const analyze::AppModel& model, const analyze::TableChangeModel& change,
                                    const std::vector<AttributeInfo>& written, const std::string& where,
                                    runtime::AppRuntime& app);

// The delete, update or update-or-insert of `change` (not an insert), reporting failed rows to
// `faults`; not yet taken by anything (an on-demand query owns its own).
std::unique_ptr<runtime::TableChange> makeTableChange(const analyze::AppModel& model,
                                                     const analyze::TableChangeModel& change,
                                                     const runtime::AppRuntime& app, const runtime::FaultSink* faults);

}  // namespace cepheus::plan
