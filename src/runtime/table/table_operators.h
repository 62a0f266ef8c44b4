// The ends of queries that change a table's rows: `delete T on cond`, `update T [set ...] on
// cond`, `update or insert into T [set ...] on cond`. Each output row of the query (the rows
// its output event type lets through) does its change in order, so a later row sees what an
// earlier one did.
//
// `on` and the right sides of `set` are evaluated over two slots: the query's output row
// (slot 0) and the table row (slot 1). Every right side sees the row as it was before the
// update, whatever the order of the assignments (SQL semantics; Siddhi reads the table's own
// attributes as null on a primary-keyed table and assigns in column order). Without `set` an
// update gives every table attribute the output attribute of the same name. `update or insert`
// inserts the output row when no row matches, and otherwise updates the matching rows with its
// `set` (Siddhi ignores `set` there on a primary-keyed table and replaces the whole row).
#pragma once

#include <vector>

#include "runtime/evaluator.h"
#include "runtime/join/findable.h"
#include "runtime/operator.h"
#include "runtime/table/table.h"

namespace cepheus::runtime {

struct SetAssignment {
  int column = 0;       // of the table
  EvaluatorPtr value;   // over [output row, table row], of the column's type
};

class TableChange final : public Operator {
 public:
  enum class Kind { Delete, Update, UpdateOrInsert };

  // `on.slot` is 1, the table row; `faults` is told of rows whose change failed.
  TableChange(Kind kind, const Table& table, FindPlan on, std::vector<SetAssignment> set, const FaultSink* faults);

  void process(ExecContext& ctx, const Chunk& chunk) const override;

 private:
  struct Scratch;
  void change(ExecContext& ctx, Table::State& s, Scratch& scratch, const EventRow& row) const;
  void updateRow(ExecContext& ctx, Table::State& s, Scratch& scratch, const EventRow* const* slots,
                 uint32_t id, const EventRow& cause) const;

  Kind kind_;
  const Table& table_;
  FindPlan on_;
  std::vector<SetAssignment> set_;
  const FaultSink* faults_;
};

}  // namespace cepheus::runtime
