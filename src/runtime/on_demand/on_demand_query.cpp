#include "runtime/on_demand/on_demand_query.h"

#include <optional>

#include "runtime/app_state.h"

namespace cepheus::runtime {

namespace {

struct CollectedRows final : Scratch {
  std::vector<std::vector<Value>> rows;
};

struct ErrorMessages final : Scratch {
  std::vector<std::string> messages;
};

}  // namespace

// The end of a find: copies every row that reaches it (the selector's output, of the schema's
// width) into the run's lane.
class OnDemandQuery::Collector final : public Operator {
 public:
  explicit Collector(size_t width) : width_(width) {}
  void process(ExecContext& ctx, const Chunk& chunk) const override {
    auto& collected = ctx.lane.scratch<CollectedRows>(id());
    for (const EventRow& row : chunk.rows) collected.rows.emplace_back(row.data, row.data + width_);
  }

 private:
  size_t width_;
};

void OnDemandQuery::ErrorList::fault(ExecContext& ctx, const EventRow&, const std::string& message) const {
  ctx.lane.scratch<ErrorMessages>(query_.errorScratch()).messages.push_back(message);
}

OnDemandQuery::OnDemandQuery(std::vector<AttributeInfo> schema) : schema_(std::move(schema)) {}

OnDemandQuery::~OnDemandQuery() = default;

void OnDemandQuery::readFrom(const Findable& source, FindPlan plan) {
  source_ = &source;
  plan_ = std::move(plan);
}

Operator* OnDemandQuery::collector() {
  auto* collector = add(std::make_unique<Collector>(schema_.size()));
  collector_ = collector;
  return collector;
}

OnDemandRows OnDemandQuery::run(AppState& app, Lane& appLane) const {
  StateFrame frame(stateSlots_);
  Lane lane(operators_.size() + 1);  // and the errors
  Chunk chunk;
  ExecContext appContext{app, app.globals, appLane};
  // The rows found stay lent (a table on a store keeps them) until the query has read them.
  std::optional<FindUse> use;
  if (source_) use.emplace(appContext, *source_);
  if (source_) {
    const EventRow* slots[1] = {nullptr};
    FindScope scope{slots, nullptr, nullptr};
    try {
      source_->find(appContext, plan_, scope, chunk.rows);
    } catch (const EvaluationError& e) {
      // An aggregation's within/per computed to something it cannot answer.
      OnDemandRows failed;
      failed.schema = schema_;
      failed.errors.push_back(e.what());
      return failed;
    }
    // Every row found is read as it is now, whatever it was in its window.
    for (EventRow& row : chunk.rows) row.kind = EventKind::Current;
  } else {
    // A change has no input event: one row of no attributes, now, carries the selected values.
    chunk.rows.push_back({nullptr, app.clock.now(), EventKind::Current});
  }
  OnDemandRows result;
  result.schema = schema_;
  ExecContext context{app, frame, lane};
  if (!chunk.rows.empty()) first_->process(context, chunk);
  result.errors = std::move(lane.scratch<ErrorMessages>(errorScratch()).messages);
  if (collector_) result.rows = std::move(lane.scratch<CollectedRows>(collector_->id()).rows);
  return result;
}

}  // namespace cepheus::runtime
