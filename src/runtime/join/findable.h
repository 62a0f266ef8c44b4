// What a probing event is matched against: the other side of a join (a window's content, a
// table, a named window; incremental aggregations plug in the same way), the table of an `in`
// condition, the rows an on-demand query reads. One interface, so the join, `in` and on-demand
// queries do not care what kind of source answers.
//
// A source answers "the rows matching this compiled condition for this probing event". The
// condition is compiled once, at plan time, into a FindPlan: the evaluator of the `on` condition
// and, when the source has a hash index whose columns the condition compares for equality with
// values of the probing event, a key probe into that index (the condition's other conjuncts are
// then all that is tested per candidate). Without a usable index the source scans its rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "runtime/chunk.h"
#include "runtime/evaluator.h"

namespace cepheus::runtime {

struct ExecContext;

// A find's compiled condition, for one source and one scope.
struct FindPlan {
  // The slot of the scope each candidate row is put in while the condition is tested.
  int slot = 0;
  // What a candidate must satisfy (the conjuncts the key does not cover); null: every row the key
  // reaches matches.
  std::unique_ptr<BoolEvaluator> condition;
  // The source's key index to probe (Findable::keyIndex), or -1 to scan every row.
  int index = -1;
  // The key's values in the index's column order, computed from the probing event (they never
  // read `slot`), each already of its column's type.
  std::vector<EvaluatorPtr> key;
};

// The scope a find evaluates in: the probing event's slots, with room for the candidate at
// FindPlan::slot. The caller owns the array; the source writes the candidate slot.
struct FindScope {
  const EventRow** slots = nullptr;
  const RowList* lists = nullptr;  // indexed references of a pattern scope, or null
  const EventRow* event = nullptr;  // the probing event itself (eventTimestamp() of a join)
};

class Findable {
 public:
  virtual ~Findable() = default;

  // Appends to `out` the rows matching `plan` for the probing event in `scope`, in the source's
  // order, stopping after `limit` rows. The rows stay valid until the source changes (a row is
  // inserted, updated or deleted, or the window moves).
  virtual void find(ExecContext& ctx, const FindPlan& plan, FindScope& scope, std::vector<EventRow>& out,
                    size_t limit = SIZE_MAX) const = 0;

  // A hash index over exactly these columns (in any order), usable for key probes: its number,
  // or -1. `order` receives the columns in the index's own order.
  virtual int keyIndex(std::span<const int> columns, std::vector<int>& order) const { return -1; }

  // Whether a probing event could ever find something here (a side without a window holds no
  // rows): lets a join skip the search.
  virtual bool holdsRows() const { return true; }

  // A source whose rows live elsewhere (a table on a store) reads them in batches. A consumer
  // that holds the rows it found while it works (a join until its joined events are handed on)
  // brackets its work with beginUse/endUse (FindUse), so the source does not let go of rows it
  // lent; before finding for the rows of a chunk it may announce them with prefetch(), so the
  // source reads every key they probe in one batch. Memory sources ignore both.
  virtual void beginUse(ExecContext&) const {}
  virtual void endUse(ExecContext&) const {}
  // The probing rows are the Current and Expired rows of `chunk`, each at slot `probeSlot` of a
  // scope of `plan.slot + 1` or more slots. Never throws: a find that cannot be answered
  // reports its own error.
  virtual void prefetch(ExecContext&, const FindPlan&, const Chunk&, int /*probeSlot*/) const {}
};

// A search a filter makes for each of its rows (`cond in T`), which the filter announces for
// the whole chunk before testing its rows, so a store reads every key in one batch.
struct ChunkLookup {
  const Findable* source = nullptr;
  const FindPlan* plan = nullptr;  // over the row (slot 0) and the source's row
};

// beginUse..endUse for a scope.
class FindUse {
 public:
  FindUse(ExecContext& ctx, const Findable& source) : ctx_(ctx), source_(source) { source_.beginUse(ctx_); }
  ~FindUse() { source_.endUse(ctx_); }
  FindUse(const FindUse&) = delete;
  FindUse& operator=(const FindUse&) = delete;

 private:
  ExecContext& ctx_;
  const Findable& source_;
};

// Tests the candidate `row` against the plan's condition, the scope's candidate slot pointing
// at it. Shared by every source's search loop.
inline bool matches(const FindPlan& plan, FindScope& scope, const EvalContext& eval, const EventRow& row) {
  if (!plan.condition) return true;
  scope.slots[plan.slot] = &row;
  bool pass = false;
  return plan.condition->eval(eval, pass) && pass;
}

}  // namespace cepheus::runtime
