// Deploy-time errors of the extension library: unknown names (with a suggestion), argument
// counts and types, constants the docs require, and constant values checked early.
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

// The first problem of an app selecting `select` from T (a string, n int, d double, l long).
std::string errorOf(const std::string& select, const std::string& handlers = "") {
  std::string app = "define stream T (a string, n int, d double, l long); from T" + handlers + " select " + select +
                    " insert into Out;";
  Diagnostics diagnostics = Engine::check(app);
  return diagnostics.empty() ? "" : diagnostics[0].message;
}

TEST(FunctionErrors, UnknownFunctionsSuggestTheClosestName) {
  EXPECT_EQ(errorOf("str:concatt(a, a) as x"), "unknown function 'str:concatt' (did you mean 'str:concat'?)");
  EXPECT_EQ(errorOf("math:sqr(d) as x"), "unknown function 'math:sqr' (did you mean 'math:sqrt'?)");
  EXPECT_EQ(errorOf("Str:upper(a) as x"), "unknown function 'Str:upper' (did you mean 'str:upper'?)");
  EXPECT_EQ(errorOf("upper(a) as x"), "unknown function 'upper' (did you mean 'str:upper'?)");
  EXPECT_EQ(errorOf("cout() as x"), "unknown function 'cout' (did you mean 'count'?)");
  EXPECT_EQ(errorOf("geo:within(d, d) as x").rfind("unknown function 'geo:within'", 0), 0u);
  EXPECT_EQ(errorOf("str:groupConcat(a) as x"), "");
  EXPECT_EQ(errorOf("groupConcat(a) as x"), "unknown function 'groupConcat' (did you mean 'str:groupConcat'?)");
  EXPECT_EQ(errorOf("math:percentil(d, 5.0) as x"), "unknown function 'math:percentil' (did you mean 'math:percentile'?)");
  EXPECT_EQ(errorOf("str:tokenize(a, ',') as x").rfind("'str:tokenize' is a stream function", 0), 0u);
}

TEST(FunctionErrors, ArgumentCounts) {
  EXPECT_EQ(errorOf("str:length() as x"), "str:length() takes 1 argument, found 0");
  EXPECT_EQ(errorOf("str:concat(a) as x"), "str:concat() takes at least 2 arguments, found 1");
  EXPECT_EQ(errorOf("str:substr(a) as x"), "str:substr() takes 2 or 3 arguments, found 1");
  EXPECT_EQ(errorOf("time:extract('HOUR') as x"), "time:extract() takes 2, 3 or 4 arguments, found 1");
  EXPECT_EQ(errorOf("math:pi(1) as x"), "math:pi() takes 0 arguments, found 1");
}

TEST(FunctionErrors, ArgumentTypes) {
  EXPECT_EQ(errorOf("str:length(n) as x"), "str:length() needs a string as its first argument (input.string), but 'n' is int");
  EXPECT_EQ(errorOf("str:charAt(a, l) as x"), "str:charAt() needs an int as its second argument (index), but 'l' is long");
  EXPECT_EQ(errorOf("math:sin(a) as x"), "math:sin() needs a number as its first argument (p1), but 'a' is string");
  EXPECT_EQ(errorOf("math:ceil(n) as x"), "math:ceil() needs a float or double as its first argument (p1), but 'n' is int");
  EXPECT_EQ(errorOf("str:substr(a, d) as x"), "str:substr() needs a string or int as its second argument (begin.index), but 'd' is double");
  EXPECT_EQ(errorOf("json:getString(n, '$.a') as x"), "json:getString() needs a string or object as its first argument (json), but 'n' is int");
  EXPECT_EQ(errorOf("str:coalesce(a, n) as x"), "str:coalesce(): needs arguments of one type, but 'a' is string and 'n' is int");
  EXPECT_EQ(errorOf("x", "[str:length(a)]"), "a filter condition must be bool, but 'str:length(a)' is int");
}

TEST(FunctionErrors, ConstantsTheDocsRequire) {
  EXPECT_EQ(errorOf("time:extract(a, a) as x"), "time:extract() needs a constant as its first argument (unit), but 'a' is not one");
  EXPECT_EQ(errorOf("math:rand(n) as x"), "math:rand() needs a constant as its first argument (seed), but 'n' is not one");
  EXPECT_EQ(errorOf("time:currentTimestamp(a) as x"), "time:currentTimestamp() needs a constant as its first argument (timezone), but 'a' is not one");
}

TEST(FunctionErrors, ConstantValuesAreCheckedAtDeployTime) {
  EXPECT_EQ(errorOf("regex:matches('(a)\\1', a) as x"),
            "regex:matches(): pattern '(a)\\1' cannot be used: back-references (\\1) are not supported: Cepheus "
            "matches with RE2, which runs in time linear in the input and so cannot express them");
  EXPECT_EQ(errorOf("regex:find('a(?=b)', a) as x").rfind("regex:find(): pattern 'a(?=b)' cannot be used: look-ahead", 0), 0u);
  EXPECT_EQ(errorOf("str:regexp(a, 'a++') as x").rfind("str:regexp(): pattern 'a++' cannot be used: possessive", 0), 0u);
  EXPECT_EQ(errorOf("str:replaceAll(a, '(x)', '$2') as x"), "str:replaceAll(): no group 2 in pattern for replacement '$2'");
  EXPECT_EQ(errorOf("regex:matches('[a-', a) as x").rfind("regex:matches(): pattern '[a-' is not a valid regular expression", 0), 0u);
  EXPECT_EQ(errorOf("time:extract(l, 'HOURS') as x"),
            "time:extract(): unknown unit 'HOURS' (use SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER or YEAR)");
  EXPECT_EQ(errorOf("time:dateFormat(l, 'yyyy-MM-dd QQ') as x").rfind("time:dateFormat(): date pattern 'yyyy-MM-dd QQ' uses the letter 'Q'", 0), 0u);
  EXPECT_EQ(errorOf("time:currentTimestamp('Mars/Olympus') as x").rfind("time:currentTimestamp(): unknown time zone 'Mars/Olympus'", 0), 0u);
  EXPECT_EQ(errorOf("time:extract('WEEK', a, 'yyyy', 'english') as x"),
            "time:extract(): 'english' is not a locale such as 'en_US' or 'fr_FR'");
  EXPECT_EQ(errorOf("json:getString(a, '$.items[?(@.price > 10)]') as x"),
            "json:getString(): JSON path '$.items[?(@.price > 10)]' uses a filter expression ([?(...)]), which is not supported");
  EXPECT_EQ(errorOf("str:fillTemplate('{{1}} {{2}}', a) as x"),
            "str:fillTemplate(): the template's placeholder {{2}} must be a number from 1 to 1 (one per replacement argument)");
  EXPECT_EQ(errorOf("time:timezoneConvert(a, 'HH:mm', 'UTC') as x"),
            "time:timezoneConvert(): the pattern 'HH:mm' must give a date and a time of day");
}

TEST(FunctionErrors, StreamFunctions) {
  EXPECT_EQ(errorOf("token", "#str:tokenise(a, ',')"), "unknown stream function 'str:tokenise' (did you mean 'str:tokenize'?)");
  EXPECT_EQ(errorOf("token", "#str:tokenize(n, ',')"), "str:tokenize() needs a string as its first argument (input.string), but 'n' is int");
  EXPECT_EQ(errorOf("token", "#str:tokenize(a, ',', a == 'x')"),
            "str:tokenize() needs a constant as its third argument (distinct), but \"a == 'x'\" is not one");
  EXPECT_EQ(errorOf("x", "#str:upper(a)"), "'str:upper' is a function, not a stream function: call it in a filter or select");
  EXPECT_EQ(errorOf("tokenx", "#str:tokenize(a, ',')").rfind("unknown attribute 'tokenx'", 0), 0u);
  EXPECT_EQ(errorOf("token", "#str:tokenize(a, ',')#str:tokenize(a, ';')"),
            "str:tokenize() adds the attribute 'token', but the input already has one");
}

TEST(FunctionErrors, Pol2Cart) {
  EXPECT_EQ(errorOf("x, y", "#pol2Cart(d, d)"), "");
  EXPECT_EQ(errorOf("x, y, z", "#pol2Cart(d, d, 3.4)"), "");
  EXPECT_EQ(errorOf("z", "#pol2Cart(d, d)").rfind("unknown attribute 'z'", 0), 0u);
  // Siddhi wants doubles, not any number.
  EXPECT_EQ(errorOf("x", "#pol2Cart(n, d)"), "pol2Cart() needs a double as its first argument (theta), but 'n' is int");
  EXPECT_EQ(errorOf("x", "#pol2Cart(d)"), "pol2Cart() takes 2 or 3 arguments, found 1");
  EXPECT_EQ(errorOf("x", "#pol2Cart(d, d)#pol2Cart(d, d)"),
            "pol2Cart() adds the attribute 'x', but the input already has one");
  EXPECT_EQ(errorOf("x", "#pol2cart(d, d)"), "unknown stream function 'pol2cart' (did you mean 'pol2Cart'?)");
}

}  // namespace
}  // namespace cepheus
