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
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cepheus/stream.h"
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
  };

  struct State final : OperatorState {
    explicit State(const Table& table);
    void snapshot(StateWriter& out) const override;
    void restore(StateReader& in) override;
    // A table lives as long as its app.
    bool canDestroy() const override { return rows.empty(); }

    const Table* table;
    TableRows rows;
    std::vector<KeyIndex> indexes;  // the primary key's first, when there is one
  };

  // `faults` is told of rows the table refuses (a primary key held already).
  Table(Definition definition, const FaultSink* faults);

  const std::string& name() const { return definition_.name; }
  const std::vector<AttributeInfo>& attributes() const { return definition_.attributes; }
  size_t width() const { return definition_.attributes.size(); }
  bool hasPrimaryKey() const { return !definition_.primaryKey.empty(); }

  // `insert into T`: every row of the chunk, in order (the query chose which kinds).
  void process(ExecContext& ctx, const Chunk& chunk) const override;
  std::unique_ptr<OperatorState> makeState(AppState& app, StateFrame& frame) const override;
  std::string stateLayout() const override;

  void find(ExecContext& ctx, const FindPlan& plan, FindScope& scope, std::vector<EventRow>& out,
            size_t limit = SIZE_MAX) const override;
  int keyIndex(std::span<const int> columns, std::vector<int>& order) const override;

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

  Definition definition_;
  const FaultSink* faults_;
};

}  // namespace cepheus::runtime
