#include "runtime/selector.h"

#include <algorithm>

#include "runtime/app_state.h"
#include "runtime/group_table.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

namespace {

AggregateSet aggregateSet(const SelectorPlan& plan) {
  std::vector<std::unique_ptr<Aggregator>> aggregators;
  for (const auto& a : plan.aggregates) aggregators.push_back(makeAggregator(a.kind, a.argType, plan.arrivalOrderExpiry));
  return AggregateSet(std::move(aggregators));
}

}  // namespace

// One group's aggregates and their latest results.
struct Selector::Group {
  Group(const AggregateSet& set) : states(set), results(std::make_unique<Value[]>(set.size())) {}
  AggregateBlock states;
  std::unique_ptr<Value[]> results;  // valid while !stale
  int32_t candidate = -1;            // this chunk's output row of the group, if any
  bool stale = true;
};

// Without group by, one group; with group by, a table of groups by key (groups in order of
// first appearance).
struct Selector::State final : OperatorState {
  State(const Selector& selector) : selector(&selector), single(selector.aggregates_) {
    if (!selector.plan_.groupBy.empty()) table = std::make_unique<GroupTable>(selector.plan_.groupBy.size());
  }

  void snapshot(StateWriter& out) const override {
    const AggregateSet& set = selector->aggregates_;
    if (!table) {
      set.snapshot(single.states.get(), out);
      return;
    }
    out.varint(groups.size());
    for (size_t i = 0; i < groups.size(); ++i) {
      out.values(table->key(static_cast<uint32_t>(i)), table->keyWidth());
      set.snapshot(groups[i]->states.get(), out);
    }
  }
  void restore(StateReader& in) override {
    const AggregateSet& set = selector->aggregates_;
    if (!table) {
      set.restore(single.states.get(), in);
      return;
    }
    size_t n = in.count(table->keyWidth());
    std::vector<Value> key(table->keyWidth());
    for (size_t i = 0; i < n; ++i) {
      in.values(key.data(), key.size());
      size_t h = GroupTable::hash(key.data(), key.size());
      if (table->find(key.data(), h) != GroupTable::kAbsent) StateReader::fail("a group appears twice");
      table->insert(key.data(), h);
      groups.push_back(std::make_unique<Group>(set));
      set.restore(groups.back()->states.get(), in);
    }
  }
  bool canDestroy() const override {
    const AggregateSet& set = selector->aggregates_;
    if (!table) return set.holdsNothing(single.states.get());
    for (const auto& group : groups)
      if (!set.holdsNothing(group->states.get())) return false;
    return true;
  }

  const Selector* selector;
  Group single;                       // without group by
  std::unique_ptr<GroupTable> table;  // with group by: key -> index into groups
  std::vector<std::unique_ptr<Group>> groups;
};

// What one chunk's processing reuses.
struct Selector::Scratch final : runtime::Scratch {
  std::vector<Value> values;          // output rows of this chunk, width values each
  Chunk out;                          // views of values, in output order
  std::vector<Group*> chunkGroups;    // groups with a row in this chunk, first appearance first
  std::vector<Value> key;
};

Selector::Selector(SelectorPlan plan, const FaultSink* faults)
    : plan_(std::move(plan)),
      faults_(faults),
      aggregates_(aggregateSet(plan_)),
      width_(plan_.projections.size()),
      aggregating_(!plan_.aggregates.empty()) {}

std::unique_ptr<OperatorState> Selector::makeState(AppState&, StateFrame&) const {
  return std::make_unique<State>(*this);
}

std::string Selector::stateLayout() const {
  return "select(" + aggregates_.layout() + "; group by " + std::to_string(plan_.groupBy.size()) + ")";
}

void Selector::process(ExecContext& ctx, const Chunk& chunk) const {
  Scratch& scratch = ctx.lane.scratch<Scratch>(id());
  if (plan_.identity) {
    Chunk& out = scratch.out;
    out.rows.clear();
    out.independent = chunk.independent;
    for (const EventRow& row : chunk.rows)
      if (qualifies(row.kind)) out.rows.push_back(row);
    emit(ctx, out);
    return;
  }
  // Unrelated arrivals are each a chunk of their own when the output depends on chunk bounds.
  bool perRow = chunk.independent && (aggregating_ || !plan_.orderBy.empty() || plan_.limit || plan_.offset);
  if (perRow) {
    scratch.out.independent = false;  // each output chunk holds one arrival's rows
    for (const EventRow& row : chunk.rows) processChunk(ctx, scratch, &row, 1);
  } else {
    // Without aggregates, order or limit, output rows map one to one to input rows: unrelated
    // arrivals stay unrelated for the queries downstream.
    scratch.out.independent = chunk.independent;
    processChunk(ctx, scratch, chunk.rows.data(), chunk.rows.size());
  }
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

void Selector::update(ExecContext& ctx, Group& group, const EventRow& row) const {
  const EventRow* slot = &row;
  EvalContext eval = EvalContext::of(slot, nullptr, &ctx.app.clock);
  const bool adding = row.kind == EventKind::Current;
  std::byte* states = group.states.get();
  for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
    const auto& a = plan_.aggregates[i];
    // A plain attribute argument is read in place; only expressions produce a new value.
    if (!a.argument || a.argument->direct >= 0) {
      const Value& arg = a.argument ? row.data[a.argument->direct] : one_;
      adding ? aggregates_.add(states, i, arg) : aggregates_.remove(states, i, arg);
    } else {
      Value computed = a.argument->expression->evalValue(eval);
      adding ? aggregates_.add(states, i, computed) : aggregates_.remove(states, i, computed);
    }
  }
  group.stale = true;
}

// Aggregate results are computed when a row of the group is projected, not on every update.
const Value* Selector::results(Group& group) const {
  if (group.stale) {
    for (size_t i = 0; i < plan_.aggregates.size(); ++i) group.results[i] = aggregates_.result(group.states.get(), i);
    group.stale = false;
  }
  return group.results.get();
}

bool Selector::project(ExecContext& ctx, Scratch& scratch, const EventRow& row, const Value* aggregates) const {
  const EventRow* slot = &row;
  EvalContext eval = EvalContext::of(slot, aggregates, &ctx.app.clock);
  std::vector<Value>& values = scratch.values;
  size_t start = values.size();
  for (const auto& p : plan_.projections) values.push_back(p.read(eval, row));
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

void Selector::processChunk(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const {
  scratch.values.clear();
  scratch.out.rows.clear();
  scratch.values.reserve(count * width_);
  if (aggregating_ && plan_.groupBy.empty() && !plan_.having) {
    processSingleGroupChunk(ctx, scratch, rows, count);
    return;
  }
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
        State& s = state<State>(ctx);
        s.single.stale = true;
        aggregates_.reset(s.single.states.get());
        for (auto& group : s.groups) {
          aggregates_.reset(group->states.get());
          group->stale = true;
        }
        continue;
      }
      if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
      Group& group = groupOf(ctx, scratch, row);
      update(ctx, group, row);
      if (!qualifies(row.kind)) continue;
      // Keep only the last qualifying row of each group: it replaces the group's earlier
      // candidate in place, so groups keep their order of first appearance.
      int32_t previous = group.candidate;
      size_t before = out.rows.size();
      if (!project(ctx, scratch, row, results(group))) continue;
      if (previous >= 0) {
        std::move(values.begin() + before * width_, values.end(), values.begin() + previous * width_);
        values.resize(before * width_);
        EventRow& kept = out.rows[previous];
        kept.timestamp = out.rows.back().timestamp;
        kept.kind = out.rows.back().kind;
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
  finishChunk(ctx, scratch);
}

// Aggregates without group by and without having: the chunk's one output row is its last
// qualifying row, known before the chunk is processed, so only that row is projected.
void Selector::processSingleGroupChunk(ExecContext& ctx, Scratch& scratch, const EventRow* rows, size_t count) const {
  State& s = state<State>(ctx);
  size_t last = count;
  for (size_t r = count; r-- > 0;) {
    if (qualifies(rows[r].kind)) {
      last = r;
      break;
    }
  }
  for (size_t r = 0; r < count; ++r) {
    const EventRow& row = rows[r];
    try {
      if (row.kind == EventKind::Reset) {
        aggregates_.reset(s.single.states.get());
        s.single.stale = true;
      } else if (row.kind == EventKind::Current || row.kind == EventKind::Expired) {
        update(ctx, s.single, row);
        if (r == last) project(ctx, scratch, row, results(s.single));
      }
    } catch (const EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
    }
  }
  finishChunk(ctx, scratch);
}

void Selector::finishChunk(ExecContext& ctx, Scratch& scratch) const {
  Chunk& out = scratch.out;
  if (out.rows.empty()) return;
  if (!plan_.orderBy.empty()) {
    std::stable_sort(out.rows.begin(), out.rows.end(), [&](const EventRow& a, const EventRow& b) {
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
  if (plan_.offset || plan_.limit) {
    size_t n = out.rows.size();
    size_t begin = std::min<size_t>(n, plan_.offset.value_or(0));
    size_t end = plan_.limit ? std::min<size_t>(n, begin + *plan_.limit) : n;
    out.rows.erase(out.rows.begin() + end, out.rows.end());
    out.rows.erase(out.rows.begin(), out.rows.begin() + begin);
  }
  emit(ctx, out);
}

}  // namespace cepheus::runtime
