// Syntax tree -> checked app model. Reports every semantic problem it finds.
#pragma once

#include <memory>

#include "analyze/app_model.h"
#include "cepheus/diagnostic.h"
#include "parse/ast.h"

namespace cepheus::analyze {

// Null when anything was reported into `diagnostics`.
std::unique_ptr<AppModel> analyze(const ast::App& app, Diagnostics& diagnostics);

}  // namespace cepheus::analyze
