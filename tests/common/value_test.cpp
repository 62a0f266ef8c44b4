#include "cepheus/value.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(Value, NumbersKeepTheirTag) {
  EXPECT_EQ(Value::ofInt(-7).asInt(), -7);
  EXPECT_EQ(Value::ofLong(1LL << 40).asLong(), 1LL << 40);
  EXPECT_EQ(Value::ofFloat(1.5f).asFloat(), 1.5f);
  EXPECT_EQ(Value::ofDouble(2.25).asDouble(), 2.25);
  EXPECT_TRUE(Value::ofBool(true).asBool());
  EXPECT_TRUE(Value().isNull());
  EXPECT_EQ(Value::ofInt(1).tag(), Value::Tag::Int);
}

TEST(Value, ShortStringsAreInlineAndLongOnesShared) {
  Value shortText = Value::ofString("IBM");
  EXPECT_EQ(shortText.tag(), Value::Tag::InlineString);
  EXPECT_EQ(shortText.asString(), "IBM");
  Value exactly14 = Value::ofString("abcdefghijklmn");
  EXPECT_EQ(exactly14.tag(), Value::Tag::InlineString);
  std::string longText(100, 'x');
  Value a = Value::ofString(longText);
  EXPECT_EQ(a.tag(), Value::Tag::HeapString);
  Value b = a;  // shares the block
  a = Value::ofInt(1);
  EXPECT_EQ(b.asString(), longText);
  Value c = std::move(b);
  EXPECT_TRUE(b.isNull());
  EXPECT_EQ(c.asString(), longText);
}

TEST(Value, EqualityAndHashTreatStringsByContent) {
  EXPECT_EQ(Value::ofString(std::string(30, 'a')), Value::ofString(std::string(30, 'a')));
  EXPECT_EQ(Value::ofString("a").hash(), Value::ofString("a").hash());
  EXPECT_NE(Value::ofInt(1), Value::ofLong(1));  // different key types, as in Java
  EXPECT_EQ(Value(), Value());
}

TEST(Value, TextFormFollowsJava) {
  EXPECT_EQ(Value::ofDouble(10).toString(), "10.0");
  EXPECT_EQ(Value::ofDouble(-2.5).toString(), "-2.5");
  EXPECT_EQ(Value::ofDouble(0.001).toString(), "0.001");
  EXPECT_EQ(Value::ofDouble(1e7).toString(), "1.0E7");
  EXPECT_EQ(Value::ofDouble(1.5e-4).toString(), "1.5E-4");
  EXPECT_EQ(Value::ofFloat(0.1f).toString(), "0.1");
  EXPECT_EQ(Value::ofInt(7).toString(), "7");
  EXPECT_EQ(Value::ofBool(false).toString(), "false");
  EXPECT_EQ(Value().toString(), "null");
}

}  // namespace
}  // namespace cepheus
