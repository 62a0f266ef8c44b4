// What a query may do with a table, and the messages for what it may not.
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

TEST(Tables, EveryOperationOnATableIsAccepted) {
  EXPECT_EQ(onlyMessage("from S select symbol, price insert into T;"), "0 diagnostics");
  EXPECT_EQ(onlyMessage("from S update T set T.price = T.price + price on T.symbol == symbol;"), "0 diagnostics");
  EXPECT_EQ(onlyMessage("from S delete T on T.symbol == symbol;"), "0 diagnostics");
  EXPECT_EQ(onlyMessage("from S update or insert into T on T.symbol == symbol;"), "0 diagnostics");
  EXPECT_EQ(onlyMessage("from S[symbol == T.symbol in T] select symbol insert into O;"), "0 diagnostics");
  EXPECT_EQ(onlyMessage("from S join T on S.symbol == T.symbol select S.symbol, T.price insert into O;"),
            "0 diagnostics");
  EXPECT_EQ(onlyMessage("from S#window.length(5) select symbol, price insert expired events into T;"), "0 diagnostics");
}

TEST(Tables, WrongUsesAreRejectedWithWhatIsWrong) {
  EXPECT_EQ(onlyMessage("from T select symbol insert into O;"),
            "table 'T' cannot be a query's only input: join it with a stream or use 'in'");
  EXPECT_EQ(onlyMessage("from S update S set S.price = price on S.symbol == symbol;"),
            "'S' is not a table: update and delete work on tables");
  EXPECT_EQ(onlyMessage("from S select symbol insert into T;"),
            "the query selects (symbol string) but table 'T' has (symbol string, price double): names and types must "
            "match");
  EXPECT_EQ(onlyMessage("from S update T set T.volume = price on T.symbol == symbol;"), "table 'T' has no attribute 'volume'");
  EXPECT_EQ(onlyMessage("from S update T set T.price = symbol on T.symbol == symbol;"),
            "cannot assign string 'symbol' to double attribute T.price");
  EXPECT_EQ(onlyMessage("from S join T unidirectional on S.symbol == T.symbol select S.symbol insert into O;"),
            "table 'T' never triggers a join, so it cannot be 'unidirectional'");
  EXPECT_EQ(onlyMessage("define table U (symbol string);\nfrom T join U on T.symbol == U.symbol select T.symbol insert into O;"),
            "a join needs at least one stream side, but 'T' and 'U' are both tables");
}

}  // namespace
}  // namespace cepheus
