// `define table T (...)`: rows kept in memory, in insertion order, with a hash index for the
// primary key (@PrimaryKey, unique: a second row with a key already held is dropped and
// reported) and one for each @Index attribute. A find whose condition compares every column
// of an index for equality with values of the probing event is a hash lookup; any other
// condition scans.
//
// The table is a definition like any operator; its rows are its state, which lives in the
// app's own frame (every query, and later every partition key, shares it) and is saved by
// snapshots, its indexes rebuilt on restore. As the end of a query's chain it is `insert into
// T`; the operators of table_operators.h delete and update its rows.
//
// A table on a store (`@store`, cepheus/table_store.h) keeps its rows in the store; `rows` then
// holds the rows this app has read from it (store_view.cpp): read for a chunk and let go after
// it, or kept by a cache for its retention period. Reads go through it (a key probe reads the
// key, a scan the whole table in the store's order); writes go to the store and to it, so a
// later row of the same chunk sees them, as in memory. Its snapshot holds nothing: the rows
// are in the store.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cepheus/stream.h"
#include "cepheus/table_store.h"
#include "runtime/join/findable.h"
#include "runtime/operator.h"
#include "runtime/table/key_index.h"
#include "runtime/table/table_rows.h"

namespace cepheus::runtime {

class Table final : public StatefulOperator, public Findable {
 public:
  struct Definition {
    std::string name;
    std::vector<AttributeInfo> attributes;
    std::vector<int> primaryKey;  // columns; empty: none
    std::vector<int> indexed;     // @Index columns, an index each
    std::shared_ptr<TableStore> store;  // null: rows in memory
    size_t cacheSize = 0;               // rows kept between chunks; 0: none
    int64_t cacheRetentionMs = 0;       // how long a row read from the store is believed
  };

  // What a table on a store holds of it (store_view.cpp).
  struct StoreView {
    std::vector<std::string> keyOf;  // by row id: its key in the store
    std::vector<int64_t> loadedAt;   // by row id: when it was read (wall ms)
    std::vector<uint64_t> stampOf;   // by row id: which read (0: the id is free)
    std::unordered_map<std::string, uint32_t> byKey;
    std::unordered_map<std::string, int64_t> absent;  // keys the store had no row under, and when
    std::deque<std::pair<uint32_t, uint64_t>> readOrder;  // the cache's eviction order: id, stamp
    uint64_t nextStamp = 1;
    bool whole = false;    // rows holds every row of the store, in its order
    int64_t wholeAt = 0;
    int depth = 0;         // consumers between beginUse and endUse
    int64_t now = 0;       // wall ms when the current use began
    // What the last prefetch found held and fresh, by the position of the probing row in its
    // chunk (kNone: not found, the find looks it up), so the find of that row needs no second
    // probe. Valid for `hintPlan` while `generation` (bumped by every change of `rows`) stays
    // `hintGeneration`, and only inside the use that prefetched.
    std::vector<uint32_t> hints;
    const EventRow* hintBase = nullptr;
    const FindPlan* hintPlan = nullptr;
    uint64_t hintGeneration = 0;
    uint64_t generation = 0;
  };

  struct State final : OperatorState {
    explicit State(const Table& table);
    void snapshot(StateWriter& out) const override;
    void restore(StateReader& in) override;
    // A table lives as long as its app.
    bool canDestroy() const override { return store || rows.empty(); }

    const Table* table;
    TableRows rows;
    std::vector<KeyIndex> indexes;  // the primary key's first, when there is one
    std::unique_ptr<StoreView> store;  // a table on a store only
  };

  // `faults` is told of rows the table refuses (a primary key held already).
  Table(Definition definition, const FaultSink* faults);

  const std::string& name() const { return definition_.name; }
  const std::vector<AttributeInfo>& attributes() const { return definition_.attributes; }
  size_t width() const { return definition_.attributes.size(); }
  bool hasPrimaryKey() const { return !definition_.primaryKey.empty(); }
  bool onStore() const { return definition_.store != nullptr; }
  const TableStore* store() const { return definition_.store.get(); }

  // `insert into T`: every row of the chunk, in order (the query chose which kinds).
  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;

  void find(ExecContext& ctx, const FindPlan& plan, FindScope& scope, std::vector<EventRow>& out,
            size_t limit = SIZE_MAX) const override;
  int keyIndex(std::span<const int> columns, std::vector<int>& order) const override;
  void beginUse(ExecContext& ctx) const override { beginUse(ctx.app); }
  void endUse(ExecContext& ctx) const override { endUse(ctx.app); }
  void prefetch(ExecContext& ctx, const FindPlan& plan, const Chunk& chunk, int probeSlot) const override;
  void beginUse(AppState& app) const;
  void endUse(AppState& app) const;

  // --- for the operators that change rows, and on-demand queries ---
  State& stateOf(AppState& app) const;
  // The ids of the rows matching `plan`, in insertion order.
  void findIds(AppState& app, State& s, const FindPlan& plan, FindScope& scope, std::vector<uint32_t>& ids,
               size_t limit = SIZE_MAX) const;
  // Whether some row matches (`cond in T`).
  bool any(AppState& app, const FindPlan& plan, FindScope& scope) const;
  // Adds a row; false, and a report to the fault sink naming `cause`, when its primary key is
  // held already.
  bool insert(ExecContext& ctx, State& s, const Value* values, int64_t timestamp, const EventRow& cause) const;
  void remove(State& s, uint32_t id) const;
  // Gives row `id` the values `updated` (a full row). False, the row unchanged and the fault sink
  // told, when that would give it a primary key another row holds.
  bool update(ExecContext& ctx, State& s, uint32_t id, const Value* updated, const EventRow& cause) const;

 private:
  template <class Visit>
  void forEachMatch(AppState& app, const State& s, const FindPlan& plan, FindScope& scope, size_t limit,
                    Visit&& visit) const;
  bool addToIndexes(State& s, uint32_t id) const;
  std::string keyText(const Value* row) const;

  // --- a table on a store (store_view.cpp) ---
  template <class Visit>
  void forEachMatchOnStore(AppState& app, State& s, const FindPlan& plan, FindScope& scope, size_t limit,
                           Visit&& visit) const;
  void loadAll(State& s) const;
  // Makes sure `rows` knows whether the store has a row under `key` (in the primary key's
  // column order); `text` is its key text.
  void loadKey(State& s, const Value* key, const std::string& text) const;
  // The keys to read from the store in one round: each once, none known to be absent.
  struct KeysToRead {
    std::vector<std::string> texts;
    std::vector<std::vector<Value>> keys;
    std::unordered_set<std::string> asked;
  };
  // Adds `key` (`text` its key text) unless the store was seen lately not to hold it, or it is
  // asked for already.
  void askFor(const State& s, const Value* key, std::string text, KeysToRead& reading) const;
  void loadKeys(State& s, const KeysToRead& reading) const;
  // A row read from the store under `text`: added, or replacing what rows held of it.
  uint32_t adopt(State& s, const std::string& text, std::vector<Value>& row, const Value* key) const;
  void forget(State& s, uint32_t id) const;  // drops a row from `rows` only
  void track(State& s, uint32_t id, const std::string& text) const;
  bool fresh(const State& s, int64_t readAt) const;
  uint32_t freshRow(const State& s, const Value* key) const;  // by the primary key, or kNone
  std::string storeKey(const Value* key) const;  // primary key values in index order -> key text
  std::string storeKeyOfRow(const Value* row) const;
  void prefetchRows(State& s, const Chunk& chunk) const;  // the keys the chunk's inserts check
  std::string storeInsert(const Value* values) const;  // the row's key in the store
  void insertOnStore(ExecContext& ctx, State& s, const Chunk& chunk) const;

  Definition definition_;
  const FaultSink* faults_;
};

}  // namespace cepheus::runtime
