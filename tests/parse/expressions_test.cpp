// Expressions: literals, time literals, signs, references, functions and precedence.
#include <gtest/gtest.h>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

using ast::ConstKind;
using ast::ExprKind;

// The expression `text` as the only select item of a query: it starts at line 1, column 15.
ast::ExprPtr selectExpr(const std::string& text) {
  auto app = parseOk("from S select " + text + " as v insert into O;");
  return std::move(app->elements.at(0).query->selector.attributes.at(0).expr);
}

TEST(Literals, NumbersGetTheirTypes) {
  auto i = selectExpr("123");
  EXPECT_EQ(i->kind, ExprKind::Constant);
  EXPECT_EQ(i->constKind, ConstKind::Int);
  EXPECT_EQ(i->intValue, 123);
  EXPECT_FALSE(i->isTime);

  auto l = selectExpr("123L");
  EXPECT_EQ(l->constKind, ConstKind::Long);
  EXPECT_EQ(l->intValue, 123);

  auto d = selectExpr("1.5");
  EXPECT_EQ(d->constKind, ConstKind::Double);
  EXPECT_DOUBLE_EQ(d->doubleValue, 1.5);
  EXPECT_EQ(selectExpr("1.5d")->constKind, ConstKind::Double);
  EXPECT_DOUBLE_EQ(selectExpr("1e3")->doubleValue, 1000.0);
  EXPECT_DOUBLE_EQ(selectExpr("1.5e-3")->doubleValue, 0.0015);

  auto f = selectExpr("1.5f");
  EXPECT_EQ(f->constKind, ConstKind::Float);
  EXPECT_DOUBLE_EQ(f->doubleValue, 1.5);
}

TEST(Literals, SignIsPartOfNumericLiterals) {
  auto minus = selectExpr("-5");
  EXPECT_EQ(minus->kind, ExprKind::Constant);
  EXPECT_EQ(minus->intValue, -5);
  EXPECT_EQ(minus->text, "-5");
  EXPECT_EQ(selectExpr("+7")->intValue, 7);
  EXPECT_EQ(selectExpr("-2147483648")->intValue, -2147483648LL);
  EXPECT_EQ(selectExpr("-9223372036854775808L")->intValue, INT64_MIN);

  auto product = selectExpr("price * -1.0");
  ASSERT_EQ(product->kind, ExprKind::Multiply);
  EXPECT_EQ(product->rhs->kind, ExprKind::Constant);
  EXPECT_DOUBLE_EQ(product->rhs->doubleValue, -1.0);

  auto difference = selectExpr("0 - volume");
  EXPECT_EQ(difference->kind, ExprKind::Subtract);
  auto noSpace = selectExpr("a-1");
  EXPECT_EQ(noSpace->kind, ExprKind::Subtract);
}

TEST(Literals, BooleansInAnyCase) {
  auto t = selectExpr("TRUE");
  EXPECT_EQ(t->constKind, ConstKind::Bool);
  EXPECT_TRUE(t->boolValue);
  EXPECT_FALSE(selectExpr("False")->boolValue);
}

TEST(Literals, StringQuotesAreStripped) {
  EXPECT_EQ(selectExpr("'a \"b\"'")->stringValue, "a \"b\"");
  EXPECT_EQ(selectExpr("\"x 'y'\"")->stringValue, "x 'y'");
  auto multi = selectExpr("\"\"\"line 1\nline \"2\"\n\"\"\"");
  EXPECT_EQ(multi->constKind, ConstKind::String);
  EXPECT_EQ(multi->stringValue, "line 1\nline \"2\"\n");
  EXPECT_EQ(selectExpr("''")->stringValue, "");
}

TEST(TimeLiterals, AreLongMilliseconds) {
  auto sec = selectExpr("5 sec");
  EXPECT_EQ(sec->kind, ExprKind::Constant);
  EXPECT_EQ(sec->constKind, ConstKind::Long);
  EXPECT_TRUE(sec->isTime);
  EXPECT_EQ(sec->intValue, 5000);
  EXPECT_EQ(sec->text, "5 sec");
  EXPECT_EQ(selectExpr("1 hour 30 min")->intValue, 90 * 60 * 1000);
  EXPECT_EQ(selectExpr("2 days 1 millisec")->intValue, 2 * 86400000LL + 1);
}

TEST(TimeLiterals, EveryUnitSpelling) {
  const int64_t day = 86400000;
  const std::vector<std::pair<std::string, int64_t>> units = {
      {"year", 365 * day}, {"years", 365 * day}, {"month", 30 * day}, {"months", 30 * day},
      {"week", 7 * day},   {"weeks", 7 * day},   {"day", day},        {"days", day},
      {"hour", 3600000},   {"hours", 3600000},   {"min", 60000},      {"minute", 60000},
      {"minutes", 60000},  {"sec", 1000},        {"second", 1000},    {"seconds", 1000},
      {"millisec", 1},     {"millisecond", 1},   {"milliseconds", 1}, {"SEC", 1000}};
  for (const auto& [unit, millis] : units) {
    EXPECT_EQ(selectExpr("1 " + unit)->intValue, millis) << unit;
  }
}

TEST(References, QualifiedAndIndexed) {
  auto plain = selectExpr("price");
  EXPECT_EQ(plain->kind, ExprKind::Attribute);
  EXPECT_EQ(plain->name, "price");
  EXPECT_TRUE(plain->streamRef.empty());
  EXPECT_EQ(plain->pos.line, 1);
  EXPECT_EQ(plain->pos.col, 15);

  auto qualified = selectExpr("S.price");
  EXPECT_EQ(qualified->streamRef, "S");
  EXPECT_EQ(qualified->name, "price");
  EXPECT_FALSE(qualified->index.has_value());

  auto inner = selectExpr("#Inner.price");
  EXPECT_TRUE(inner->streamRefInner);
  EXPECT_EQ(inner->streamRef, "Inner");

  auto first = selectExpr("e1[0].price");
  EXPECT_EQ(first->streamRef, "e1");
  ASSERT_TRUE(first->index.has_value());
  EXPECT_FALSE(first->index->fromLast);
  EXPECT_EQ(first->index->offset, 0);

  auto last = selectExpr("e1[last].price");
  ASSERT_TRUE(last->index.has_value());
  EXPECT_TRUE(last->index->fromLast);
  EXPECT_EQ(last->index->offset, 0);

  auto beforeLast = selectExpr("e1[last-1].price");
  EXPECT_TRUE(beforeLast->index->fromLast);
  EXPECT_EQ(beforeLast->index->offset, 1);
}

TEST(References, QuotedIdentifiersAndKeywordNames) {
  EXPECT_EQ(selectExpr("`my attr`")->name, "my attr");
  for (const char* name : {"last", "first", "min", "max", "count", "events", "output", "window",
                           "sec", "string", "of", "end", "_error"}) {
    auto e = selectExpr(name);
    EXPECT_EQ(e->kind, ExprKind::Attribute) << name;
    EXPECT_EQ(e->name, name);
  }
}

TEST(Functions, NamespacesArgumentsAndStar) {
  auto f = selectExpr("str:concat(a, 'x', 3)");
  EXPECT_EQ(f->kind, ExprKind::Function);
  EXPECT_EQ(f->ns, "str");
  EXPECT_EQ(f->name, "concat");
  ASSERT_EQ(f->args.size(), 3u);
  EXPECT_EQ(f->args[1]->stringValue, "x");

  auto count = selectExpr("count()");
  EXPECT_EQ(count->name, "count");
  EXPECT_TRUE(count->args.empty());
  EXPECT_TRUE(selectExpr("count(*)")->star);

  // Keywords used as function names: aggregators `min`, `and`, `or`.
  EXPECT_EQ(selectExpr("min(price)")->name, "min");
  EXPECT_EQ(selectExpr("and(flag)")->name, "and");
  EXPECT_EQ(selectExpr("or(flag)")->name, "or");
  auto nested = selectExpr("sum(price) / count()");
  EXPECT_EQ(nested->kind, ExprKind::Divide);
  EXPECT_EQ(nested->text, "sum(price) / count()");
}

TEST(Precedence, MultiplicationBeforeAddition) {
  auto e = selectExpr("a + b * c");
  ASSERT_EQ(e->kind, ExprKind::Add);
  EXPECT_EQ(e->rhs->kind, ExprKind::Multiply);
  auto left = selectExpr("a - b - c");  // left associative
  ASSERT_EQ(left->kind, ExprKind::Subtract);
  EXPECT_EQ(left->lhs->kind, ExprKind::Subtract);
  auto modulo = selectExpr("a % b + c");
  EXPECT_EQ(modulo->lhs->kind, ExprKind::Modulo);
}

TEST(Precedence, ComparisonsThenEqualityThenInThenAndThenOr) {
  auto e = selectExpr("a < b == c > d");
  ASSERT_EQ(e->kind, ExprKind::Equal);
  EXPECT_EQ(e->lhs->kind, ExprKind::Less);
  EXPECT_EQ(e->rhs->kind, ExprKind::Greater);

  auto logic = selectExpr("a or b and c");
  ASSERT_EQ(logic->kind, ExprKind::Or);
  EXPECT_EQ(logic->rhs->kind, ExprKind::And);

  auto in = selectExpr("T.id == id in T and ok");
  ASSERT_EQ(in->kind, ExprKind::And);
  ASSERT_EQ(in->lhs->kind, ExprKind::In);
  EXPECT_EQ(in->lhs->name, "T");
  EXPECT_EQ(in->lhs->lhs->kind, ExprKind::Equal);

  auto rel = selectExpr("a + 1 >= b * 2");
  ASSERT_EQ(rel->kind, ExprKind::GreaterEqual);
  EXPECT_EQ(rel->lhs->kind, ExprKind::Add);
  EXPECT_EQ(selectExpr("a <= b")->kind, ExprKind::LessEqual);
  EXPECT_EQ(selectExpr("a != b")->kind, ExprKind::NotEqual);
}

TEST(Precedence, NotAndIsNullBindTightly) {
  auto notExpr = selectExpr("not a and b");
  ASSERT_EQ(notExpr->kind, ExprKind::And);
  EXPECT_EQ(notExpr->lhs->kind, ExprKind::Not);

  auto isNull = selectExpr("a + b is null");
  ASSERT_EQ(isNull->kind, ExprKind::Add);
  EXPECT_EQ(isNull->rhs->kind, ExprKind::IsNull);
  EXPECT_EQ(isNull->rhs->lhs->name, "b");

  auto notIsNull = selectExpr("not x is null");
  ASSERT_EQ(notIsNull->kind, ExprKind::Not);
  EXPECT_EQ(notIsNull->lhs->kind, ExprKind::IsNull);

  auto functionIsNull = selectExpr("sizeOfSet(o) IS NULL");
  EXPECT_EQ(functionIsNull->kind, ExprKind::IsNull);
  EXPECT_EQ(functionIsNull->lhs->kind, ExprKind::Function);
}

TEST(Precedence, ParenthesesOverride) {
  auto e = selectExpr("(a + b) * c");
  ASSERT_EQ(e->kind, ExprKind::Multiply);
  EXPECT_EQ(e->lhs->kind, ExprKind::Add);
  auto grouped = selectExpr("(a or b) and c");
  ASSERT_EQ(grouped->kind, ExprKind::And);
  EXPECT_EQ(grouped->lhs->kind, ExprKind::Or);
  auto negated = selectExpr("not (a > 1)");
  ASSERT_EQ(negated->kind, ExprKind::Not);
  EXPECT_EQ(negated->lhs->kind, ExprKind::Greater);
}

TEST(Expressions, PositionsAndText) {
  auto e = selectExpr("a +  b");
  EXPECT_EQ(e->pos.col, 15);
  EXPECT_EQ(e->text, "a +  b");
  EXPECT_EQ(e->rhs->pos.col, 20);
}

}  // namespace
}  // namespace cepheus::parse::test
