// str: functions: the examples of siddhi-execution-string's docs, nulls and edge cases.
#include "support/function_harness.h"

namespace cepheus::testing {
namespace {

const char* kText = "s string";

TEST(StringFunctions, CharAtCountsCharactersAndRejectsIndicesOutOfRange) {
  EXPECT_EQ(call("str:charAt('WSO2', 1)"), "S");
  EXPECT_EQ(call(kText, "str:charAt(s, 1)", {S("héllo")}), "é");
  EXPECT_TRUE(startsWith(call("str:charAt('WSO2', -1)"), "error: str:charAt(): index -1 is negative"));
  EXPECT_TRUE(startsWith(call("str:charAt('WSO2', 4)"), "error: str:charAt(): index 4"));
  EXPECT_EQ(call(kText, "str:charAt(s, 0)", {N()}), "error: str:charAt(): the first argument cannot be null");
}

TEST(StringFunctions, CharFrequencyCountsOneCharacter) {
  EXPECT_EQ(call("str:charFrequency('WSO2,ABM,NSFT', ',')"), "2");
  EXPECT_EQ(call("str:charFrequency('', ',')"), "0");
  EXPECT_TRUE(startsWith(call("str:charFrequency('abc', 'ab')"), "error: str:charFrequency(): 'char' must be one character"));
}

TEST(StringFunctions, CoalesceGivesTheFirstNonNullOfOneType) {
  EXPECT_EQ(call("a string, b string, c string", "str:coalesce(a, b, c)", {N(), S("BBB"), S("CCC")}), "BBB");
  EXPECT_EQ(call("a double, b double", "str:coalesce(a, b)", {N(), D(2.5)}), "2.5");
  EXPECT_EQ(call("a int, b int", "str:coalesce(a, b)", {N(), N()}), "null");
}

TEST(StringFunctions, ConcatJoinsTextSkipsNullsAndPrintsNumbersAsJava) {
  EXPECT_EQ(call("str:concat('D533', '8JU^', 'XYZ')"), "D5338JU^XYZ");
  EXPECT_EQ(call("a string, d double, b bool, l long", "str:concat(a, '-', d, '-', b, l)", {S("x"), D(10), B(true), L(7)}),
            "x-10.0-true7");
  EXPECT_EQ(call("a string, d double", "str:concat(a, d)", {N(), D(1e10)}), "1.0E10");
  EXPECT_EQ(call("f float", "str:concat('f=', f)", {F(0.1f)}), "f=0.1");
  EXPECT_EQ(call("a string", "str:concat(a, a)", {S("a long string over fourteen bytes")}),
            "a long string over fourteen bytesa long string over fourteen bytes");
}

TEST(StringFunctions, ConcatPrintsDoublesAsJavasDoubleToString) {
  auto text = [](double d) { return call("d double", "str:concat('', d)", {D(d)}); };
  EXPECT_EQ(text(12.3), "12.3");
  EXPECT_EQ(text(-2.5), "-2.5");
  EXPECT_EQ(text(100), "100.0");
  EXPECT_EQ(text(0.001), "0.001");
  EXPECT_EQ(text(0.0001), "1.0E-4");
  EXPECT_EQ(text(1234567.25), "1234567.25");
  EXPECT_EQ(text(1e7), "1.0E7");
  EXPECT_EQ(text(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(text(-0.0), "-0.0");
  EXPECT_EQ(text(1.0 / 3), "0.3333333333333333");
}

TEST(StringFunctions, ContainsIsFalseForANullInput) {
  EXPECT_EQ(call("str:contains('21 products are produced by WSO2 currently', 'WSO2')"), "true");
  EXPECT_EQ(call(kText, "str:contains(s, 'x')", {N()}), "false");
  EXPECT_EQ(call(kText, "str:contains('abc', s)", {N()}), "error: str:contains(): the second argument cannot be null");
  EXPECT_EQ(call("str:contains('abc', '')"), "true");
}

TEST(StringFunctions, EqualsIgnoreCase) {
  EXPECT_EQ(call("str:equalsIgnoreCase('WSO2', 'wso2')"), "true");
  EXPECT_EQ(call("str:equalsIgnoreCase('ÉTÉ', 'été')"), "true");
  EXPECT_EQ(call(kText, "str:equalsIgnoreCase('a', s)", {N()}), "false");
  EXPECT_EQ(call(kText, "str:equalsIgnoreCase(s, 'a')", {N()}), "error: str:equalsIgnoreCase(): the first argument cannot be null");
}

TEST(StringFunctions, FillTemplateByPositionAndByJsonObject) {
  EXPECT_EQ(call("str:fillTemplate('{{1}} > 100 && {{2}} < 10000', 200, 300)"), "200 > 100 && 300 < 10000");
  EXPECT_EQ(call("a string", "str:fillTemplate('{{1}}-{{1}}-{{ 2 }}', a, 2.5)", {S("x")}), "x-x-2.5");
  EXPECT_EQ(call("a string", "str:fillTemplate('[{{1}}]', a)", {N()}), "[1]");  // a null keeps its key
  EXPECT_EQ(call("j string", "str:fillTemplate('{{prize}} > 100 && {{salary}} < 10000', json:toObject(j))",
                 {S("{\"prize\": 300, \"salary\": 10000}")}),
            "300 > 100 && 10000 < 10000");
}

TEST(StringFunctions, HexAndUnhexRoundTrip) {
  EXPECT_EQ(call("str:hex('MySQL')"), "4d7953514c");
  EXPECT_EQ(call("str:unhex('4d7953514c')"), "MySQL");
  EXPECT_EQ(call("str:unhex(str:hex('héllo'))"), "héllo");
  EXPECT_EQ(call("str:hex('')"), "");
  EXPECT_TRUE(startsWith(call("str:unhex('4d7')"), "error: str:unhex(): '4d7' has an odd number"));
  EXPECT_TRUE(startsWith(call("str:unhex('zz')"), "error: str:unhex(): 'zz' is not hexadecimal"));
}

TEST(StringFunctions, LengthCountsCharacters) {
  EXPECT_EQ(call("str:length('Hello World')"), "11");
  EXPECT_EQ(call("str:length('')"), "0");
  EXPECT_EQ(call("str:length('naïve')"), "5");
  EXPECT_EQ(call(kText, "str:length(s)", {N()}), "error: str:length(): the first argument cannot be null");
}

TEST(StringFunctions, LocateFromTheStartOrAPosition) {
  EXPECT_EQ(call("str:locate('@wso2.com', 'streamin@wso2.com')"), "8");
  EXPECT_EQ(call("str:locate('a', 'banana', 2)"), "3");
  EXPECT_EQ(call("str:locate('x', 'banana')"), "-1");
  EXPECT_EQ(call("str:locate('x', 'banana', 3)"), "-1");
  EXPECT_TRUE(startsWith(call("str:locate('a', 'banana', 9)"), "error: str:locate(): the start position 9 is past the end"));
}

TEST(StringFunctions, LowerUpperAndReverse) {
  EXPECT_EQ(call("str:lower('WSO2 cep ')"), "wso2 cep ");
  EXPECT_EQ(call("str:upper('Hello World')"), "HELLO WORLD");
  EXPECT_EQ(call("str:upper('straße é')"), "STRAßE É");
  EXPECT_EQ(call("str:reverse('Hello World')"), "dlroW olleH");
  EXPECT_EQ(call("str:reverse('añb')"), "bña");
  EXPECT_EQ(call(kText, "str:upper(s)", {N()}), "error: str:upper(): the first argument cannot be null");
}

TEST(StringFunctions, RegexpMatchesTheWholeInput) {
  EXPECT_EQ(call("str:regexp('WSO2 abcdh', 'WSO(.*h)')"), "true");
  EXPECT_EQ(call("str:regexp('WSO2 abcdhx', 'WSO(.*h)')"), "false");
  EXPECT_EQ(call("p string", "str:regexp('abc', p)", {S("a.c")}), "true");
  EXPECT_TRUE(startsWith(call("p string", "str:regexp('abc', p)", {S("(")}), "error: str:regexp(): pattern '(' is not a valid regular expression"));
}

TEST(StringFunctions, RepeatAndStrcmp) {
  EXPECT_EQ(call("str:repeat('StRing 1', 3)"), "StRing 1StRing 1StRing 1");
  EXPECT_EQ(call("str:repeat('x', 0)"), "");
  EXPECT_EQ(call("str:repeat('x', -2)"), "");
  EXPECT_EQ(call("str:strcmp('AbCDefghiJ KLMN', 'Hello')"), "-7");  // 'A' - 'H', as Java's compareTo
  EXPECT_EQ(call("str:strcmp('abc', 'ab')"), "1");
  EXPECT_EQ(call("str:strcmp('ab', 'ab')"), "0");
}

TEST(StringFunctions, ReplaceAllAndFirstTakeJavaReplacements) {
  EXPECT_EQ(call("str:replaceAll('hello hi hello', 'hello', 'test')"), "test hi test");
  EXPECT_EQ(call("str:replaceFirst('hello WSO2 A hello', 'WSO2(.*)A', 'XXXX')"), "hello XXXX hello");
  EXPECT_EQ(call("str:replaceAll('2024-01-31', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/$1')"), "31/01/2024");
  EXPECT_EQ(call("str:replaceAll('abc', 'x*', '-')"), "-a-b-c-");
  EXPECT_EQ(call("str:replaceAll('a.b', '\\.', '\\$')"), "a$b");
}

TEST(StringFunctions, SplitTakesTheNthPieceAndDropsTrailingEmptyOnes) {
  EXPECT_EQ(call("str:split('WSO2,ABM,NSFT', ',', 0)"), "WSO2");
  EXPECT_EQ(call("str:split('a1b22c', '\\d+', 2)"), "c");
  EXPECT_TRUE(startsWith(call("str:split('a,b,,', ',', 2)"), "error: str:split(): index 2 is negative or not less than the 2 pieces"));
  EXPECT_TRUE(startsWith(call("str:split('a,b', ',', -1)"), "error: str:split(): index -1"));
}

TEST(StringFunctions, SubstrByIndexLengthAndRegex) {
  EXPECT_EQ(call("str:substr('AbCDefghiJ KLMN', 4)"), "efghiJ KLMN");
  EXPECT_EQ(call("str:substr('AbCDefghiJ KLMN', 2, 4)"), "CDef");
  EXPECT_EQ(call("str:substr('WSO2D efghiJ KLMN', '^WSO2(.*)')"), "WSO2D efghiJ KLMN");
  EXPECT_EQ(call("str:substr('WSO2 cep WSO2 XX E hi hA WSO2 heAllo', 'WSO2(.*)A(.*)', 2)"), "llo");
  EXPECT_EQ(call("str:substr('abc', 'x(y)')"), "");
  EXPECT_EQ(call("str:substr('abc', '(x)?abc', 1)"), "null");  // the group took no part
  EXPECT_EQ(call("str:substr('abc', 3)"), "");
  EXPECT_TRUE(startsWith(call("str:substr('abc', -1)"), "error: str:substr(): begin index -1"));
  EXPECT_TRUE(startsWith(call("str:substr('abc', 1, 5)"), "error: str:substr(): begin index 1 and length 5"));
  EXPECT_TRUE(startsWith(call("str:substr('abc', 'a', 2)"), "error: str:substr(): the pattern 'a' has no group 2"));
}

TEST(StringFunctions, TrimRemovesSpacesAndControlCharacters) {
  EXPECT_EQ(call("str:trim('  AbCDefghiJ KLMN  ')"), "AbCDefghiJ KLMN");
  EXPECT_EQ(call(kText, "str:trim(s)", {S("\t x \n")}), "x");
  EXPECT_EQ(call("str:trim('')"), "");
}

}  // namespace
}  // namespace cepheus::testing
