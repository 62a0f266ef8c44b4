// JSON kept as JSON in an object value: equal when the compact text is, never equal to a string.
#include "common/json_text.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(JsonText, EqualAndHashedByItsText) {
  Value a = Value::ofObject(new JsonText("[1,2]"));
  Value b = Value::ofObject(new JsonText("[1,2]"));
  Value c = Value::ofObject(new JsonText("[2,1]"));
  EXPECT_TRUE(a == b);
  EXPECT_EQ(a.hash(), b.hash());
  EXPECT_FALSE(a == c);
  EXPECT_FALSE(a == Value::ofString("[1,2]"));
  EXPECT_EQ(a.toString(), "[1,2]");
}

TEST(JsonText, CompactJsonIsRecognised) {
  EXPECT_TRUE(isCompactJson("[1,2]"));
  EXPECT_TRUE(isCompactJson("{\"k\":{\"n\":[]}}"));
  EXPECT_FALSE(isCompactJson("[1, 2]"));  // not compact
  EXPECT_FALSE(isCompactJson("[1,2"));
  EXPECT_FALSE(isCompactJson("\"s\""));  // not an array or object
  EXPECT_FALSE(isCompactJson(""));
}

}  // namespace
}  // namespace cepheus
