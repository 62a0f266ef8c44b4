// Tables have no runtime yet: one may be defined, but every use of it is rejected by name (as
// docs/language.md says).
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

const std::string kApp =
    "define stream S (symbol string, price double);\n"
    "@PrimaryKey('symbol') define table T (symbol string, price double);\n";

std::string onlyMessage(const std::string& query) {
  Diagnostics d = Engine::check(kApp + query);
  return d.size() == 1 ? d[0].message : std::to_string(d.size()) + " diagnostics";
}

TEST(Tables, AnUnusedTableIsAccepted) {
  Engine engine;
  std::unique_ptr<App> app = engine.deploy(kApp + "from S select symbol insert into O;");
  EXPECT_TRUE(app->warnings().empty());
}

TEST(Tables, EveryUseOfATableIsRejected) {
  EXPECT_EQ(onlyMessage("from S select symbol, price insert into T;"), "inserting into tables is not supported yet");
  EXPECT_EQ(onlyMessage("from S update T set T.price = price on T.symbol == symbol;"),
            "updating and deleting table rows is not supported yet");
  EXPECT_EQ(onlyMessage("from S delete T on T.symbol == symbol;"), "updating and deleting table rows is not supported yet");
  EXPECT_EQ(onlyMessage("from S[symbol in T] select symbol insert into O;"), "'in' conditions on tables are not supported yet");
  EXPECT_EQ(onlyMessage("from S join T on S.symbol == T.symbol select S.symbol insert into O;"),
            "joins are not supported yet");
  EXPECT_EQ(onlyMessage("from T select symbol insert into O;"),
            "table 'T' cannot be a query's only input: join it with a stream or use 'in'");
}

}  // namespace
}  // namespace cepheus
