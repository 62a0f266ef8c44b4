// Multi-slot events (what joins and patterns produce): the filter and the selector read every
// part through the row's slots, and indexed references read one row of a part that holds
// several (e1[0], e1[last]); an absent part or an index out of range reads as null.
#include <gtest/gtest.h>

#include "plan/expression_compiler.h"
#include "runtime/filter_operator.h"
#include "runtime/operator_harness.h"
#include "runtime/selector.h"

namespace cepheus::testing {
namespace {

using analyze::ExprOp;
using analyze::TypedExpr;
using runtime::EventKind;
using runtime::EventRow;

TypedExpr attribute(int slot, int index, Type type, std::optional<ast::EventIndex> at = std::nullopt) {
  TypedExpr e;
  e.op = ExprOp::Attribute;
  e.slot = slot;
  e.index = index;
  e.type = type;
  e.slotOptional = slot > 0;
  e.eventIndex = at;
  return e;
}

// Records each row's values as text.
class Capture final : public runtime::Operator {
 public:
  void process(runtime::ExecContext&, const runtime::Chunk& chunk) const override {
    for (const EventRow& row : chunk.rows) {
      std::string text;
      for (size_t i = 0; i < width; ++i) text += (i ? " " : "") + row.data[i].toString();
      rows.push_back(text);
    }
  }
  size_t width = 0;
  mutable std::vector<std::string> rows;
};

class NoFaults final : public runtime::FaultSink {
 public:
  void fault(runtime::ExecContext&, const EventRow&, const std::string& message) const override {
    ADD_FAILURE() << message;
  }
};

// A pattern-like event: slot 0 collected three A events (price 1, 2, 3), slot 1 one B (price 10)
// or none.
struct Match {
  std::vector<std::vector<Value>> a = {{Value::ofDouble(1)}, {Value::ofDouble(2)}, {Value::ofDouble(3)}};
  std::vector<Value> b = {Value::ofDouble(10)};
  std::vector<EventRow> aRows, bRows;
  const EventRow* slots[2];
  runtime::RowList lists[2];
  runtime::EventParts parts;

  explicit Match(bool withB) {
    for (auto& values : a) aRows.push_back({values.data(), 1, EventKind::Current});
    bRows.push_back({b.data(), 2, EventKind::Current});
    slots[0] = &aRows[0];
    slots[1] = withB ? &bRows[0] : nullptr;
    lists[0] = {aRows.data(), static_cast<uint32_t>(aRows.size())};
    lists[1] = withB ? runtime::RowList{bRows.data(), 1} : runtime::RowList{};
    parts = {slots, lists, 2};
  }
  EventRow row() const { return {a[0].data(), 2, EventKind::Current, &parts}; }
};

TEST(MultiSlotEvents, TheSelectorProjectsEveryPartAndIndexedReferences) {
  runtime::SelectorPlan plan;
  for (const TypedExpr& e : {attribute(0, 0, Type::Double, ast::EventIndex{false, 0}),
                             attribute(0, 0, Type::Double, ast::EventIndex{true, 0}),
                             attribute(0, 0, Type::Double, ast::EventIndex{true, 1}),
                             attribute(0, 0, Type::Double, ast::EventIndex{false, 5}),
                             attribute(1, 0, Type::Double)}) {
    runtime::RowValue value;
    value.expression = plan::compileExpression(e);
    plan.projections.push_back(std::move(value));
  }
  NoFaults faults;
  runtime::Selector selector(std::move(plan), &faults);
  Capture capture;
  capture.width = 5;
  OperatorHarness h;
  h.adopt(selector);
  h.adopt(capture);
  selector.setNext(&capture);

  Match full(true), partial(false);
  runtime::Chunk chunk;
  chunk.rows = {full.row(), partial.row()};
  h.process(selector, chunk);
  EXPECT_EQ(capture.rows, (std::vector<std::string>{"1.0 3.0 2.0 null 10.0", "1.0 3.0 2.0 null null"}));
}

TEST(MultiSlotEvents, AFilterReadsAnyPart) {
  TypedExpr condition;
  condition.op = ExprOp::Greater;
  condition.type = Type::Bool;
  TypedExpr ten;
  ten.type = Type::Double;
  ten.constant = Value::ofDouble(5);
  condition.args = {attribute(1, 0, Type::Double), ten};
  NoFaults faults;
  runtime::FilterOperator filter(plan::compileCondition(condition), &faults);
  Capture capture;
  capture.width = 1;
  OperatorHarness h;
  h.adopt(filter);
  h.adopt(capture);
  filter.setNext(&capture);

  Match full(true), partial(false);
  runtime::Chunk chunk;
  chunk.rows = {full.row(), partial.row()};
  h.process(filter, chunk);
  EXPECT_EQ(capture.rows, (std::vector<std::string>{"1.0"}));  // only the match with a B > 5
}

}  // namespace
}  // namespace cepheus::testing
