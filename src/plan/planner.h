// Checked app model -> running operator graph: one junction per stream, one operator chain
// per query (input steps -> selector -> insert), expressions compiled to typed evaluators.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyze/app_model.h"
#include "cepheus/table_store.h"
#include "runtime/app_runtime.h"

namespace cepheus::plan {

// `name`: the app's name (the model's, or one the engine gave an unnamed app). `stores`: by
// table (AppModel::tables), the store of each table with @store (the API made them with the
// engine's store factories); missing or null: the table keeps its rows in memory.
std::unique_ptr<runtime::AppRuntime> buildApp(const analyze::AppModel& model, const std::string& name,
                                              runtime::EngineServices services,
                                              const std::vector<std::shared_ptr<TableStore>>& stores = {});

}  // namespace cepheus::plan
