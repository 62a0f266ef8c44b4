// expression('cond') and expressionBatch('cond'[, includeTrigger[, streamCurrent]]) driven
// directly. The condition goes through the analyzer and the window factory, as in an app.
#include <gtest/gtest.h>

#include "analyze/window_rules.h"
#include "plan/plan_window.h"
#include "runtime/window_driver.h"

namespace cepheus::testing::windows {
namespace {

using analyze::TypedExpr;

TypedExpr constant(Value v, Type type) {
  TypedExpr e;
  e.type = type;
  e.constant = std::move(v);
  return e;
}

// Checks `name(args)` over the driver's events (symbol string, price double, ts long) and builds
// it; fails the test with the analyzer's messages when the window is rejected.
std::unique_ptr<runtime::Operator> build(WindowDriver& d, const std::string& name,
                                         std::vector<TypedExpr> args) {
  static const std::vector<AttributeInfo> attributes = {
      {"symbol", Type::String}, {"price", Type::Double}, {"ts", Type::Long}};
  analyze::Scope scope;
  scope.slots.push_back({"S", "", &attributes});
  Diagnostics problems;
  analyze::Symbols symbols;
  analyze::ExpressionChecker checker(problems, symbols);
  analyze::WindowSpec spec;
  spec.name = name;
  spec.args = std::move(args);
  if (!analyze::checkWindowParameters(spec, scope, checker)) {
    ADD_FAILURE() << (problems.empty() ? "rejected" : problems[0].message);
    return nullptr;
  }
  return plan::makeWindow(spec, WindowDriver::kWidth);
}

std::unique_ptr<runtime::Operator> expression(WindowDriver& d, const char* condition) {
  return build(d, "expression", {constant(Value::ofString(condition), Type::String)});
}

std::unique_ptr<runtime::Operator> expressionBatch(WindowDriver& d, const char* condition,
                                                   bool includeTrigger = false,
                                                   bool streamCurrent = false) {
  return build(d, "expressionBatch",
               {constant(Value::ofString(condition), Type::String),
                constant(Value::ofBool(includeTrigger), Type::Bool),
                constant(Value::ofBool(streamCurrent), Type::Bool)});
}

void sendLetters(WindowDriver& d, const char* letters) {
  for (int i = 0; letters[i]; ++i) d.send(i, std::string(1, letters[i]).c_str());
}

TEST(ExpressionWindow, CountBoundActsLikeALengthWindow) {
  WindowDriver d;
  d.attach(expression(d, "count() <= 2"));
  d.send(10, "A");
  d.send(20, "B");
  d.send(30, "C");
  d.send(40, "D");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A", "C"}, {"-B", "D"}}));
  EXPECT_EQ(d.capture.times[2], (std::vector<int64_t>{30, 30}));
}

TEST(ExpressionWindow, SumBoundExpiresAsManyOldestEventsAsNeeded) {
  WindowDriver d;
  d.attach(expression(d, "sum(price) < 10"));
  d.send(1, "A", 4);
  d.send(2, "B", 4);
  d.send(3, "C", 5);  // 13: A goes, 9 remains
  d.send(4, "D", 1);  // 10: B goes
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A", "C"}, {"-B", "D"}}));
}

TEST(ExpressionWindow, AnArrivalThatAloneBreaksTheConditionExpiresItself) {
  WindowDriver d;
  d.attach(expression(d, "sum(price) < 10"));
  d.send(1, "A", 1);
  d.send(2, "B", 50);
  // Empty, the sum is null and the condition still false: the removal stops at an empty window.
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"-A", "-B", "B"}}));
  d.send(3, "C", 2);
  EXPECT_EQ(d.capture.chunks.back(), (std::vector<std::string>{"C"}));
}

TEST(ExpressionWindow, FirstAndLastAreTheOldestAndNewestEvents) {
  WindowDriver d;
  d.attach(expression(d, "eventTimestamp(last) - eventTimestamp(first) < 3000"));
  d.send(0, "A");
  d.send(1000, "B");
  d.send(2500, "C");
  d.send(3500, "D");  // 3500 - 0: A goes; 3500 - 1000 holds
  d.send(7000, "E");  // B, C and D go
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"C"}, {"-A", "D"}, {"-B", "-C", "-D", "E"}}));
}

TEST(ExpressionWindow, AttributesOfFirstAndLast) {
  WindowDriver d;
  d.attach(expression(d, "last.symbol == first.symbol"));
  sendLetters(d, "AAB");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"A"}, {"-A", "-A", "B"}}));
}

TEST(ExpressionWindow, UnqualifiedAttributesReadTheEventBeingAddedOrRemoved) {
  WindowDriver d;
  // On the arrival `price` is the arrival's; on a removal, the removed event's. A cheap event
  // holds the condition, so only the first expensive one is removed.
  d.attach(expression(d, "price < 10"));
  d.send(1, "A", 50);
  d.send(2, "B", 1);
  d.send(3, "C", 60);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"-A", "A"}, {"B"}, {"-B", "C"}}));
}

TEST(ExpressionBatchWindow, TheTriggeringEventStartsTheNextBatch) {
  WindowDriver d;
  d.attach(expressionBatch(d, "count() <= 2"));
  d.send(0, "A");
  d.send(1, "B");
  EXPECT_TRUE(d.capture.chunks.empty());
  d.send(2, "C");
  d.send(3, "D");
  d.send(4, "E");
  // No reset row: the expired batch takes itself out of the aggregates.
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "B"}, {"-A", "-B", "C", "D"}}));
  // Every row of a flush carries the flush time.
  EXPECT_EQ(d.capture.times[1], (std::vector<int64_t>{4, 4, 4, 4}));
}

TEST(ExpressionBatchWindow, IncludeTriggeringEventClosesTheBatchWithIt) {
  WindowDriver d;
  d.attach(expressionBatch(d, "count() <= 2", true));
  sendLetters(d, "ABCDEFG");
  // The aggregates restart from the trigger even though it left with the batch (as in Siddhi),
  // so later batches hold two events plus their trigger.
  EXPECT_EQ(d.capture.chunks,
            (Chunks{{"A", "B", "C"}, {"-A", "-B", "-C", "D", "E"}, {"-D", "-E", "F", "G"}}));
}

TEST(ExpressionBatchWindow, AConditionFailingOnAnEmptyBatchPassesTheEventThrough) {
  WindowDriver d;
  d.attach(expressionBatch(d, "price < 10"));
  d.send(1, "X", 20);
  d.send(2, "A", 1);
  d.send(3, "B", 2);
  d.send(4, "Y", 30);
  d.send(5, "Z", 40);
  EXPECT_EQ(d.capture.chunks, (Chunks{{"-X", "X"}, {"A", "B"}, {"-A", "-B", "Y"}}));
}

TEST(ExpressionBatchWindow, StreamCurrentEmitsArrivalsAndExpiresTheBatchOnTheTrigger) {
  WindowDriver d;
  d.attach(expressionBatch(d, "count() <= 2", false, true));
  sendLetters(d, "ABCDE");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A"}, {"B"}, {"-A", "-B", "C"}, {"D"}, {"-C", "-D", "E"}}));
}

TEST(ExpressionBatchWindow, StreamCurrentWithTheTriggerExpiresItToo) {
  WindowDriver d;
  d.attach(expressionBatch(d, "count() <= 2", true, true));
  sendLetters(d, "ABCDE");
  EXPECT_EQ(d.capture.chunks,
            (Chunks{{"A"}, {"B"}, {"C", "-A", "-B", "-C"}, {"D"}, {"E", "-D", "-E"}}));
}

TEST(ExpressionBatchWindow, FirstIsTheOldestEventOfTheBatch) {
  WindowDriver d;
  d.attach(expressionBatch(d, "last.symbol == first.symbol"));
  sendLetters(d, "AABBBC");
  EXPECT_EQ(d.capture.chunks, (Chunks{{"A", "A"}, {"-A", "-A", "B", "B", "B"}}));
}

}  // namespace
}  // namespace cepheus::testing::windows
