// Siddhi's expression semantics, observed through deployed apps: nulls, promotion, integer
// division, division by zero, and/or/not, comparisons.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

const char* kNumbers = "define stream N (i int, l long, f float, d double, b bool, s string);\n";

std::vector<std::string> select(const std::string& projection, std::vector<Value> row) {
  AppHarness h(std::string(kNumbers) + "from N select " + projection + " insert into Out;");
  h.send("N", 1, std::move(row));
  return h.rows("Out");
}

std::vector<Value> row(Value i, Value l, Value f, Value d, Value b = B(true), Value s = S("x")) {
  return {i, l, f, d, b, s};
}

TEST(ExpressionSemantics, IntegerDivisionTruncatesTowardZero) {
  EXPECT_EQ(select("i / 2 as q, i % 3 as r", row(I(7), L(0), F(0), D(0))), (std::vector<std::string>{"[3, 1]"}));
  EXPECT_EQ(select("i / 2 as q, i % 3 as r", row(I(-7), L(0), F(0), D(0))), (std::vector<std::string>{"[-3, -1]"}));
}

TEST(ExpressionSemantics, DivisionByZeroIsNullForIntegersAndDoubles) {
  EXPECT_EQ(select("i / 0 as a, l % 0 as b, d / 0.0 as c, d / 0 as e", row(I(5), L(5), F(0), D(2))),
            (std::vector<std::string>{"[null, null, null, null]"}));
}

TEST(ExpressionSemantics, ArithmeticPromotesToTheWiderType) {
  AppHarness h(std::string(kNumbers) +
               "from N select i + l as il, l + f as lf, f + d as fd, i * 2 as ii insert into Out;");
  h.send("N", 1, row(I(1), L(2), F(0.5f), D(0.25)));
  const auto& out = h.recorded("Out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].data[0].tag(), Value::Tag::Long);
  EXPECT_EQ(out[0].data[1].tag(), Value::Tag::Float);
  EXPECT_EQ(out[0].data[2].tag(), Value::Tag::Double);
  EXPECT_EQ(out[0].data[3].tag(), Value::Tag::Int);
  EXPECT_EQ(out[0].data[2].asDouble(), 0.75);
}

TEST(ExpressionSemantics, IntOverflowWrapsAsInJava) {
  EXPECT_EQ(select("i + 1 as a", row(I(2147483647), L(0), F(0), D(0))),
            (std::vector<std::string>{"[-2147483648]"}));
}

TEST(ExpressionSemantics, NullPropagatesThroughArithmetic) {
  EXPECT_EQ(select("i + 1 as a, d * 2 as b", row(N(), L(0), F(0), N())),
            (std::vector<std::string>{"[null, null]"}));
}

TEST(ExpressionSemantics, ComparisonsWithNullAreFalseExceptNotEqual) {
  EXPECT_EQ(select("i == 1 as eq, i != 1 as ne, i < 1 as lt, i >= 1 as ge, s != 'a' as sne",
                   row(N(), L(0), F(0), D(0), B(true), N())),
            (std::vector<std::string>{"[false, true, false, false, true]"}));
}

TEST(ExpressionSemantics, NotIsTrueUnlessTheOperandIsExactlyTrue) {
  EXPECT_EQ(select("not (d > 1.0) as a, not b as c", row(I(0), L(0), F(0), N(), N())),
            (std::vector<std::string>{"[true, true]"}));
}

TEST(ExpressionSemantics, AndOrTreatNullAsFalse) {
  EXPECT_EQ(select("b and true as a, b or true as o, b or false as f", row(I(0), L(0), F(0), D(0), N())),
            (std::vector<std::string>{"[false, true, false]"}));
}

TEST(ExpressionSemantics, NumbersCompareAcrossTypes) {
  EXPECT_EQ(select("i < l as a, l <= d as b, f == 0.5 as c", row(I(1), L(2), F(0.5f), D(2.0))),
            (std::vector<std::string>{"[true, true, true]"}));
}

TEST(ExpressionSemantics, IsNullOnAttributesAndFunctions) {
  EXPECT_EQ(select("s is null as a, convert(s, 'int') is null as b", row(I(0), L(0), F(0), D(0), B(true), S("12"))),
            (std::vector<std::string>{"[false, false]"}));
  EXPECT_EQ(select("s is null as a", row(I(0), L(0), F(0), D(0), B(true), N())),
            (std::vector<std::string>{"[true]"}));
}

TEST(ExpressionSemantics, SignedLiteralsAndSubtraction) {
  EXPECT_EQ(select("-5 as a, 0 - i as b, d * -1.0 as c", row(I(3), L(0), F(0), D(2))),
            (std::vector<std::string>{"[-5, -3, -2.0]"}));
}

TEST(ExpressionSemantics, TimeLiteralsAreLongMilliseconds) {
  EXPECT_EQ(select("1 hour 30 min as t, 2 sec as s", row(I(0), L(0), F(0), D(0))),
            (std::vector<std::string>{"[5400000, 2000]"}));
}

}  // namespace
}  // namespace cepheus::testing
