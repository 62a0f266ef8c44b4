// regex: functions on RE2: the docs' examples, nulls, start indices, and the patterns RE2
// cannot run.
#include "support/function_harness.h"

namespace cepheus::testing {
namespace {

TEST(RegexFunctions, MatchesTheWholeInput) {
  EXPECT_EQ(call("regex:matches('WSO2(.*)middleware(.*)', 'WSO2 is situated in trace and its a middleware company')"), "true");
  EXPECT_EQ(call("regex:matches('WSO2(.*)middleware', 'WSO2 is situated in trace and its a middleware company')"), "false");
  EXPECT_EQ(call("regex:matches('', '')"), "true");
}

TEST(RegexFunctions, LookingAtMatchesAPrefix) {
  EXPECT_EQ(call("regex:lookingAt('\\d\\d(.*)(WSO2.*)', '21 products are produced by WSO2 currently in Sri Lanka')"), "true");
  EXPECT_EQ(call("regex:lookingAt('WSO2(.*)middleware(.*)', 'sample test string and WSO2 is situated in trace and its a middleware company')"),
            "false");
}

TEST(RegexFunctions, FindFromAStartingIndex) {
  EXPECT_EQ(call("regex:find('\\d\\d(.*)WSO2', '21 products are produced by WSO2 currently')"), "true");
  EXPECT_EQ(call("regex:find('\\d\\d(.*)WSO2', '21 products are produced by WSO2.', 4)"), "false");
  EXPECT_EQ(call("regex:find('b', 'abc', 1)"), "true");
  EXPECT_EQ(call("regex:find('b', 'abc', 2)"), "false");
  EXPECT_EQ(call("regex:find('é', 'aéé', 2)"), "true");  // a character index, not a byte offset
  EXPECT_TRUE(startsWith(call("regex:find('b', 'abc', 4)"), "error: regex:find(): the starting index 4 is out of the range"));
  EXPECT_TRUE(startsWith(call("regex:find('b', 'abc', -1)"), "error: regex:find(): the starting index -1"));
}

TEST(RegexFunctions, GroupOfTheFirstMatch) {
  EXPECT_EQ(call("regex:group('\\d\\d(.*)(WSO2.*)(WSO2.*)', '21 products are produced within 10 years by WSO2 currently by WSO2 employees', 3)"),
            "WSO2 employees");
  EXPECT_EQ(call("regex:group('(a)(x)?', 'a', 2)"), "null");  // took no part
  EXPECT_EQ(call("regex:group('(a)', 'a', 5)"), "null");       // no such group
  EXPECT_EQ(call("regex:group('(a)', 'b', 1)"), "null");       // no match
  EXPECT_EQ(call("regex:group('(?<year>\\d{4})-(\\d\\d)', 'on 2024-05', 2)"), "05");  // Java's named groups
}

TEST(RegexFunctions, NullInputIsNoMatchAndANullPatternFails) {
  EXPECT_EQ(call("s string", "regex:matches('a', s)", {N()}), "false");
  EXPECT_EQ(call("s string", "regex:find('a', s)", {N()}), "false");
  EXPECT_EQ(call("p string", "regex:matches(p, 'a')", {N()}),
            "error: regex:matches(): the first argument (the pattern) cannot be null");
  EXPECT_EQ(call("s string", "regex:group('a', s, 0)", {N()}), "error: regex:group(): the second argument cannot be null");
}

TEST(RegexFunctions, PatternsFromEventsAreCompiledWhenTheyChange) {
  AppHarness h("@OnError(action='STREAM') define stream T (p string, s string);"
               "from T select regex:matches(p, s) as m insert into Out;"
               "from !T select _error as e insert into Faults;");
  h.send("T", 1, {S("a+"), S("aaa")});
  h.send("T", 2, {S("a+"), S("b")});
  h.send("T", 3, {S("b+"), S("bb")});
  h.send("T", 4, {S("(a)\\1"), S("aa")});
  EXPECT_EQ(h.rows("Out"), (std::vector<std::string>{"[true]", "[false]", "[true]"}));
  ASSERT_EQ(h.rows("Faults").size(), 1u);
  EXPECT_NE(h.rows("Faults")[0].find("back-references"), std::string::npos);
}

TEST(RegexFunctions, JavaClassesThatRe2SpellsDifferently) {
  EXPECT_EQ(call("regex:matches('\\p{Alpha}+\\P{Digit}', 'abc!')"), "true");
  EXPECT_EQ(call("regex:matches('[\\p{Upper}\\d]+', 'AB12')"), "true");
}

}  // namespace
}  // namespace cepheus::testing
