// Which windows exist, which this engine runs, and the parameters each takes.
#pragma once

#include <string>
#include <vector>

#include "analyze/app_model.h"
#include "analyze/expression_checker.h"
#include "analyze/scope.h"

namespace cepheus::analyze {

bool isKnownWindow(const std::string& name);     // a built-in window of Siddhi 5.1
bool isRunnableWindow(const std::string& name);  // one this engine executes
std::vector<std::string> knownWindows();          // the names isKnownWindow accepts

// Checks the already-typed parameters of `window` against the window's signature; reports
// what is wrong at the window's position. `input` is the scope of the window's input (slot 0):
// the condition of an expression window is parsed and checked over it and kept in `window`.
bool checkWindowParameters(WindowSpec& window, const Scope& input, ExpressionChecker& reporter);

}  // namespace cepheus::analyze
