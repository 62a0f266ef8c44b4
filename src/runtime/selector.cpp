#include "runtime/selector.h"

#include <algorithm>

namespace cepheus::runtime {

Selector::Selector(SelectorPlan plan, const Clock* clock, FaultSink* faults)
    : plan_(std::move(plan)),
      clock_(clock),
      faults_(faults),
      width_(plan_.projections.size()),
      aggregating_(!plan_.aggregates.empty()),
      groupIndex_(plan_.groupBy.size()) {
  if (aggregating_ && plan_.groupBy.empty()) single_ = newGroup();
}

std::unique_ptr<Selector::Group> Selector::newGroup() const {
  auto group = std::make_unique<Group>();
  for (const auto& a : plan_.aggregates) group->aggregators.push_back(makeAggregator(a.kind, a.argType, plan_.arrivalOrderExpiry));
  group->results.resize(plan_.aggregates.size());
  group->stale = true;
  return group;
}

void Selector::process(const Chunk& chunk) {
  if (plan_.identity) {
    out_.rows.clear();
    out_.independent = chunk.independent;
    for (const EventRow& row : chunk.rows)
      if (qualifies(row.kind)) out_.rows.push_back(row);
    emit(out_);
    return;
  }
  // Unrelated arrivals are each a chunk of their own when the output depends on chunk bounds.
  bool perRow = chunk.independent && (aggregating_ || !plan_.orderBy.empty() || plan_.limit || plan_.offset);
  if (perRow) {
    out_.independent = false;  // each output chunk holds one arrival's rows
    for (const EventRow& row : chunk.rows) processChunk(&row, 1);
  } else {
    // Without aggregates, order or limit, output rows map one to one to input rows: unrelated
    // arrivals stay unrelated for the queries downstream.
    out_.independent = chunk.independent;
    processChunk(chunk.rows.data(), chunk.rows.size());
  }
}

Selector::Group& Selector::groupOf(const EventRow& row) {
  if (single_) return *single_;
  const EventRow* slot = &row;
  EvalContext ctx{&slot, nullptr, clock_};
  const Value* key;
  if (plan_.groupBy.size() == 1 && plan_.groupBy[0].direct >= 0) {
    key = &row.data[plan_.groupBy[0].direct];  // one attribute: hash it in place
  } else {
    key_.clear();
    for (const auto& k : plan_.groupBy) key_.push_back(k.read(ctx, row));
    key = key_.data();
  }
  size_t h = GroupTable::hash(key, plan_.groupBy.size());
  uint32_t index = groupIndex_.find(key, h);
  if (index == GroupTable::kAbsent) {
    index = groupIndex_.insert(key, h);
    groups_.push_back(newGroup());
  }
  return *groups_[index];
}

void Selector::update(Group& group, const EventRow& row) {
  const EventRow* slot = &row;
  EvalContext ctx{&slot, nullptr, clock_};
  const bool adding = row.kind == EventKind::Current;
  for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
    const auto& a = plan_.aggregates[i];
    Aggregator& aggregator = *group.aggregators[i];
    // A plain attribute argument is read in place; only expressions produce a new value.
    if (!a.argument || a.argument->direct >= 0) {
      const Value& arg = a.argument ? row.data[a.argument->direct] : one_;
      adding ? aggregator.add(arg) : aggregator.remove(arg);
    } else {
      Value computed = a.argument->expression->evalValue(ctx);
      adding ? aggregator.add(computed) : aggregator.remove(computed);
    }
  }
  group.stale = true;
}

// Aggregate results are computed when a row of the group is projected, not on every update.
const Value* Selector::results(Group& group) {
  if (group.stale) {
    for (size_t i = 0; i < plan_.aggregates.size(); ++i) group.results[i] = group.aggregators[i]->result();
    group.stale = false;
  }
  return group.results.data();
}

void Selector::resetAll() {
  auto reset = [](Group& group) {
    for (auto& a : group.aggregators) a->reset();
    group.stale = true;
  };
  if (single_) reset(*single_);
  for (auto& group : groups_) reset(*group);
}

bool Selector::project(const EventRow& row, const Value* aggregates) {
  const EventRow* slot = &row;
  EvalContext ctx{&slot, aggregates, clock_};
  size_t start = values_.size();
  for (const auto& p : plan_.projections) values_.push_back(p.read(ctx, row));
  if (plan_.having) {
    EventRow output{values_.data() + start, row.timestamp, row.kind};
    const EventRow* outputSlot = &output;
    EvalContext havingCtx{&outputSlot, nullptr, clock_};
    bool pass = false;
    if (!plan_.having->eval(havingCtx, pass) || !pass) {
      values_.resize(start);
      return false;
    }
  }
  // values_ was reserved for the whole chunk, so this pointer stays valid.
  out_.rows.push_back({values_.data() + start, row.timestamp, row.kind});
  return true;
}

void Selector::processChunk(const EventRow* rows, size_t count) {
  values_.clear();
  out_.rows.clear();
  values_.reserve(count * width_);
  if (single_ && !plan_.having) {
    processSingleGroupChunk(rows, count);
    return;
  }
  for (size_t r = 0; r < count; ++r) {
    const EventRow& row = rows[r];
    try {
      if (!aggregating_) {
        if (qualifies(row.kind)) project(row, nullptr);
        continue;
      }
      if (row.kind == EventKind::Reset) {
        resetAll();
        continue;
      }
      if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
      Group& group = groupOf(row);
      update(group, row);
      if (!qualifies(row.kind)) continue;
      // Keep only the last qualifying row of each group: it replaces the group's earlier
      // candidate in place, so groups keep their order of first appearance.
      int64_t previous = group.candidate;
      size_t before = out_.rows.size();
      if (!project(row, results(group))) continue;
      if (previous >= 0) {
        std::move(values_.begin() + before * width_, values_.end(), values_.begin() + previous * width_);
        values_.resize(before * width_);
        EventRow& kept = out_.rows[previous];
        kept.timestamp = out_.rows.back().timestamp;
        kept.kind = out_.rows.back().kind;
        out_.rows.pop_back();
      } else {
        group.candidate = static_cast<int64_t>(before);
        chunkGroups_.push_back(&group);
      }
    } catch (const EvaluationError& e) {
      faults_->fault(row, e.what());
    }
  }
  for (Group* g : chunkGroups_) g->candidate = -1;
  chunkGroups_.clear();
  finishChunk();
}

// Aggregates without group by and without having: the chunk's one output row is its last
// qualifying row, known before the chunk is processed, so only that row is projected.
void Selector::processSingleGroupChunk(const EventRow* rows, size_t count) {
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
        resetAll();
      } else if (row.kind == EventKind::Current || row.kind == EventKind::Expired) {
        update(*single_, row);
        if (r == last) project(row, results(*single_));
      }
    } catch (const EvaluationError& e) {
      faults_->fault(row, e.what());
    }
  }
  finishChunk();
}

void Selector::finishChunk() {
  if (out_.rows.empty()) return;
  if (!plan_.orderBy.empty()) {
    std::stable_sort(out_.rows.begin(), out_.rows.end(), [&](const EventRow& a, const EventRow& b) {
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
    size_t n = out_.rows.size();
    size_t begin = std::min<size_t>(n, plan_.offset.value_or(0));
    size_t end = plan_.limit ? std::min<size_t>(n, begin + *plan_.limit) : n;
    out_.rows.erase(out_.rows.begin() + end, out_.rows.end());
    out_.rows.erase(out_.rows.begin(), out_.rows.begin() + begin);
  }
  emit(out_);
}

}  // namespace cepheus::runtime
