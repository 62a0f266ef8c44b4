// Syntax tree -> checked app model. Reports every semantic problem it finds.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "cepheus/diagnostic.h"
#include "cepheus/functions.h"
#include "parse/ast.h"

namespace cepheus::analyze {

// Appends every problem to `diagnostics`: errors, and warnings for what is ignored. Null when
// an error was reported. Calls of user functions resolve against `userFunctions` (none when
// null).
std::unique_ptr<AppModel> analyze(const ast::App& app, Diagnostics& diagnostics,
                                  const FunctionRegistry* userFunctions = nullptr);

}  // namespace cepheus::analyze
