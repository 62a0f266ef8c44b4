#include "plan/shared_state.h"

#include <algorithm>
#include <optional>

namespace cepheus::plan {

namespace {

using analyze::AppModel;
using analyze::QueryModel;
using analyze::TypedExpr;

void tablesSearched(const TypedExpr& e, std::vector<SharedState>& out) {
  if (e.op == analyze::ExprOp::In) out.push_back({true, e.index});
  for (const TypedExpr& arg : e.args) tablesSearched(arg, out);
}

void tablesSearched(const std::vector<analyze::InputStep>& steps, std::vector<SharedState>& out) {
  for (const auto& step : steps) {
    if (step.kind == analyze::InputStep::Kind::Filter) tablesSearched(step.filter, out);
    if (step.kind == analyze::InputStep::Kind::StreamFunction)
      for (const auto& arg : step.function.args) tablesSearched(arg, out);
  }
}

// What the query searches: its join's table or window side, the tables of its `in` conditions.
std::vector<SharedState> searches(const QueryModel& q) {
  std::vector<SharedState> out;
  tablesSearched(q.steps, out);
  if (q.join) {
    for (const auto& side : q.join->sides) {
      if (side.kind == analyze::JoinSideModel::Kind::Table) out.push_back({true, side.table});
      if (side.kind == analyze::JoinSideModel::Kind::NamedWindow) out.push_back({false, side.stream});
      tablesSearched(side.steps, out);
    }
    if (q.join->on) tablesSearched(*q.join->on, out);
  }
  const auto& selector = q.selector;
  for (const auto& p : selector.projections) tablesSearched(p, out);
  for (const auto& a : selector.aggregates)
    for (const auto& arg : a.args) tablesSearched(arg, out);
  for (const auto& g : selector.groupBy) tablesSearched(g, out);
  if (selector.having) tablesSearched(*selector.having, out);
  if (q.tableOutput) {
    if (q.tableOutput->on) tablesSearched(*q.tableOutput->on, out);
    for (const auto& a : q.tableOutput->set) tablesSearched(a.value, out);
  }
  return out;
}

// What the query writes: the table of its output, or the named window it inserts into. (A
// delete or update also searches its table, but row by row in the same operator.)
std::optional<SharedState> writes(const AppModel& model, const QueryModel& q) {
  if (q.tableOutput) return SharedState{true, q.tableOutput->table};
  if (q.outputStream >= 0 && model.streams[static_cast<size_t>(q.outputStream)].namedWindow >= 0)
    return SharedState{false, q.outputStream};
  return std::nullopt;
}

bool reads(const QueryModel& q, int stream) {
  std::vector<int> inputs = q.inputStreams();
  return std::find(inputs.begin(), inputs.end(), stream) != inputs.end();
}

// The queries an event of `stream` reaches, directly or through the streams they write.
std::vector<const QueryModel*> reachedFrom(const AppModel& model, int stream) {
  std::vector<bool> seen(model.streams.size(), false);
  std::vector<int> todo{stream};
  seen[static_cast<size_t>(stream)] = true;
  std::vector<const QueryModel*> reached;
  while (!todo.empty()) {
    int s = todo.back();
    todo.pop_back();
    for (const QueryModel& q : model.queries) {
      if (!reads(q, s)) continue;
      if (std::find(reached.begin(), reached.end(), &q) == reached.end()) reached.push_back(&q);
      if (q.outputStream >= 0 && !seen[static_cast<size_t>(q.outputStream)]) {
        seen[static_cast<size_t>(q.outputStream)] = true;
        todo.push_back(q.outputStream);
      }
    }
  }
  return reached;
}

}  // namespace

bool independentOfSharedState(const AppModel& model) {
  for (size_t s = 0; s < model.streams.size(); ++s) {
    std::vector<SharedState> searched, written;
    for (const QueryModel* q : reachedFrom(model, static_cast<int>(s))) {
      for (const SharedState& state : searches(*q)) searched.push_back(state);
      if (auto w = writes(model, *q)) written.push_back(*w);
    }
    for (const SharedState& w : written)
      if (std::find(searched.begin(), searched.end(), w) != searched.end()) return false;
  }
  return true;
}

bool writtenFrom(const AppModel& model, const QueryModel& query, SharedState state) {
  if (writes(model, query) == state) return true;
  if (query.outputStream < 0) return false;
  for (const QueryModel* q : reachedFrom(model, query.outputStream))
    if (writes(model, *q) == state) return true;
  return false;
}

}  // namespace cepheus::plan
