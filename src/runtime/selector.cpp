#include "runtime/selector.h"

#include <algorithm>

#include "runtime/aggregate_states.h"
#include "runtime/app_state.h"
#include "runtime/selector_state.h"

namespace cepheus::runtime {

namespace {

AggregateSet aggregateSet(const SelectorPlan& plan) {
  std::vector<std::unique_ptr<Aggregator>> aggregators;
  for (const auto& a : plan.aggregates)
    aggregators.push_back(makeAggregator(a.kind, a.argType, plan.arrivalOrderExpiry, a.params));
  return AggregateSet(std::move(aggregators));
}

}  // namespace

Selector::Selector(SelectorPlan plan, const FaultSink* faults)
    : plan_(std::move(plan)),
      faults_(faults),
      aggregates_(aggregateSet(plan_)),
      width_(plan_.projections.size()),
      aggregating_(!plan_.aggregates.empty()),
      chunkSensitive_(aggregating_ || !plan_.orderBy.empty() || plan_.limit || plan_.offset) {
  for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
    const auto& a = plan_.aggregates[i];
    AggregateStep step;
    step.fast = aggregates_.at(i).fast();
    step.offset = static_cast<uint32_t>(aggregates_.offset(i));
    if (a.argument && a.argument->direct >= 0) step.direct = a.argument->direct;
    if (a.argument && a.argument->direct < 0) step.expression = a.argument->expression.get();
    steps_.push_back(step);
  }
  inlineAggregates_ = std::all_of(steps_.begin(), steps_.end(), [](const AggregateStep& step) {
    return step.fast != AggregateFast::None && !step.expression;
  });
  const bool simpleShape = aggregating_ && inlineAggregates_ && !plan_.having && plan_.orderBy.empty() &&
                           !plan_.limit && !plan_.offset &&
                           std::all_of(plan_.projections.begin(), plan_.projections.end(),
                                       [](const RowValue& p) { return p.direct >= 0 || p.aggregate >= 0; });
  simpleSingleGroup_ = simpleShape && plan_.groupBy.empty();
  simpleGrouped_ = simpleShape && plan_.groupBy.size() == 1 && plan_.groupBy[0].direct >= 0;
  if (simpleGrouped_) groupKey_ = plan_.groupBy[0].direct;
}

std::unique_ptr<OperatorState> Selector::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(*this);
}

std::string Selector::stateLayout() const {
  return "select(" + aggregates_.layout() + "; group by " + std::to_string(plan_.groupBy.size()) + ")";
}

void Selector::process(ExecContext& ctx, const Chunk& chunk) const {
  if (plan_.identity) {
    // The usual case, every row current and current rows wanted: the chunk itself goes on.
    bool all = true;
    for (const EventRow& row : chunk.rows) all = all && qualifies(row.kind);
    if (all) {
      emit(ctx, chunk);
      return;
    }
    Chunk& out = ctx.lane.scratch<Scratch>(id()).out;
    out.rows.clear();
    out.independent = chunk.independent;
    for (const EventRow& row : chunk.rows)
      if (qualifies(row.kind)) out.rows.push_back(row);
    emit(ctx, out);
    return;
  }
  if (simpleSingleGroup_) {
    // One part, or with unrelated arrivals one part each.
    Scratch& scratch = begin(ctx, chunk.rows.size());
    scratch.ends.clear();
    if (chunk.independent) {
      for (uint32_t end = 1; end <= chunk.rows.size(); ++end) scratch.ends.push_back(end);
    } else {
      scratch.ends.push_back(static_cast<uint32_t>(chunk.rows.size()));
    }
    processSimpleParts(ctx, scratch, chunk, scratch.ends);
    flushParts(ctx, scratch);
    return;
  }
  if (chunk.rows.size() == 1 && aggregating_) {
    // The chunk of an app processed event by event, or of a timer's expiry.
    if (simpleGrouped_) {
      processSimpleGroupedRow(ctx, chunk.rows[0]);
      return;
    }
    Scratch& scratch = begin(ctx, 1);
    processPart(ctx, scratch, chunk.rows.data(), 1);
    emit(ctx, scratch.out);
    return;
  }
  Scratch& scratch = begin(ctx, chunk.rows.size());
  if (chunk.independent && chunkSensitive_) {
    // Unrelated arrivals are each a chunk of their own when the output depends on chunk bounds.
    for (const EventRow& row : chunk.rows) {
      size_t partBegin = scratch.out.rows.size();
      processPart(ctx, scratch, &row, 1);
      endPart(ctx, scratch, partBegin);
    }
    flushParts(ctx, scratch);
    return;
  }
  // One chunk; or unrelated arrivals whose output rows map one to one to them (no aggregates,
  // order or limit), which stay unrelated for the queries downstream.
  processPart(ctx, scratch, chunk.rows.data(), chunk.rows.size());
  scratch.out.independent = chunk.independent;
  emit(ctx, scratch.out);
}

void Selector::processParts(ExecContext& ctx, const Chunk& chunk, std::span<const uint32_t> ends) const {
  Scratch& scratch = begin(ctx, chunk.rows.size());
  if (simpleSingleGroup_) {
    processSimpleParts(ctx, scratch, chunk, ends);
    flushParts(ctx, scratch);
    return;
  }
  uint32_t from = 0;
  for (uint32_t end : ends) {
    size_t partBegin = scratch.out.rows.size();
    processPart(ctx, scratch, chunk.rows.data() + from, end - from);
    endPart(ctx, scratch, partBegin);
    from = end;
  }
  flushParts(ctx, scratch);
}

// Output rows of all the parts of one input chunk are gathered and emitted together. Room for as
// many rows as come in is reserved first (a part never emits more rows than it has), so the
// rows gathered stay where they are.
Selector::Scratch& Selector::begin(ExecContext& ctx, size_t inputRows) const {
  Scratch& scratch = ctx.lane.scratch<Scratch>(id());
  scratch.values.clear();
  scratch.values.reserve(inputRows * width_);
  scratch.out.rows.clear();
  return scratch;
}

// A part's rows are one chunk downstream. When every part gave at most one row, the rows are
// unrelated arrivals and travel as one independent chunk; a part with several rows is sent as a
// chunk of its own, after the rows gathered before it.
void Selector::endPart(ExecContext& ctx, Scratch& scratch, size_t partBegin) const {
  size_t rows = scratch.out.rows.size() - partBegin;
  if (rows > 1) {
    if (partBegin > 0) {
      Chunk earlier;
      earlier.rows.assign(scratch.out.rows.begin(), scratch.out.rows.begin() + static_cast<std::ptrdiff_t>(partBegin));
      earlier.independent = true;
      scratch.out.rows.erase(scratch.out.rows.begin(), scratch.out.rows.begin() + static_cast<std::ptrdiff_t>(partBegin));
      emit(ctx, earlier);
    }
    scratch.out.independent = false;
    emit(ctx, scratch.out);
    scratch.out.rows.clear();
  }
}

// What is left gathered comes from parts of one row each.
void Selector::flushParts(ExecContext& ctx, Scratch& scratch) const {
  scratch.out.independent = true;
  emit(ctx, scratch.out);
}

Selector::Group& Selector::groupOf(ExecContext& ctx, Scratch& scratch, const EventRow& row) const {
  State& s = state<State>(ctx);
  if (!s.table) return s.single;
  const Value* key;
  if (plan_.groupBy.size() == 1 && plan_.groupBy[0].direct >= 0) {
    key = &row.data[plan_.groupBy[0].direct];  // one attribute: hash it in place
  } else {
    const EventRow* slot = &row;
    EvalContext eval = EvalContext::of(slot, nullptr, &ctx.app.clock);
    scratch.key.clear();
    for (const auto& k : plan_.groupBy) scratch.key.push_back(k.read(eval, row));
    key = scratch.key.data();
  }
  size_t h = GroupTable::hash(key, plan_.groupBy.size());
  uint32_t index = s.table->find(key, h);
  if (index == GroupTable::kAbsent) {
    index = s.table->insert(key, h);
    s.groups.push_back(std::make_unique<Group>(aggregates_));
  }
  return *s.groups[index];
}

void Selector::update(Group& group, const EventRow& row, const Clock* clock) const {
  const bool adding = row.kind == EventKind::Current;
  std::byte* states = group.states.get();
  group.stale = true;
  if (inlineAggregates_) {
    for (const AggregateStep& step : steps_)
      aggregates::updateInline(step.fast, states + step.offset, step.direct >= 0 ? row.data[step.direct] : one_, adding);
    return;
  }
  for (size_t i = 0; i < steps_.size(); ++i) {
    const AggregateStep& step = steps_[i];
    if (step.expression) {
      // Only an expression argument produces a new value; attributes are read in place.
      const EventRow* slot = &row;
      Value computed = step.expression->evalValue(EvalContext::of(slot, nullptr, clock));
      if (!aggregates::updateInline(step.fast, states + step.offset, computed, adding))
        adding ? aggregates_.add(states, i, computed) : aggregates_.remove(states, i, computed);
      continue;
    }
    const Value& arg = step.direct >= 0 ? row.data[step.direct] : one_;
    if (!aggregates::updateInline(step.fast, states + step.offset, arg, adding))
      adding ? aggregates_.add(states, i, arg) : aggregates_.remove(states, i, arg);
  }
}

// Aggregate results are computed when a row of the group is projected, not on every update.
const Value* Selector::results(Group& group) const {
  if (!group.results) group.results = std::make_unique<Value[]>(steps_.size());
  if (group.stale) {
    const std::byte* states = group.states.get();
    for (size_t i = 0; i < steps_.size(); ++i) {
      const AggregateStep& step = steps_[i];
      group.results[i] =
          step.fast != AggregateFast::None ? aggregates::resultInline(step.fast, states + step.offset) : aggregates_.result(states, i);
    }
    group.stale = false;
  }
  return group.results.get();
}

bool Selector::project(ExecContext& ctx, Scratch& scratch, const EventRow& row, const Value* aggregates) const {
  const EventRow* slot = &row;
  EvalContext eval = EvalContext::of(slot, aggregates, &ctx.app.clock);
  std::vector<Value>& values = scratch.values;
  size_t start = values.size();
  for (const auto& p : plan_.projections) p.appendTo(values, eval, row);
  if (plan_.having) {
    EventRow output{values.data() + start, row.timestamp, row.kind};
    const EventRow* outputSlot = &output;
    EvalContext havingCtx{&outputSlot, nullptr, &ctx.app.clock};
    bool pass = false;
    if (!plan_.having->eval(havingCtx, pass) || !pass) {
      values.resize(start);
      return false;
    }
  }
  // values was reserved for the whole chunk, so this pointer stays valid.
  scratch.out.rows.push_back({values.data() + start, row.timestamp, row.kind});
  return true;
}

void Selector::processPart(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const {
  const size_t partBegin = scratch.out.rows.size();
  if (aggregating_ && plan_.groupBy.empty() && !plan_.having) {
    processSingleGroupPart(ctx, scratch, rows, count);
  } else {
    processRows(ctx, scratch, rows, count);
  }
  finishPart(scratch, partBegin);
}

void Selector::processRows(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const {
  Chunk& out = scratch.out;
  std::vector<Value>& values = scratch.values;
  for (size_t r = 0; r < count; ++r) {
    const EventRow& row = rows[r];
    try {
      if (!aggregating_) {
        if (qualifies(row.kind)) project(ctx, scratch, row, nullptr);
        continue;
      }
      if (row.kind == EventKind::Reset) {
        resetAll(ctx);
        continue;
      }
      if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
      Group& group = groupOf(ctx, scratch, row);
      update(group, row, &ctx.app.clock);
      if (!qualifies(row.kind)) continue;
      // Keep only the last qualifying row of each group: it replaces the group's earlier
      // candidate in place, so groups keep their order of first appearance.
      int32_t previous = group.candidate;
      size_t before = out.rows.size();
      if (!project(ctx, scratch, row, results(group))) continue;
      if (previous >= 0) {
        // The earlier candidate's values are in `values` too: the new row's go over them.
        Value* kept = values.data() + (out.rows[previous].data - values.data());
        std::move(values.end() - static_cast<std::ptrdiff_t>(width_), values.end(), kept);
        values.resize(values.size() - width_);
        out.rows[previous].timestamp = out.rows.back().timestamp;
        out.rows[previous].kind = out.rows.back().kind;
        out.rows.pop_back();
      } else {
        group.candidate = static_cast<int32_t>(before);
        scratch.chunkGroups.push_back(&group);
      }
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
    }
  }
  for (Group* g : scratch.chunkGroups) g->candidate = -1;
  scratch.chunkGroups.clear();
}

void Selector::resetAll(ExecContext& ctx) const {
  State& s = state<State>(ctx);
  s.single.stale = true;
  aggregates_.reset(s.single.states.get());
  for (auto& group : s.groups) {
    aggregates_.reset(group->states.get());
    group->stale = true;
  }
}

// Aggregates without group by and without having: the part's one output row is its last
// qualifying row, known before the part is processed, so only that row is projected.
void Selector::processSingleGroupPart(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const {
  State& s = state<State>(ctx);
  size_t last = count;
  for (size_t r = count; r-- > 0;) {
    if (qualifies(rows[r].kind)) {
      last = r;
      break;
    }
  }
  const Clock* clock = &ctx.app.clock;
  for (size_t r = 0; r < count; ++r) {
    const EventRow& row = rows[r];
    try {
      if (row.kind == EventKind::Reset) {
        aggregates_.reset(s.single.states.get());
        s.single.stale = true;
      } else if (row.kind == EventKind::Current || row.kind == EventKind::Expired) {
        update(s.single, row, clock);
        if (r == last) project(ctx, scratch, row, results(s.single));
      }
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
    }
  }
}

// `order by`, `offset` and `limit` over the rows of one part (they start at `partBegin`).
void Selector::finishPart(Scratch& scratch, size_t partBegin) const {
  auto& rows = scratch.out.rows;
  if (rows.size() - partBegin < 1 || (plan_.orderBy.empty() && !plan_.offset && !plan_.limit)) return;
  auto first = rows.begin() + static_cast<std::ptrdiff_t>(partBegin);
  if (!plan_.orderBy.empty()) {
    std::stable_sort(first, rows.end(), [&](const EventRow& a, const EventRow& b) {
      for (const auto& key : plan_.orderBy) {
        const Value& x = a.data[key.column];
        const Value& y = b.data[key.column];
        if (x == y) continue;
        bool less;
        if (x.isNull() || y.isNull()) {
          less = x.isNull();  // nulls first in ascending order
        } else if (x.isString()) {
          less = x.asString() < y.asString();
        } else {
          less = x.toDouble() < y.toDouble();
        }
        return key.descending ? !less : less;
      }
      return false;
    });
  }
  size_t n = rows.size() - partBegin;
  size_t begin = std::min<size_t>(n, plan_.offset.value_or(0));
  size_t end = plan_.limit ? std::min<size_t>(n, begin + *plan_.limit) : n;
  rows.erase(first + static_cast<std::ptrdiff_t>(end), rows.end());
  rows.erase(first, first + static_cast<std::ptrdiff_t>(begin));
}

}  // namespace cepheus::runtime
