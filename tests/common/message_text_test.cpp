// Source text inside messages: quoted once, never with doubled quotes.
#include "common/message_text.h"

#include <gtest/gtest.h>

namespace cepheus {
namespace {

TEST(QuoteSource, CodeGetsSingleQuotes) {
  EXPECT_EQ(quoteSource("price * 2"), "'price * 2'");
  EXPECT_EQ(quoteSource("x"), "'x'");
}

TEST(QuoteSource, ALoneStringLiteralKeepsItsOwnQuotes) {
  EXPECT_EQ(quoteSource("'abc'"), "'abc'");
  EXPECT_EQ(quoteSource("\"abc\""), "\"abc\"");
  EXPECT_EQ(quoteSource("\"it's\""), "\"it's\"");
  EXPECT_EQ(quoteSource("\"\"\"a \"quoted\" word\"\"\""), "\"\"\"a \"quoted\" word\"\"\"");
  EXPECT_EQ(quoteSource("''"), "\"\"");  // the same empty string, without ''
  EXPECT_EQ(quoteSource("\"\""), "\"\"");
}

TEST(QuoteSource, TextHoldingASingleQuoteGetsDoubleQuotes) {
  EXPECT_EQ(quoteSource("symbol + 'a' > 1"), "\"symbol + 'a' > 1\"");
  EXPECT_EQ(quoteSource("x == 'a'"), "\"x == 'a'\"");
  EXPECT_EQ(quoteSource("'a' == 'b'"), "\"'a' == 'b'\"");
  EXPECT_EQ(quoteSource("'abc..."), "\"'abc...\"");  // a literal cut short
  EXPECT_EQ(quoteSource("x == \"a\""), "'x == \"a\"'");
  EXPECT_EQ(quoteSource("x == \"a\" or y == 'b'"), "\"x == \"a\" or y == 'b'\"");
  EXPECT_EQ(quoteSource("f('a', \"b\")"), "'f('a', \"b\")'");
}

TEST(QuoteSource, EmptyTextIsVisible) { EXPECT_EQ(quoteSource(""), "\"\""); }

}  // namespace
}  // namespace cepheus
