// A table on a store: what `rows` holds of the store, and when it is read again.
//
// A use (beginUse..endUse, outermost) is one consumer's work on a chunk. Without a cache, the
// outermost use starts by letting go of everything read before, so every chunk reads the store
// afresh (external writes are seen by the next chunk) and no row is let go while a consumer
// holds it. With @cache, rows read stay until their retention period has passed or the cache
// is full (the rows read first go first), and so do keys found absent.
//
// Reads are batched: prefetch() reads every key a chunk probes in one round trip; a find of a
// key that was not prefetched reads it alone. A scan reads the whole table (its keys in the
// store's order, then their rows, one round trip each) and puts `rows` in the store's order.
// Writes go to the store first and then to `rows`, so `rows` stays what the store holds.
#include <algorithm>
#include <unordered_set>

#include "runtime/app_state.h"
#include "runtime/table/table.h"

namespace cepheus::runtime {

namespace {
constexpr uint32_t kNone = TableRows::kNone;
}  // namespace

void Table::beginUse(AppState& app) const {
  State& s = stateOf(app);
  if (!s.store) return;
  StoreView& v = *s.store;
  if (v.depth++ > 0) return;
  v.now = app.clock.wallNow();
  ++v.generation;
  if (definition_.cacheSize == 0) {
    s.rows.clear();
    for (KeyIndex& index : s.indexes) index.clear();
    v.byKey.clear();
    v.absent.clear();
    std::fill(v.stampOf.begin(), v.stampOf.end(), 0);
    v.whole = false;
    return;
  }
  if (v.whole && !fresh(s, v.wholeAt)) v.whole = false;
  // Rows are evicted in the order they were read: those past their retention, then the oldest
  // while the cache is over its size.
  while (!v.readOrder.empty()) {
    auto [id, stamp] = v.readOrder.front();
    bool current = id < v.stampOf.size() && v.stampOf[id] == stamp;
    if (current && fresh(s, v.loadedAt[id]) && s.rows.size() <= definition_.cacheSize) break;
    v.readOrder.pop_front();
    if (!current) continue;
    forget(s, id);
    v.whole = false;
  }
  if (v.absent.size() > definition_.cacheSize) v.absent.clear();
}

void Table::endUse(AppState& app) const {
  State& s = stateOf(app);
  if (!s.store) return;
  if (--s.store->depth == 0) s.store->hintBase = nullptr;
}

bool Table::fresh(const State& s, int64_t readAt) const {
  return definition_.cacheSize == 0 || s.store->now - readAt < definition_.cacheRetentionMs;
}

uint32_t Table::freshRow(const State& s, const Value* key) const {
  const size_t n = definition_.primaryKey.size();
  uint32_t id = s.indexes[0].find(s.rows, key, KeyIndex::hashKey(key, n));
  if (id == kNone || !fresh(s, s.store->loadedAt[id])) return kNone;
  return id;
}

std::string Table::storeKey(const Value* key) const {
  std::string text;
  for (size_t i = 0; i < definition_.primaryKey.size(); ++i) {
    if (i) text += ':';
    text += storeText(key[i]);
  }
  return text;
}

std::string Table::storeKeyOfRow(const Value* row) const {
  std::string text;
  for (size_t i = 0; i < definition_.primaryKey.size(); ++i) {
    if (i) text += ':';
    text += storeText(row[definition_.primaryKey[i]]);
  }
  return text;
}

void Table::track(State& s, uint32_t id, const std::string& text) const {
  StoreView& v = *s.store;
  if (v.keyOf.size() <= id) {
    v.keyOf.resize(id + 1);
    v.loadedAt.resize(id + 1);
    v.stampOf.resize(id + 1);
  }
  ++v.generation;
  v.keyOf[id] = text;
  v.loadedAt[id] = v.now;
  v.stampOf[id] = v.nextStamp++;
  v.byKey[text] = id;
  v.absent.erase(text);
  if (definition_.cacheSize > 0) v.readOrder.emplace_back(id, v.stampOf[id]);
}

void Table::forget(State& s, uint32_t id) const {
  StoreView& v = *s.store;
  ++v.generation;
  for (KeyIndex& index : s.indexes) index.remove(s.rows, id);
  s.rows.remove(id);
  v.byKey.erase(v.keyOf[id]);
  v.keyOf[id].clear();
  v.stampOf[id] = 0;
}

uint32_t Table::adopt(State& s, const std::string& text, std::vector<Value>& row, const Value* key) const {
  StoreView& v = *s.store;
  ++v.generation;
  // Other systems may write a row without its key fields: the key they wrote it under says them.
  if (key)
    for (size_t i = 0; i < definition_.primaryKey.size(); ++i) {
      Value& column = row[static_cast<size_t>(definition_.primaryKey[i])];
      if (column.isNull()) column = key[i];
    }
  auto held = v.byKey.find(text);
  if (held != v.byKey.end()) {
    // Read again: the store's values replace what was held (the key is the same).
    uint32_t id = held->second;
    std::copy(row.begin(), row.end(), s.rows.values(id));
    v.loadedAt[id] = v.now;
    v.stampOf[id] = v.nextStamp++;
    if (definition_.cacheSize > 0) v.readOrder.emplace_back(id, v.stampOf[id]);
    return id;
  }
  uint32_t id = s.rows.add(row.data(), 0);
  if (!addToIndexes(s, id)) {
    // Another key text names the same primary key (a number written two ways): the row read
    // last wins.
    uint32_t holder = s.indexes[0].findRow(s.rows, row.data());
    s.rows.remove(id);
    v.hintBase = nullptr;  // the holder may have been hinted
    if (holder != kNone) forget(s, holder);
    id = s.rows.add(row.data(), 0);
    addToIndexes(s, id);
  }
  track(s, id, text);
  return id;
}

void Table::askFor(const State& s, const Value* key, std::string text, KeysToRead& reading) const {
  auto absent = s.store->absent.find(text);
  if (absent != s.store->absent.end() && fresh(s, absent->second)) return;
  if (!reading.asked.insert(text).second) return;
  reading.texts.push_back(std::move(text));
  reading.keys.emplace_back(key, key + definition_.primaryKey.size());
}

void Table::loadKeys(State& s, const KeysToRead& reading) const {
  const auto& texts = reading.texts;
  const auto& keys = reading.keys;
  if (texts.empty()) return;
  StoreView& v = *s.store;
  std::vector<std::optional<std::vector<Value>>> found;
  try {
    definition_.store->fetch(texts, found);
  } catch (const TableStoreError& e) {
    throw EvaluationError("table '" + name() + "': " + e.what());
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    if (found[i]) {
      adopt(s, texts[i], *found[i], keys[i].data());
      continue;
    }
    auto held = v.byKey.find(texts[i]);
    if (held != v.byKey.end()) forget(s, held->second);  // deleted by someone else
    v.absent[texts[i]] = v.now;
  }
}

void Table::loadKey(State& s, const Value* key, const std::string& text) const {
  StoreView& v = *s.store;
  if (v.whole) return;
  if (freshRow(s, key) != kNone) return;
  KeysToRead reading;
  askFor(s, key, text, reading);
  loadKeys(s, reading);
}

// Every row, in the store's order: each is moved to the end of `rows` as it is read, so the
// rows not read (gone from the store) end up first, and are dropped.
void Table::loadAll(State& s) const {
  StoreView& v = *s.store;
  if (v.whole) return;
  std::vector<std::string> texts;
  std::vector<std::vector<Value>> found;
  try {
    definition_.store->fetchAll(texts, found);
  } catch (const TableStoreError& e) {
    throw EvaluationError("table '" + name() + "': " + e.what());
  }
  std::vector<Value> key(definition_.primaryKey.size());
  const uint64_t firstStamp = v.nextStamp;
  for (size_t i = 0; i < texts.size(); ++i) {
    const Value* keyValues = nullptr;
    if (hasPrimaryKey()) {
      // The key's values from its text (only read for key fields the row does not hold).
      std::string_view rest = texts[i];
      bool parsed = true;
      for (size_t k = 0; k < key.size(); ++k) {
        size_t colon = k + 1 < key.size() ? rest.find(':') : std::string_view::npos;
        std::string_view part = rest.substr(0, colon);
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
        auto value = fromStoreText(definition_.attributes[static_cast<size_t>(definition_.primaryKey[k])].type, part);
        parsed = parsed && value;
        key[k] = value ? *value : Value();
      }
      if (parsed) keyValues = key.data();
    }
    uint32_t id = adopt(s, texts[i], found[i], keyValues);
    s.rows.moveToEnd(id);
  }
  while (s.rows.first() != kNone && v.stampOf[s.rows.first()] < firstStamp) forget(s, s.rows.first());
  v.whole = true;
  v.wholeAt = v.now;
}

void Table::prefetch(ExecContext& ctx, const FindPlan& plan, const Chunk& chunk, int probeSlot) const {
  State& s = stateOf(ctx.app);
  if (!s.store) return;
  beginUse(ctx.app);
  struct End {
    const Table& table;
    AppState& app;
    ~End() { table.endUse(app); }
  } end{*this, ctx.app};
  try {
    if (plan.index < 0) {
      loadAll(s);
      return;
    }
    if (s.store->whole) return;
    const EventRow* onStack[4] = {nullptr, nullptr, nullptr, nullptr};
    std::vector<const EventRow*> onHeap;
    const size_t width = static_cast<size_t>(std::max(plan.slot, probeSlot) + 1);
    const EventRow** slots = onStack;
    if (width > 4) {
      onHeap.assign(width, nullptr);
      slots = onHeap.data();
    }
    KeysToRead reading;
    std::vector<Value> key(plan.key.size());
    const KeyIndex& index = s.indexes[0];
    StoreView& v = *s.store;
    v.hints.assign(chunk.rows.size(), kNone);
    size_t position = 0;
    for (const EventRow& row : chunk.rows) {
      uint32_t& hint = v.hints[position++];
      if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
      slots[static_cast<size_t>(probeSlot)] = &row;
      const EvalContext eval{slots, nullptr, &ctx.app.clock, nullptr, &ctx.app, &row};
      bool usable = true;
      try {
        for (size_t i = 0; i < key.size() && usable; ++i) {
          key[i] = plan.key[i]->evalValue(eval);
          usable = !key[i].isNull();
        }
      } catch (const EvaluationError&) {
        usable = false;  // the find reports it
      }
      if (!usable) continue;
      // Held and fresh: the common case with a warm cache, one probe and no text made.
      uint32_t held = index.find(s.rows, key.data(), KeyIndex::hashKey(key.data(), key.size()));
      if (held != kNone && fresh(s, s.store->loadedAt[held])) {
        hint = held;
        continue;
      }
      askFor(s, key.data(), storeKey(key.data()), reading);
    }
    // Reading the misses changes `rows`, but not the rows hinted: they stay where they are.
    loadKeys(s, reading);
    v.hintBase = chunk.rows.data();
    v.hintPlan = &plan;
    v.hintGeneration = v.generation;
  } catch (const EvaluationError&) {
    // The store is away: each find tries again and reports its own event.
  }
}

void Table::prefetchRows(State& s, const Chunk& chunk) const {
  if (!hasPrimaryKey() || s.store->whole) return;
  KeysToRead reading;
  std::vector<Value> key(definition_.primaryKey.size());
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
    for (size_t i = 0; i < key.size(); ++i) key[i] = row.data[definition_.primaryKey[i]];
    if (freshRow(s, key.data()) != kNone) continue;
    askFor(s, key.data(), storeKey(key.data()), reading);
  }
  try {
    loadKeys(s, reading);
  } catch (const EvaluationError&) {
    // Each insert tries again and reports its own row.
  }
}

std::string Table::storeInsert(const Value* values) const {
  const Value* rows[1] = {values};
  const std::string keys[1] = {hasPrimaryKey() ? storeKeyOfRow(values) : std::string()};
  try {
    return definition_.store->insert(rows, keys).at(0);
  } catch (const TableStoreError& e) {
    throw EvaluationError("table '" + name() + "': " + e.what());
  }
}

// `insert into T` on a store: the chunk's rows are checked in order (a primary key the store or
// an earlier row of the chunk holds is refused, as in memory) and added to `rows`, then written
// to the store in one pipeline. When the store cannot take them they leave `rows` again, and
// each goes to the fault route with the reason.
void Table::insertOnStore(ExecContext& ctx, State& s, const Chunk& chunk) const {
  prefetchRows(s, chunk);
  std::vector<uint32_t> ids;
  std::vector<const Value*> values;
  std::vector<std::string> keys;
  std::vector<const EventRow*> causes;
  std::vector<Value> key(definition_.primaryKey.size());
  for (const EventRow& row : chunk.rows) {
    if (row.kind != EventKind::Current && row.kind != EventKind::Expired) continue;
    std::string text;
    if (hasPrimaryKey()) {
      for (size_t i = 0; i < key.size(); ++i) key[i] = row.data[definition_.primaryKey[i]];
      text = storeKey(key.data());
      try {
        loadKey(s, key.data(), text);
      } catch (const EvaluationError& e) {
        faults_->fault(ctx, row, e.what());
        continue;
      }
      if (s.indexes[0].findRow(s.rows, row.data) != kNone) {
        faults_->fault(ctx, row, "table '" + name() + "' has a row with the primary key " + keyText(row.data) + " already");
        continue;
      }
    }
    uint32_t id = s.rows.add(row.data, row.timestamp);
    addToIndexes(s, id);
    // A keyed row is known by its key at once (a later row of the chunk may probe it); a row
    // the store names gets its key with the answer.
    if (hasPrimaryKey()) track(s, id, text);
    ++s.store->generation;
    ids.push_back(id);
    values.push_back(s.rows.values(id));
    keys.push_back(std::move(text));
    causes.push_back(&row);
  }
  if (ids.empty()) return;
  std::vector<std::string> written;
  try {
    written = definition_.store->insert(values, keys);
  } catch (const TableStoreError& e) {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (hasPrimaryKey()) {
        forget(s, ids[i]);
      } else {
        s.rows.remove(ids[i]);
      }
      faults_->fault(ctx, *causes[i], "table '" + name() + "': " + e.what());
    }
    return;
  }
  if (!hasPrimaryKey())
    for (size_t i = 0; i < ids.size(); ++i) track(s, ids[i], written[i]);
}

}  // namespace cepheus::runtime
