// Output rate limiting: `output [all|first|last] every N events | T`, `output snapshot every T`.
// Besides checking the rate, this tells the limiter what it cannot see in an output row: which
// columns hold the group by keys, which hold aggregates, and whether the input has a window.
#include "analyze/app_analyzer.h"

namespace cepheus::analyze {

namespace {

using Kind = ast::OutputRate::Kind;
using Which = ast::OutputRate::Which;

bool isIntegerConstant(const ast::Expr& e) {
  return e.kind == ast::ExprKind::Constant &&
         (e.constKind == ast::ConstKind::Int || e.constKind == ast::ConstKind::Long);
}

// The output column that selects group by key `key` unchanged, or -1.
int selectedColumn(const TypedExpr& key, const SelectorModel& selector) {
  for (size_t i = 0; i < selector.projections.size(); ++i) {
    const TypedExpr& p = selector.projections[i];
    if (p.op == ExprOp::Attribute && p.slot == key.slot && p.index == key.index) return static_cast<int>(i);
  }
  return -1;
}

// Whether the limiter must tell groups apart (Siddhi's group-by limiter variants).
bool needsGroupKeys(const OutputRateModel& rate) {
  switch (rate.kind) {
    case Kind::Events:
    case Kind::Time: return rate.which != Which::All;
    // A windowed snapshot without aggregates re-emits the window content, whatever the groups.
    case Kind::Snapshot: return !rate.windowed || !rate.aggregateColumns.empty();
    case Kind::None: return false;
  }
  return false;
}

}  // namespace

bool AppAnalyzer::outputRate(const ast::OutputRate& rate, const ast::Output& output, QueryModel& model) {
  if (rate.kind == Kind::None) return true;
  OutputRateModel& out = model.rate;
  out.kind = rate.kind;
  out.which = rate.which;
  if (!rate.value) {
    error(rate.pos, "output rate limiting needs 'every <count> events' or 'every <time>'");
    return false;
  }
  const ast::Expr& value = *rate.value;
  if (rate.kind == Kind::Events) {
    if (!isIntegerConstant(value) || value.isTime || value.intValue <= 0) {
      error(value.pos, "'output every " + value.text + " events' needs a positive whole number of events");
      return false;
    }
    out.events = value.intValue;
  } else {
    if (!isIntegerConstant(value) || value.intValue <= 0) {
      error(value.pos, "'output every " + value.text + "' needs a time period greater than 0, like '1 sec'");
      return false;
    }
    out.periodMs = value.intValue;
  }

  if (rate.kind == Kind::Snapshot) {
    // A snapshot reflects what enters and leaves the window, so it sees all events: an explicit
    // `current` or `expired` is a contradiction.
    bool explicitOther = output.eventsExplicit && output.events != ast::OutputEvents::All;
    if (explicitOther) {
      error(rate.pos, "'output snapshot' sends all events: write 'insert into' or 'insert all events into', "
                      "not 'insert current events into' or 'insert expired events into'");
      return false;
    }
    model.selector.events = ast::OutputEvents::All;
  }

  for (const auto& step : model.steps)
    if (step.kind == InputStep::Kind::Window) out.windowed = true;
  if (!model.pattern && model_.streams[model.inputStream].namedWindow >= 0) out.windowed = true;  // reads a named window
  SelectorModel& selector = model.selector;
  for (size_t i = 0; i < selector.projections.size(); ++i)
    if (selector.projections[i].op == ExprOp::Aggregate) out.aggregateColumns.push_back(static_cast<int>(i));
  if (selector.groupBy.empty() || !needsGroupKeys(out)) return true;
  for (const TypedExpr& key : selector.groupBy) {
    int column = selectedColumn(key, selector);
    if (column < 0) {
      // The key is not selected: the selector computes it as a hidden column after the output
      // attributes. Rows are views, so the stream written to never sees it.
      selector.projections.push_back(key);
      column = static_cast<int>(selector.projections.size() - 1);
    }
    out.groupColumns.push_back(column);
  }
  return true;
}

}  // namespace cepheus::analyze
