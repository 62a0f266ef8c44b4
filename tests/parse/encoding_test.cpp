// Text that is not valid UTF-8 is a syntax error with its place, not an exception from deep in
// ANTLR's input stream (the server hands it whatever a client posts).
#include <gtest/gtest.h>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

using Errors = std::vector<std::string>;

TEST(Encoding, InvalidUtf8IsReportedWhereItIs) {
  EXPECT_EQ(errorsOf("define stream S (a int);\n-- caf\xe9\nfrom S select a insert into O;"),
            Errors{"2:7: the text is not valid UTF-8 (byte 0xE9)"});
  EXPECT_EQ(errorsOf("define stream S (a int);\xc0\xaf"), Errors{"1:25: the text is not valid UTF-8 (byte 0xC0)"});
  EXPECT_EQ(errorsOf("from S[a == '\xed\xa0\x80'] select a insert into O;"),
            Errors{"1:14: the text is not valid UTF-8 (byte 0xED)"});
  EXPECT_EQ(errorsOf("define stream S (a int);\xf0\x9f"), Errors{"1:25: the text is not valid UTF-8 (byte 0xF0)"});
  // Valid multi-byte text is fine, and columns count characters.
  EXPECT_TRUE(errorsOf("define stream S (a string);\nfrom S[a == 'café 🚀'] select a insert into O;").empty());
}

}  // namespace
}  // namespace cepheus::parse::test
