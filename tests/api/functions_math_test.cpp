// math: functions: the docs' examples (java.lang.Math's results), nulls and special values.
#include <cmath>

#include "support/function_harness.h"

namespace cepheus::testing {
namespace {

TEST(MathFunctions, DocumentedExamples) {
  EXPECT_EQ(call("math:abs(-3)"), "3.0");
  EXPECT_EQ(call("math:acos(0.5)"), "1.0471975511965979");
  EXPECT_EQ(call("math:asin(0.5)"), "0.5235987755982989");
  // Doubles print as their shortest round-trip text; Java 8, which wrote the docs, sometimes
  // printed one more digit (its 1.1760052070951352 is this same double).
  EXPECT_EQ(call("math:atan(12d, 5d)"), "1.176005207095135");
  EXPECT_EQ(call("math:bin(9)"), "1001");
  EXPECT_EQ(call("math:cbrt(17d)"), "2.5712815906582356");
  EXPECT_EQ(call("math:ceil(423.187d)"), "424.0");
  EXPECT_EQ(call("math:conv('7f', 16, 10)"), "127");
  EXPECT_EQ(call("math:copySign(5.6d, -3.0d)"), "-5.6");
  EXPECT_EQ(call("math:cos(6d)"), "0.960170286650366");
  EXPECT_EQ(call("math:cosh(6d)"), "201.7156361224559");
  EXPECT_EQ(call("math:exp(10.23)"), "27722.51006805505");
  EXPECT_EQ(call("math:floor(10.23)"), "10.0");
  EXPECT_EQ(call("math:getExponent(60984.1)"), "15");
  EXPECT_EQ(call("math:hex(200)"), "c8");
  EXPECT_EQ(call("math:ln(11.453)"), "2.438251704415579");
  EXPECT_EQ(call("math:log(34, 2f)"), "5.08746284125034");
  EXPECT_EQ(call("math:log10(19.234)"), "1.2840696117100832");
  EXPECT_EQ(call("math:log2(91d)"), "6.507794640198696");
  EXPECT_EQ(call("math:max(123.67d, 91)"), "123.67");
  EXPECT_EQ(call("math:min(123.67d, 91)"), "91.0");
  EXPECT_EQ(call("math:oct(99l)"), "143");
  EXPECT_EQ(call("math:parseDouble('123')"), "123.0");
  EXPECT_EQ(call("math:parseFloat('123')"), "123.0");
  EXPECT_EQ(call("math:parseInt('123')"), "123");
  EXPECT_EQ(call("math:parseLong('123')"), "123");
  EXPECT_EQ(call("math:pi()"), "3.141592653589793");
  EXPECT_EQ(call("math:e()"), "2.718281828459045");
  EXPECT_EQ(call("math:power(5.6d, 3.0d)"), "175.61599999999996");
  EXPECT_EQ(call("math:round(3252.353)"), "3252");
  EXPECT_EQ(call("math:signum(-6.32d)"), "-1");
  EXPECT_EQ(call("math:sin(6d)"), "-0.27941549819892586");
  EXPECT_EQ(call("math:sinh(6d)"), "201.71315737027922");
  EXPECT_EQ(call("math:sqrt(4d)"), "2.0");
  EXPECT_EQ(call("math:tan(6d)"), "-0.29100619138474915");
  EXPECT_EQ(call("math:tanh(6d)"), "0.9999877116507956");
  EXPECT_EQ(call("math:toDegrees(6d)"), "343.77467707849394");
  EXPECT_EQ(call("math:toRadians(6d)"), "0.10471975511965977");
}

TEST(MathFunctions, NullGivesNull) {
  EXPECT_EQ(call("d double", "math:sqrt(d)", {N()}), "null");
  EXPECT_EQ(call("d double", "math:power(d, 2)", {N()}), "null");
  EXPECT_EQ(call("s string", "math:parseInt(s)", {N()}), "null");
  EXPECT_EQ(call("l long", "math:bin(l)", {N()}), "null");
}

TEST(MathFunctions, IntegerFormsUseTheArgumentsWidth) {
  EXPECT_EQ(call("math:bin(-1)"), "11111111111111111111111111111111");
  EXPECT_EQ(call("math:hex(-1l)"), "ffffffffffffffff");
  EXPECT_EQ(call("math:oct(8)"), "10");
  EXPECT_EQ(call("math:hex(1.0)"), "0x1.0p0");
  EXPECT_EQ(call("math:hex(-3.5)"), "-0x1.cp1");
  EXPECT_EQ(call("math:conv('-ff', 16, 2)"), "-11111111");
  EXPECT_TRUE(startsWith(call("math:conv('12', 1, 10)"), "error: math:conv(): radix 1"));
}

TEST(MathFunctions, RoundFollowsJavaAndItsArgumentType) {
  EXPECT_EQ(call("math:round(2.5)"), "3");
  EXPECT_EQ(call("math:round(-2.5)"), "-2");
  EXPECT_EQ(call("math:round(0.49999999999999994)"), "0");
  EXPECT_EQ(call("f float", "math:round(f)", {F(1.5f)}), "2");
  EXPECT_EQ(call("d double", "math:round(d)", {D(NAN)}), "0");
  EXPECT_EQ(call("d double", "math:round(d)", {D(1e300)}), "9223372036854775807");
}

TEST(MathFunctions, SpecialValuesAsJava) {
  EXPECT_EQ(call("math:isNan(math:acos(2.0))"), "true");
  EXPECT_EQ(call("math:isInfinite(math:exp(1000.0))"), "true");
  EXPECT_EQ(call("math:isInfinite(1.0)"), "false");
  EXPECT_EQ(call("math:getExponent(0.0)"), "-1023");
  EXPECT_EQ(call("math:signum(0.0)"), "0");
  EXPECT_TRUE(startsWith(call("math:log(8, 1)"), "error: math:log(): the base cannot be 1"));
}

TEST(MathFunctions, ParseFailsOnWhatJavaRejects) {
  EXPECT_EQ(call("math:parseInt('+42')"), "42");
  EXPECT_TRUE(startsWith(call("math:parseInt(' 42')"), "error: math:parseInt(): ' 42' is not an int"));
  EXPECT_TRUE(startsWith(call("math:parseInt('2147483648')"), "error: math:parseInt()"));
  EXPECT_EQ(call("math:parseLong('2147483648')"), "2147483648");
  EXPECT_EQ(call("math:parseDouble(' 1e3d ')"), "1000.0");
  EXPECT_EQ(call("math:parseDouble('-Infinity')"), "-Infinity");
  EXPECT_TRUE(startsWith(call("math:parseDouble('abc')"), "error: math:parseDouble(): 'abc' is not a number"));
}

TEST(MathFunctions, SeededRandIsJavaUtilRandom) {
  // new java.util.Random(42).nextDouble() gives 0.7275636800328681, then 0.6832234717598454.
  AppHarness h("define stream T (x int); from T select math:rand(42) as r insert into Out;");
  h.send("T", 1, {I(1)});
  h.send("T", 2, {I(1)});
  EXPECT_EQ(h.rows("Out"), (std::vector<std::string>{"[0.7275636800328681]", "[0.6832234717598454]"}));
  std::string unseeded = call("math:rand()");
  double r = std::stod(unseeded);
  EXPECT_GE(r, 0.0);
  EXPECT_LT(r, 1.0);
}

}  // namespace
}  // namespace cepheus::testing
