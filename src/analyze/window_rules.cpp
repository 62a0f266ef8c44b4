#include "analyze/window_rules.h"

#include <set>

namespace cepheus::analyze {

namespace {

const std::set<std::string> kKnownWindows = {
    "length",       "lengthBatch",       "time",     "timeBatch",     "timeLength",
    "externalTime", "externalTimeBatch", "sort",     "frequent",      "lossyFrequent",
    "session",      "delay",             "batch",    "expression",    "expressionBatch",
    "cron",
};

const std::set<std::string> kRunnableWindows = {"length"};

bool positiveIntConstant(const TypedExpr& e) {
  return e.isConstant() && e.type == Type::Int && e.constant.asInt() > 0;
}

}  // namespace

bool isKnownWindow(const std::string& name) { return kKnownWindows.count(name) > 0; }
bool isRunnableWindow(const std::string& name) { return kRunnableWindows.count(name) > 0; }

bool checkWindowParameters(const WindowSpec& window, ExpressionChecker& reporter) {
  const auto& args = window.args;
  if (window.name == "length") {
    if (args.size() == 1 && positiveIntConstant(args[0])) return true;
    reporter.error(window.pos, "window 'length' takes one positive int constant, e.g. length(10)");
    return false;
  }
  reporter.error(window.pos, "window '" + window.name + "' is not supported yet");
  return false;
}

}  // namespace cepheus::analyze
