// parseExpression: a lone expression, as written in an expression window's parameter.
#include <gtest/gtest.h>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

using ast::ExprKind;

TEST(ExpressionEntry, ParsesAComparisonOfAnAggregate) {
  ExpressionParse parsed = parseExpression("count() <= 20");
  ASSERT_TRUE(parsed.errors.empty()) << describe(parsed.errors);
  ASSERT_TRUE(parsed.expr);
  EXPECT_EQ(parsed.expr->kind, ExprKind::LessEqual);
  EXPECT_EQ(parsed.expr->text, "count() <= 20");
  EXPECT_EQ(parsed.expr->lhs->kind, ExprKind::Function);
  EXPECT_EQ(parsed.expr->lhs->name, "count");
  EXPECT_EQ(parsed.expr->rhs->intValue, 20);
}

TEST(ExpressionEntry, FirstAndLastAreEventReferences) {
  ExpressionParse parsed =
      parseExpression("sum(price) < 100 and eventTimestamp(last) - eventTimestamp(first) < 3000");
  ASSERT_TRUE(parsed.expr) << describe(parsed.errors);
  EXPECT_EQ(parsed.expr->kind, ExprKind::And);
  const ast::Expr& span = *parsed.expr->rhs->lhs;
  EXPECT_EQ(span.kind, ExprKind::Subtract);
  EXPECT_EQ(span.lhs->name, "eventTimestamp");
  EXPECT_EQ(span.lhs->args.at(0)->name, "last");
  EXPECT_EQ(span.rhs->args.at(0)->name, "first");

  ExpressionParse attrs = parseExpression("last.symbol == first.symbol");
  ASSERT_TRUE(attrs.expr) << describe(attrs.errors);
  EXPECT_EQ(attrs.expr->lhs->streamRef, "last");
  EXPECT_EQ(attrs.expr->lhs->name, "symbol");
  EXPECT_EQ(attrs.expr->rhs->streamRef, "first");
}

TEST(ExpressionEntry, ABareAttributeIsAnExpression) {
  ExpressionParse parsed = parseExpression("flush");
  ASSERT_TRUE(parsed.expr) << describe(parsed.errors);
  EXPECT_EQ(parsed.expr->kind, ExprKind::Attribute);
  EXPECT_EQ(parsed.expr->name, "flush");
}

TEST(ExpressionEntry, SyntaxErrorsHavePositionsInTheText) {
  ExpressionParse parsed = parseExpression("count( <= 2");
  EXPECT_FALSE(parsed.expr);
  ASSERT_FALSE(parsed.errors.empty());
  EXPECT_EQ(parsed.errors[0].line, 1);
  EXPECT_EQ(parsed.errors[0].col, 8);
}

TEST(ExpressionEntry, TrailingTextIsAnError) {
  EXPECT_FALSE(parseExpression("count() <= 2 select").expr);
  EXPECT_FALSE(parseExpression("count() <= 2;").expr);
  EXPECT_FALSE(parseExpression("").expr);
}

}  // namespace
}  // namespace cepheus::parse::test
