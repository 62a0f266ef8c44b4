// Syntax errors: exact positions, messages that say what was found and what was expected, and
// every error of a text reported.
#include <gtest/gtest.h>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

using Errors = std::vector<std::string>;

TEST(SyntaxErrors, ComputedSelectItemNeedsAName) {
  EXPECT_EQ(
      errorsOf("from S select sum(price) insert into O;"),
      Errors{"1:15: a computed select item needs a name: add 'as <name>' after 'sum(price)'"});
  EXPECT_EQ(errorsOf("from S select a, price * 2, 5 insert into O;"),
            (Errors{"1:18: a computed select item needs a name: add 'as <name>' after 'price * 2'",
                    "1:29: a computed select item needs a name: add 'as <name>' after '5'"}));
  // Plain references may omit `as`.
  EXPECT_TRUE(errorsOf("from S select symbol, S.price, e1.v, e1[0].v insert into O;").empty());
}

TEST(SyntaxErrors, UnaryMinusOnlyOnNumbers) {
  EXPECT_EQ(errorsOf("from S select -price as p insert into O;"),
            Errors{"1:16: a sign is allowed only before a number: write '0 - price' instead of "
                   "'-price'"});
  EXPECT_EQ(errorsOf("from S select a * -(b) as p insert into O;"),
            Errors{"1:20: a sign is allowed only before a number: write '0 - (' instead of '-('"});
}

TEST(SyntaxErrors, MissingFrom) {
  EXPECT_EQ(errorsOf("define stream S (a int);\nselect a insert into O;"),
            Errors{"2:1: a query must start with 'from'"});
}

TEST(SyntaxErrors, UnbalancedParentheses) {
  EXPECT_EQ(errorsOf("from S[(price > 1.0] select a insert into O;"),
            Errors{"1:20: missing ')' before ']'"});
  EXPECT_EQ(errorsOf("from S select max(a as m insert into O;"),
            Errors{"1:21: unexpected 'as': expected ',' or ')'"});
}

TEST(SyntaxErrors, AppAnnotationAfterDefinition) {
  EXPECT_EQ(errorsOf("define stream S (a int);\n@app:name('x') from S insert into O;")[0],
            "2:2: app annotations (@app:...) must come first, before all definitions");
}

TEST(SyntaxErrors, DefinitionAfterQuery) {
  EXPECT_EQ(errorsOf("define stream S (a int);\nfrom S insert into O;\n@x define table T (a int);"),
            Errors{"3:4: definitions must come before all queries and partitions"});
}

TEST(SyntaxErrors, FoundAndExpectedTokens) {
  EXPECT_EQ(errorsOf("from S selct a insert into O;"),
            Errors{"1:8: unexpected 'selct': expected 'delete', 'insert', 'output', 'return', "
                   "'select' or 'update'"});
  EXPECT_EQ(errorsOf("from S select a insert O;"),
            Errors{"1:24: unexpected 'O': expected 'all', 'current', 'events', 'expired' or "
                   "'into'"});
  EXPECT_EQ(errorsOf("from S[a > ] select a insert into O;"),
            Errors{"1:12: unexpected ']': expected an expression"});
  EXPECT_EQ(errorsOf("define stream S (a int, b);"), Errors{"1:26: missing a type before ')'"});
  EXPECT_EQ(errorsOf("from S select a group by insert into O;"),
            Errors{"1:26: unexpected 'insert': expected '#' or a name"});
  EXPECT_EQ(errorsOf("define stream S (a int) from S insert into O;"),
            Errors{"1:25: unexpected 'from': expected end of input or ';'"});
  EXPECT_EQ(errorsOf("from S select a insert into O;\nfrom"),
            Errors{"2:5: unexpected end of input: expected '(', '#', '!' or a name"});
  EXPECT_EQ(errorsOf("from S[a = 1] insert into O;"),
            Errors{"1:10: unexpected '=': compare with '=='"});
  // Decisions that looked ahead still say what could follow the offending token.
  EXPECT_EQ(errorsOf("define strem S (a int);"),
            Errors{"1:8: unexpected 'strem': expected 'aggregation', 'function', 'stream', "
                   "'table', 'trigger' or 'window'"});
  EXPECT_EQ(errorsOf("from S output every 3 insert into O;"),
            Errors{"1:23: unexpected 'insert': expected 'events' or a time unit"});
  EXPECT_EQ(errorsOf("from S insert into O; garbage"),
            Errors{"1:23: unexpected 'garbage': expected end of input, 'define', 'from', "
                   "'partition' or '@'"});
}

// Every keyword is also a name (tests/parse/keyword_names_test.cpp), except where the token
// after it shows that the keyword is meant: a missing name is then reported at the keyword.
TEST(SyntaxErrors, AKeywordMeantAsOneIsNotTakenForAMissingName) {
  EXPECT_EQ(errorsOf("from S select a group by insert into O;"),
            Errors{"1:26: unexpected 'insert': expected '#' or a name"});
  EXPECT_EQ(errorsOf("from S select insert into O;"),
            Errors{"1:15: unexpected 'insert': expected '*' or an expression"});
  EXPECT_EQ(errorsOf("from insert into O;"),
            Errors{"1:6: unexpected 'insert': expected '(', '#', '!' or a name"});
  EXPECT_EQ(errorsOf("from S select a as insert into O;"),
            Errors{"1:20: unexpected 'insert': expected a name"});
  EXPECT_EQ(errorsOf("from S select a, insert into O;"),
            Errors{"1:18: unexpected 'insert': expected an expression"});
  EXPECT_EQ(errorsOf("from S select a having insert into O;"),
            Errors{"1:24: unexpected 'insert': expected an expression"});
  EXPECT_EQ(errorsOf("from S select a as x order by limit 2 insert into O;"),
            Errors{"1:31: unexpected 'limit': expected '#' or a name"});
  EXPECT_EQ(errorsOf("from S[a > ] select a insert into O;"),
            Errors{"1:12: unexpected ']': expected an expression"});
  EXPECT_EQ(errorsOf("define stream S (a int);\nfrom S select a insert into;"),
            Errors{"2:28: unexpected ';': expected '#', '!' or a name"});
}

TEST(SyntaxErrors, PatternShapes) {
  EXPECT_EQ(errorsOf("from e1=A join B insert into O;"),
            Errors{"1:6: a join side must be a stream, not a pattern"});
  EXPECT_EQ(errorsOf("from e1=A -> e2=B, e3=C insert into O;"),
            Errors{"1:18: '->' (pattern) and ',' (sequence) cannot be mixed in one input"});
  EXPECT_EQ(errorsOf("from e1=A+ -> e2=B insert into O;"),
            Errors{"1:10: '+' is allowed only in sequences; in a pattern use a count such as "
                   "<1:> or <0:1>"});
  EXPECT_EQ(errorsOf("from e1=A, every e2=B insert into O;"),
            Errors{"1:12: 'every' can only start a sequence"});
  EXPECT_EQ(errorsOf("from e1=A#window.length(1) -> e2=B insert into O;"),
            Errors{"1:10: a pattern or sequence state cannot have a window"});
}

TEST(SyntaxErrors, TimeLiteralUnitOrder) {
  EXPECT_EQ(errorsOf("from S#window.time(30 min 1 hour) insert into O;"),
            Errors{"1:27: time units must go from the largest to the smallest, each at most "
                   "once (e.g. '1 hour 30 min')"});
  EXPECT_EQ(errorsOf("from S#window.time(1 sec 2 seconds) insert into O;").size(), 1u);
}

TEST(SyntaxErrors, NumbersOutOfRange) {
  EXPECT_EQ(errorsOf("from S select 2147483648 as a insert into O;"),
            Errors{"1:15: number 2147483648 is out of range for int: add 'L' to make it a long"});
  EXPECT_EQ(errorsOf("from S select 9223372036854775808L as a insert into O;"),
            Errors{"1:15: number 9223372036854775808L is out of range for long"});
  EXPECT_TRUE(errorsOf("from S select 2147483647 as a, -2147483648 as b insert into O;").empty());
}

TEST(SyntaxErrors, LexicalErrors) {
  EXPECT_EQ(errorsOf("from S select 'abc as x insert into O;"),
            Errors{"1:15: unterminated string: the closing quote is missing"});
  EXPECT_EQ(errorsOf("from S select \"\"\"abc\n as x insert into O;"),
            Errors{"1:15: unterminated string: the closing quote is missing"});
  EXPECT_EQ(errorsOf("from S insert into O;\n/* never closed\n"),
            Errors{"2:1: unterminated comment: '*/' is missing"});
  EXPECT_EQ(errorsOf("from S select a $ insert into O;"), Errors{"1:17: unexpected character '$'"});
}

TEST(SyntaxErrors, AllErrorsAreReportedInSourceOrder) {
  Errors errors = errorsOf(
      "define stream S (a int);\n"
      "from S[a >> 1] select a insert into A;\n"
      "from S select sum(a) insert into B;\n"
      "from S select a insert into C\n"
      "from S#window.length(2 select a insert into D;\n");
  EXPECT_EQ(errors, (Errors{"2:11: unexpected '>': expected an expression",
                            "3:15: a computed select item needs a name: add 'as <name>' after "
                            "'sum(a)'",
                            "5:1: unexpected 'from': expected end of input or ';'"}));
}

TEST(SyntaxErrors, ErrorsInSeparateStatementsAreEachReported) {
  Errors errors = errorsOf(
      "from S[a >> 1] select a insert into A;\n"
      "from S select a insert B;\n"
      "from S[a = 1] insert into C;\n");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].substr(0, 5), "1:11:");
  EXPECT_EQ(errors[1].substr(0, 5), "2:24:");
  EXPECT_EQ(errors[2].substr(0, 5), "3:10:");
}

}  // namespace
}  // namespace cepheus::parse::test
