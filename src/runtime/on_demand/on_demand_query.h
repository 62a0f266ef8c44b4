// An on-demand query, planned against a running app: what it reads (a find in a table or a
// named window, or nothing: a change has one row of no attributes) and the operators it runs the
// rows through (the selector, then a collector of the result or the change of a table).
//
// Its operators are its own, numbered apart from the app's: they run in a frame and a lane made
// for one run, so nothing of a run (aggregates, buffers) stays behind, and the app's state and
// lane never grow. The source and the table a change writes are the app's, reached through the
// app's state.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cepheus/stream.h"
#include "runtime/join/findable.h"
#include "runtime/operator.h"

namespace cepheus::runtime {

struct OnDemandRows {
  std::vector<AttributeInfo> schema;
  std::vector<std::vector<Value>> rows;
  // What failed while the rows were computed or changed (an expression raised an error): the row
  // concerned was left out, or its change not done.
  std::vector<std::string> errors;
};

class OnDemandQuery {
 public:
  // `schema`: the rows it returns (empty for a change).
  explicit OnDemandQuery(std::vector<AttributeInfo> schema);
  ~OnDemandQuery();

  // --- filled by the planner ---
  // Takes an operator of this query: gives it its id and state slot among the query's own.
  template <class Op>
  Op* add(std::unique_ptr<Op> op) {
    Op* raw = op.get();
    raw->setId(static_cast<uint32_t>(operators_.size()));
    if constexpr (std::is_base_of_v<StatefulOperator, Op>) {
      if (raw->hasState()) raw->setStateSlot(stateSlots_++);
    }
    operators_.push_back(std::move(op));
    return raw;
  }
  // A find: the rows of `source` matching `plan` (over slot 0) are the input, in the source's order.
  void readFrom(const Findable& source, FindPlan plan);
  // A source of this query's own (an aggregation's reader, with its within/per), kept as long as
  // the query.
  const Findable& own(std::unique_ptr<Findable> source) {
    ownSources_.push_back(std::move(source));
    return *ownSources_.back();
  }
  // The first operator the rows go through.
  void setFirst(const Operator* first) { first_ = first; }
  // The operator that keeps the rows that reach it as the result.
  Operator* collector();
  // Where the query's operators report a row that failed: into the result's errors.
  const FaultSink* faults() const { return &faults_; }

  // On the app's executor, between two events: runs the query once.
  OnDemandRows run(AppState& app, Lane& appLane) const;

 private:
  class Collector;
  // Keeps the errors of a run in the run's lane, past the operators' scratch.
  class ErrorList final : public FaultSink {
   public:
    explicit ErrorList(const OnDemandQuery& query) : query_(query) {}
    void fault(ExecContext& ctx, const EventRow& row, const std::string& message) const override;

   private:
    const OnDemandQuery& query_;
  };
  uint32_t errorScratch() const { return static_cast<uint32_t>(operators_.size()); }
  ErrorList faults_{*this};
  std::vector<AttributeInfo> schema_;
  std::vector<std::unique_ptr<Operator>> operators_;
  uint32_t stateSlots_ = 0;
  const Findable* source_ = nullptr;
  std::vector<std::unique_ptr<Findable>> ownSources_;
  FindPlan plan_;
  const Operator* first_ = nullptr;
  const Collector* collector_ = nullptr;
};

}  // namespace cepheus::runtime
