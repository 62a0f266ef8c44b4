#include "plan/plan_window.h"

#include <stdexcept>

#include "plan/expression_compiler.h"
#include "plan/plan_selector.h"
#include "plan/plan_state.h"
#include "runtime/aggregator.h"
#include "runtime/window_output.h"
#include "runtime/windows/batch_window.h"
#include "runtime/windows/cron_window.h"
#include "runtime/windows/delay_window.h"
#include "runtime/windows/expression_batch_window.h"
#include "runtime/windows/expression_window.h"
#include "runtime/windows/external_time_batch_window.h"
#include "runtime/windows/external_time_window.h"
#include "runtime/windows/frequent_windows.h"
#include "runtime/windows/length_batch_window.h"
#include "runtime/windows/length_window.h"
#include "runtime/windows/session_window.h"
#include "runtime/windows/sort_window.h"
#include "runtime/windows/time_batch_window.h"
#include "runtime/windows/time_window.h"

namespace cepheus::plan {

namespace {

using analyze::TypedExpr;
using WindowPtr = std::unique_ptr<runtime::StatefulOperator>;

// The analyzer (window_rules.cpp) has checked every argument's shape; these only read them.
int64_t longArg(const TypedExpr& e) { return e.constant.asLong(); }
size_t countArg(const TypedExpr& e) { return static_cast<size_t>(e.constant.asLong()); }
bool isAttribute(const TypedExpr& e) { return e.op == analyze::ExprOp::Attribute; }

std::vector<int> attributeIndices(const std::vector<TypedExpr>& args, size_t from) {
  std::vector<int> indices;
  for (size_t i = from; i < args.size(); ++i) indices.push_back(args[i].index);
  return indices;
}

WindowPtr makeTimeBatch(const std::vector<TypedExpr>& args, size_t width) {
  std::optional<int64_t> start;
  bool streamCurrent = false;
  if (args.size() >= 2) {
    if (args[1].type == Type::Bool) {
      streamCurrent = args[1].constant.asBool();
    } else {
      start = longArg(args[1]);
    }
  }
  if (args.size() == 3) streamCurrent = args[2].constant.asBool();
  return std::make_unique<runtime::TimeBatchWindow>(longArg(args[0]), start, streamCurrent, width);
}

WindowPtr makeExternalTimeBatch(const std::vector<TypedExpr>& args, size_t width) {
  runtime::ExternalTimeBatchWindow::Start start;
  if (args.size() >= 3) {
    if (isAttribute(args[2])) {
      start.attribute = args[2].index;
    } else {
      start.constant = longArg(args[2]);
    }
  }
  int64_t timeout = args.size() >= 4 ? longArg(args[3]) : 0;
  bool replace = args.size() == 5 && args[4].constant.asBool();
  return std::make_unique<runtime::ExternalTimeBatchWindow>(args[0].index, longArg(args[1]), start, timeout, replace,
                                                            width);
}

WindowPtr makeSort(const std::vector<TypedExpr>& args, size_t width) {
  std::vector<runtime::SortWindow::Key> keys;
  for (size_t i = 1; i < args.size(); ++i) {
    if (!isAttribute(args[i])) {
      std::string_view order = args[i].constant.asString();
      keys.back().descending = order.size() == 4 && (order[0] == 'd' || order[0] == 'D');
      continue;
    }
    keys.push_back({args[i].index, false});
  }
  return std::make_unique<runtime::SortWindow>(countArg(args[0]), std::move(keys), width);
}

WindowPtr makeSession(const std::vector<TypedExpr>& args, size_t width) {
  int key = -1;
  int64_t latency = 0;
  if (args.size() >= 2) {
    if (isAttribute(args[1])) {
      key = args[1].index;
    } else {
      latency = longArg(args[1]);
    }
  }
  if (args.size() == 3) latency = longArg(args[2]);
  return std::make_unique<runtime::SessionWindow>(longArg(args[0]), key, latency, width);
}

WindowPtr makeLossyFrequent(const std::vector<TypedExpr>& args, size_t width) {
  double support = args[0].constant.toDouble();
  double error = args.size() >= 2 ? args[1].constant.toDouble() : support / 10;
  return std::make_unique<runtime::LossyFrequentWindow>(support, error, attributeIndices(args, 2), width);
}

// The checked condition of expression / expressionBatch with its own aggregates. Both windows
// remove events oldest first, so min/max may use the monotonic deque.
runtime::WindowCondition makeCondition(const analyze::WindowSpec& window) {
  std::vector<std::unique_ptr<runtime::Aggregator>> aggregators;
  std::vector<runtime::EvaluatorPtr> arguments;
  for (const auto& call : window.conditionAggregates) {
    aggregators.push_back(runtime::makeAggregator(aggregateKind(call.kind),
                                                  call.args.empty() ? Type::Long : call.args[0].type, true,
                                                  aggregateParams(call)));
    arguments.push_back(aggregateArgument(call));
  }
  return runtime::WindowCondition(compileCondition(*window.condition), runtime::AggregateSet(std::move(aggregators)),
                                  std::move(arguments));
}

WindowPtr makeCron(const std::vector<TypedExpr>& args, size_t width) {
  std::string error;
  std::string text(args[0].constant.asString());
  auto schedule = CronSchedule::parse(text, error);
  if (!schedule) throw std::logic_error("cron expression passed the analyzer but does not parse: " + error);
  return std::make_unique<runtime::CronWindow>(std::move(*schedule), text, width);
}

}  // namespace

WindowPtr makeWindow(const analyze::WindowSpec& window, size_t width) {
  const auto& args = window.args;
  const std::string& name = window.name;
  if (name == "length") return std::make_unique<runtime::LengthWindow>(countArg(args[0]), width);
  if (name == "lengthBatch")
    return std::make_unique<runtime::LengthBatchWindow>(countArg(args[0]), args.size() == 2 && args[1].constant.asBool(),
                                                        width);
  if (name == "time") return std::make_unique<runtime::TimeWindow>(longArg(args[0]), 0, width);
  if (name == "timeLength") return std::make_unique<runtime::TimeWindow>(longArg(args[0]), countArg(args[1]), width);
  if (name == "timeBatch") return makeTimeBatch(args, width);
  if (name == "externalTime") return std::make_unique<runtime::ExternalTimeWindow>(args[0].index, longArg(args[1]), width);
  if (name == "externalTimeBatch") return makeExternalTimeBatch(args, width);
  if (name == "sort") return makeSort(args, width);
  if (name == "delay") return std::make_unique<runtime::DelayWindow>(longArg(args[0]), width);
  if (name == "batch") return std::make_unique<runtime::BatchWindow>(args.empty() ? 0 : countArg(args[0]), width);
  if (name == "session") return makeSession(args, width);
  if (name == "frequent")
    return std::make_unique<runtime::FrequentWindow>(countArg(args[0]), attributeIndices(args, 1), width);
  if (name == "lossyFrequent") return makeLossyFrequent(args, width);
  if (name == "expression")
    return std::make_unique<runtime::ExpressionWindow>(makeCondition(window), std::string(args[0].constant.asString()),
                                                       width);
  if (name == "expressionBatch")
    return std::make_unique<runtime::ExpressionBatchWindow>(
        makeCondition(window), std::string(args[0].constant.asString()), args.size() >= 2 && args[1].constant.asBool(),
        args.size() == 3 && args[2].constant.asBool(), width);
  if (name == "cron") return makeCron(args, width);
  throw std::logic_error("window '" + name + "' passed the analyzer but has no runtime");
}

bool windowReadsClock(const analyze::WindowSpec& window) {
  const std::string& name = window.name;
  if (name == "time" || name == "timeLength" || name == "timeBatch" || name == "delay" || name == "session" ||
      name == "cron")
    return true;
  if (name == "externalTimeBatch") return window.args.size() >= 4 && longArg(window.args[3]) > 0;
  if (window.condition && usesClock(*window.condition)) return true;
  for (const auto& call : window.conditionAggregates)
    for (const auto& arg : call.args)
      if (usesClock(arg)) return true;
  return false;
}

bool windowExpiresInArrivalOrder(const analyze::WindowSpec& window) {
  return window.name != "sort" && window.name != "session" && window.name != "frequent" &&
         window.name != "lossyFrequent";
}

// A named window: its junction (written by inserts) feeds the window, whose chunks go to a
// second junction that the queries reading the window subscribe to.
void buildNamedWindow(const analyze::AppModel& model, const analyze::NamedWindowModel& w, runtime::AppRuntime& app) {
  const auto& info = model.streams[w.stream].info;
  auto& readers = app.windowReaders[w.stream];
  readers = std::make_unique<runtime::Junction>(info);
  auto* window = app.add(makeWindow(w.window, info.attributes.size()));
  auto* output = app.add(std::make_unique<runtime::WindowOutput>(readers.get(), w.output != ast::OutputEvents::Expired,
                                                                 w.output != ast::OutputEvents::Current));
  window->setNext(output);
  app.junctions[w.stream]->subscribe(window);
  app.addElement(namedWindowElement(info, w, {window}));
}

}  // namespace cepheus::plan
