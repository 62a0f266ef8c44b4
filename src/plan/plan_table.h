// Tables: the runtime table of each `define table`, and the operators that change a table's rows
// at the end of a query (or of an on-demand query).
#pragma once

#include <string>
#include <vector>

#include "analyze/app_model.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

// Adds the table to the app (its rows are saved as the element "table T").
void buildTable(const analyze::TableModel& table, runtime::AppRuntime& app);

// The operator that ends a chain whose rows (of `written` attributes) change a table: for an
// insert the table itself, otherwise the delete, update or update-or-insert. `where` names the
// query in reports of rows whose change failed.
runtime::Operator* buildTableChange(const analyze::AppModel& model, const analyze::TableChangeModel& change,
                                    const std::vector<AttributeInfo>& written, const std::string& where,
                                    runtime::AppRuntime& app);

}  // namespace cepheus::plan
