#include "runtime/table/table.h"

#include <algorithm>

#include "runtime/app_state.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {

namespace {

constexpr uint32_t kNone = TableRows::kNone;

// A table on a store keeps no @Index of its own: it holds only part of the store's rows, so a
// find by an indexed attribute reads the whole table and tests every row.
std::vector<KeyIndex> makeIndexes(const Table::Definition& d) {
  std::vector<KeyIndex> indexes;
  if (!d.primaryKey.empty()) indexes.emplace_back(d.primaryKey, true);
  if (d.store) return indexes;
  for (int column : d.indexed) indexes.emplace_back(std::vector<int>{column}, false);
  return indexes;
}

// The values of a find's key for the probing row, on the stack for up to four parts (the
// in-memory find and the one on a store both build it).
class ProbeKey {
 public:
  // False when a part is null: `==` with null is never true.
  bool evaluate(const FindPlan& plan, const EvalContext& eval) {
    size_ = plan.key.size();
    if (size_ > kOnStack) {
      onHeap_.resize(size_);
      values_ = onHeap_.data();
    }
    for (size_t i = 0; i < size_; ++i) {
      values_[i] = plan.key[i]->evalValue(eval);
      if (values_[i].isNull()) return false;
    }
    return true;
  }
  const Value* data() const { return values_; }
  size_t size() const { return size_; }

 private:
  static constexpr size_t kOnStack = 4;
  Value onStack_[kOnStack];
  std::vector<Value> onHeap_;
  Value* values_ = onStack_;
  size_t size_ = 0;
};

// Brackets one find of a table on a store; inside a consumer's use (the common case: a join's
// finds) it only counts.
struct UseOf {
  UseOf(const Table& table, Table::State& s, AppState& app) : table(table), s(s), app(app) {
    if (s.store->depth > 0) {
      ++s.store->depth;
    } else {
      table.beginUse(app);
    }
  }
  ~UseOf() { --s.store->depth; }
  const Table& table;
  Table::State& s;
  AppState& app;
};

}  // namespace

Table::State::State(const Table& table)
    : table(&table), rows(table.width()), indexes(makeIndexes(table.definition_)) {
  if (table.onStore()) store = std::make_unique<StoreView>();
}

// Rows in insertion order, timestamps as differences from the row before; the indexes are
// rebuilt from them. A table on a store saves nothing: its rows are in the store, and what
// this app has read of them is read again after a restore.
void Table::State::snapshot(StateWriter& out) const {
  if (store) return;
  out.varint(rows.size());
  int64_t previous = 0;
  for (uint32_t id = rows.first(); id != kNone; id = rows.next(id)) {
    out.svarint(rows.timestamp(id) - previous);
    previous = rows.timestamp(id);
    out.values(rows.values(id), rows.width());
  }
}

void Table::State::restore(StateReader& in) {
  rows.clear();
  for (KeyIndex& index : indexes) index.clear();
  if (store) {
    *store = StoreView();
    return;
  }
  size_t n = in.count(1 + rows.width());
  std::vector<Value> row(rows.width());
  int64_t time = 0;
  for (size_t i = 0; i < n; ++i) {
    time += in.svarint();
    in.values(row.data(), row.size());
    uint32_t id = rows.add(row.data(), time);
    if (!table->addToIndexes(*this, id)) StateReader::fail("table '" + table->name() + "' holds a primary key twice");
  }
}

Table::Table(Definition definition, const FaultSink* faults) : definition_(std::move(definition)), faults_(faults) {}

std::unique_ptr<OperatorState> Table::makeState(AppState&, StateFrame&) const { return std::make_unique<State>(*this); }

std::string Table::stateLayout() const {
  std::string layout = onStore() ? "store table(" : "table(";
  for (size_t i = 0; i < width(); ++i)
    layout += (i ? ", " : "") + definition_.attributes[i].name + " " + typeName(definition_.attributes[i].type);
  layout += "; key";
  for (int c : definition_.primaryKey) layout += " " + std::to_string(c);
  layout += "; index";
  for (int c : definition_.indexed) layout += " " + std::to_string(c);
  return layout + ")";
}

Table::State& Table::stateOf(AppState& app) const {
  return static_cast<State&>(StatefulOperator::stateIn(app, app.globals));
}

void Table::process(ExecContext& ctx, const Chunk& chunk) const {
  State& s = stateOf(ctx.app);
  if (!s.store) {
    for (const EventRow& row : chunk.rows)
      if (row.kind == EventKind::Current || row.kind == EventKind::Expired) insert(ctx, s, row.data, row.timestamp, row);
    return;
  }
  UseOf use(*this, s, ctx.app);
  insertOnStore(ctx, s, chunk);
}

int Table::keyIndex(std::span<const int> columns, std::vector<int>& order) const {
  auto covers = [&](const std::vector<int>& key) {
    return key.size() == columns.size() &&
           std::all_of(key.begin(), key.end(),
                       [&](int c) { return std::find(columns.begin(), columns.end(), c) != columns.end(); });
  };
  int index = 0;
  if (hasPrimaryKey()) {
    if (covers(definition_.primaryKey)) {
      order = definition_.primaryKey;
      return 0;
    }
    ++index;
  }
  for (int column : definition_.indexed) {
    if (onStore()) break;
    if (columns.size() == 1 && columns[0] == column) {
      order = {column};
      return index;
    }
    ++index;
  }
  return -1;
}

template <class Visit>
void Table::forEachMatch(AppState& app, const State& s, const FindPlan& plan, FindScope& scope, size_t limit,
                         Visit&& visit) const {
  if (limit == 0) return;
  const EvalContext eval{scope.slots, nullptr, &app.clock, scope.lists, &app, scope.event};
  EventRow candidate{};
  size_t found = 0;
  // False once `limit` rows were found.
  auto consider = [&](uint32_t id) {
    candidate = s.rows.view(id);
    if (!matches(plan, scope, eval, candidate)) return true;
    visit(id, candidate);
    return ++found < limit;
  };
  if (plan.index < 0) {
    for (uint32_t id = s.rows.first(); id != kNone;) {
      uint32_t next = s.rows.next(id);
      if (!consider(id)) return;
      id = next;
    }
    return;
  }
  ProbeKey probe;
  if (!probe.evaluate(plan, eval)) return;
  const Value* key = probe.data();
  const size_t n = probe.size();
  const KeyIndex& index = s.indexes[static_cast<size_t>(plan.index)];
  for (uint32_t id = index.find(s.rows, key, KeyIndex::hashKey(key, n)); id != kNone;) {
    uint32_t next = index.next(id);
    if (!consider(id)) return;
    id = next;
  }
}

// A find on a table on a store: a key probe reads the key from the store unless it is held (or
// known absent) and fresh, with one probe of the index when it is; a scan reads the whole table.
template <class Visit>
void Table::forEachMatchOnStore(AppState& app, State& s, const FindPlan& plan, FindScope& scope, size_t limit,
                                Visit&& visit) const {
  UseOf use(*this, s, app);
  if (plan.index < 0) {
    loadAll(s);
    forEachMatch(app, s, plan, scope, limit, visit);
    return;
  }
  if (limit == 0) return;
  const EvalContext eval{scope.slots, nullptr, &app.clock, scope.lists, &app, scope.event};
  StoreView& v = *s.store;
  if (v.hintBase && v.hintPlan == &plan && v.hintGeneration == v.generation && scope.event >= v.hintBase &&
      scope.event < v.hintBase + v.hints.size()) {
    // The prefetch of this row's chunk found its row held and fresh, and nothing changed since.
    uint32_t id = v.hints[static_cast<size_t>(scope.event - v.hintBase)];
    if (id != kNone) {
      EventRow candidate = s.rows.view(id);
      if (matches(plan, scope, eval, candidate)) visit(id, candidate);
      return;
    }
  }
  ProbeKey probe;
  if (!probe.evaluate(plan, eval)) return;
  const Value* key = probe.data();
  const size_t n = probe.size();
  const KeyIndex& index = s.indexes[0];
  const size_t hash = KeyIndex::hashKey(key, n);
  uint32_t id = index.find(s.rows, key, hash);
  if (!s.store->whole && (id == kNone || !fresh(s, s.store->loadedAt[id]))) {
    loadKey(s, key, storeKey(key));
    id = index.find(s.rows, key, hash);
  }
  if (id == kNone) return;
  EventRow candidate = s.rows.view(id);
  if (matches(plan, scope, eval, candidate)) visit(id, candidate);
}

void Table::find(ExecContext& ctx, const FindPlan& plan, FindScope& scope, std::vector<EventRow>& out,
                 size_t limit) const {
  State& s = stateOf(ctx.app);
  if (s.store) {
    forEachMatchOnStore(ctx.app, s, plan, scope, limit, [&](uint32_t, const EventRow& row) { out.push_back(row); });
    return;
  }
  forEachMatch(ctx.app, s, plan, scope, limit, [&](uint32_t, const EventRow& row) { out.push_back(row); });
}

void Table::findIds(AppState& app, State& s, const FindPlan& plan, FindScope& scope, std::vector<uint32_t>& ids,
                    size_t limit) const {
  if (s.store) {
    forEachMatchOnStore(app, s, plan, scope, limit, [&](uint32_t id, const EventRow&) { ids.push_back(id); });
    return;
  }
  forEachMatch(app, s, plan, scope, limit, [&](uint32_t id, const EventRow&) { ids.push_back(id); });
}

bool Table::any(AppState& app, const FindPlan& plan, FindScope& scope) const {
  bool found = false;
  State& s = stateOf(app);
  if (s.store) {
    forEachMatchOnStore(app, s, plan, scope, 1, [&](uint32_t, const EventRow&) { found = true; });
    return found;
  }
  forEachMatch(app, s, plan, scope, 1, [&](uint32_t, const EventRow&) { found = true; });
  return found;
}

bool Table::addToIndexes(State& s, uint32_t id) const {
  // The primary key is the first index and the only one that refuses: nothing to undo.
  for (KeyIndex& index : s.indexes)
    if (!index.add(s.rows, id)) return false;
  return true;
}

bool Table::insert(ExecContext& ctx, State& s, const Value* values, int64_t timestamp, const EventRow& cause) const {
  if (s.store) {
    // The primary key is checked against the store before the row is written to it.
    if (hasPrimaryKey()) {
      std::vector<Value> key;
      for (int c : definition_.primaryKey) key.push_back(values[c]);
      loadKey(s, key.data(), storeKey(key.data()));
      if (s.indexes[0].findRow(s.rows, values) != kNone) {
        faults_->fault(ctx, cause,
                       "table '" + name() + "' has a row with the primary key " + keyText(values) + " already");
        return false;
      }
    }
    std::string text = storeInsert(values);
    uint32_t id = s.rows.add(values, timestamp);
    addToIndexes(s, id);
    track(s, id, text);
    return true;
  }
  uint32_t id = s.rows.add(values, timestamp);
  if (addToIndexes(s, id)) return true;
  s.rows.remove(id);
  faults_->fault(ctx, cause, "table '" + name() + "' has a row with the primary key " + keyText(values) + " already");
  return false;
}

void Table::remove(State& s, uint32_t id) const {
  if (s.store) {
    try {
      definition_.store->remove(s.store->keyOf[id]);
    } catch (const TableStoreError& e) {
      throw EvaluationError("table '" + name() + "': " + e.what());
    }
    forget(s, id);
    return;
  }
  for (KeyIndex& index : s.indexes) index.remove(s.rows, id);
  s.rows.remove(id);
}

bool Table::update(ExecContext& ctx, State& s, uint32_t id, const Value* updated, const EventRow& cause) const {
  Value* stored = s.rows.values(id);
  bool keyChanges = false;
  for (const KeyIndex& index : s.indexes)
    for (int c : index.columns()) keyChanges = keyChanges || stored[c] != updated[c];
  std::string newText;
  if (s.store && keyChanges && hasPrimaryKey()) {
    std::vector<Value> key;
    for (int c : definition_.primaryKey) key.push_back(updated[c]);
    newText = storeKey(key.data());
    loadKey(s, key.data(), newText);
  }
  if (keyChanges && hasPrimaryKey()) {
    uint32_t holder = s.indexes[0].findRow(s.rows, updated);
    if (holder != kNone && holder != id) {
      faults_->fault(ctx, cause, "table '" + name() + "': a row is not updated: another row has its new primary key " +
                                     keyText(updated));
      return false;
    }
  }
  if (s.store) {
    ++s.store->generation;
    const std::string& oldText = s.store->keyOf[id];
    if (newText.empty()) newText = oldText;
    try {
      definition_.store->update(oldText, newText, updated);
    } catch (const TableStoreError& e) {
      throw EvaluationError("table '" + name() + "': " + e.what());
    }
    if (newText != oldText) {
      s.store->byKey.erase(oldText);
      s.store->byKey[newText] = id;
      s.store->absent.erase(newText);
      s.store->keyOf[id] = newText;
    }
  }
  if (keyChanges)
    for (KeyIndex& index : s.indexes) index.remove(s.rows, id);
  std::copy(updated, updated + width(), stored);
  if (keyChanges)
    for (KeyIndex& index : s.indexes) index.add(s.rows, id);
  return true;
}

// "symbol = 'IBM'", "(symbol, day) = ('IBM', 3)".
std::string Table::keyText(const Value* row) const {
  const std::vector<int>& key = definition_.primaryKey;
  auto value = [&](int c) { return row[c].isString() ? "'" + std::string(row[c].asString()) + "'" : row[c].toString(); };
  if (key.size() == 1) return definition_.attributes[key[0]].name + " = " + value(key[0]);
  std::string names, values;
  for (size_t i = 0; i < key.size(); ++i) {
    names += (i ? ", " : "") + definition_.attributes[key[i]].name;
    values += (i ? ", " : "") + value(key[i]);
  }
  return "(" + names + ") = (" + values + ")";
}

}  // namespace cepheus::runtime
