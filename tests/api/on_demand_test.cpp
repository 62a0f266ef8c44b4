// On-demand queries through App::query: finds over tables and named windows with the whole
// selector, the four changes of a table, and their errors with line:col in the query's text.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kApp =
    "define stream S (symbol string, price double, volume long);\n"
    "@PrimaryKey('symbol') define table T (symbol string, price double, volume long);\n"
    "define table Log (symbol string, price double, volume long);\n"
    "define window W (symbol string, price double) length(3);\n"
    "from S insert into T;\n"
    "from S insert into Log;\n"
    "from S select symbol, price insert into W;\n";

std::vector<std::string> text(const QueryResult& result) {
  std::vector<std::string> out;
  for (const auto& row : result.rows) {
    std::string line = "[";
    for (size_t i = 0; i < row.size(); ++i) line += (i ? ", " : "") + row[i].toString();
    out.push_back(line + "]");
  }
  return out;
}

class OnDemand : public ::testing::Test {
 protected:
  OnDemand() : h(kApp) {
    h.send("S", 1, {S("IBM"), D(10), L(5)});
    h.send("S", 2, {S("WSO2"), D(55.5), L(7)});
    h.send("S", 3, {S("ORCL"), D(30), L(1)});
    h.send("S", 4, {S("MSFT"), D(12), L(2)});
  }
  Rows query(const std::string& q) { return text(h.app().query(q)); }
  std::string errorOf(const std::string& q) {
    try {
      h.app().query(q);
    } catch (const QueryError& e) {
      return e.what();
    }
    return "";
  }
  AppHarness h;
};

TEST_F(OnDemand, FromATableAloneReturnsEveryRowAsStored) {
  QueryResult result = h.app().query("from T");
  ASSERT_EQ(result.schema.size(), 3u);
  EXPECT_EQ(result.schema[0].name, "symbol");
  EXPECT_EQ(result.schema[2].type, Type::Long);
  EXPECT_EQ(text(result), (Rows{"[IBM, 10.0, 5]", "[WSO2, 55.5, 7]", "[ORCL, 30.0, 1]", "[MSFT, 12.0, 2]"}));
}

TEST_F(OnDemand, OnSelectOrderByLimit) {
  EXPECT_EQ(query("from T on T.price > 10.5 select symbol, price order by price desc limit 2"),
            (Rows{"[WSO2, 55.5]", "[ORCL, 30.0]"}));
  EXPECT_EQ(query("from T on price > 10.5 select symbol order by symbol limit 2 offset 1"), (Rows{"[ORCL]", "[WSO2]"}));
  // A key probe on the primary key and a scan give the same row.
  EXPECT_EQ(query("from T on T.symbol == 'ORCL' select price"), (Rows{"[30.0]"}));
  EXPECT_EQ(query("from T as t on t.symbol == 'NONE' select price"), Rows{});
}

TEST_F(OnDemand, AggregatesGroupByAndHaving) {
  EXPECT_EQ(query("from T select count() as n, sum(volume) as v, max(price) as top"), (Rows{"[4, 15, 55.5]"}));
  h.send("S", 5, {S("IBM"), D(11), L(1)});  // Log keeps both IBM rows; T refuses the second
  EXPECT_EQ(query("from Log select symbol, count() as n group by symbol having n > 1"), (Rows{"[IBM, 2]"}));
  EXPECT_EQ(query("from T select count() as n"), (Rows{"[4]"}));
  // Nothing found: no row, as a query's selector emits nothing for an empty chunk.
  EXPECT_EQ(query("from T on symbol == 'NONE' select count() as n"), Rows{});
}

TEST(OnDemandBeforeEvents, AnEmptyTableOrWindowHasNoRows) {
  AppHarness h(kApp);
  EXPECT_TRUE(h.app().query("from T").rows.empty());
  EXPECT_TRUE(h.app().query("from W").rows.empty());
  EXPECT_EQ(h.app().query("from W").schema.size(), 2u);
}

TEST_F(OnDemand, ANamedWindowGivesWhatItHolds) {
  EXPECT_EQ(query("from W"), (Rows{"[WSO2, 55.5]", "[ORCL, 30.0]", "[MSFT, 12.0]"}));
  EXPECT_EQ(query("from W on price < 40.0 select symbol"), (Rows{"[ORCL]", "[MSFT]"}));
}

TEST_F(OnDemand, InsertDeleteUpdateAndUpdateOrInsertChangeTheTable) {
  EXPECT_TRUE(h.app().query("select 'X' as symbol, 2.0 as price, 3L as volume insert into T").rows.empty());
  EXPECT_EQ(query("from T on symbol == 'X'"), (Rows{"[X, 2.0, 3]"}));

  h.app().query("delete T on T.price < 20.0");
  EXPECT_EQ(query("from T select symbol"), (Rows{"[WSO2]", "[ORCL]"}));

  // set sees the row as it was: both right sides read the old price.
  h.app().query("update T set T.price = T.price * 2.0, T.volume = convert(T.price, 'long') on T.symbol == 'ORCL'");
  EXPECT_EQ(query("from T on symbol == 'ORCL'"), (Rows{"[ORCL, 60.0, 30]"}));

  const std::string upsert =
      "select 'IBM' as symbol, 1.0 as price, 1L as volume "
      "update or insert into T set T.price = T.price + price on T.symbol == symbol";
  h.app().query(upsert);  // no IBM row any more: inserted
  h.app().query(upsert);  // now updated
  EXPECT_EQ(query("from T on symbol == 'IBM'"), (Rows{"[IBM, 2.0, 1]"}));
}

TEST_F(OnDemand, ChangesAreSeenByTheAppsQueries) {
  AppHarness joined(
      "define stream Q (symbol string); define table T (symbol string, price double);"
      "from Q join T on Q.symbol == T.symbol select T.symbol, T.price insert into Out;");
  joined.app().query("select 'A' as symbol, 1.5 as price insert into T");
  joined.send("Q", 1, {S("A")});
  EXPECT_EQ(joined.rows("Out"), (Rows{"[A, 1.5]"}));
}

TEST_F(OnDemand, ErrorsSayWhereInTheQuery) {
  EXPECT_EQ(errorOf("from T on prce > 1.0 select symbol"), "1:11: unknown attribute 'prce' in on (did you mean 'price'?)");
  EXPECT_EQ(errorOf("from Q"), "1:1: unknown table or window 'Q'");
  EXPECT_EQ(errorOf("from S"), "1:1: 'S' is a stream: on-demand queries read tables, named windows and aggregations");
  EXPECT_EQ(errorOf("from T select").substr(0, 5), "1:14:");  // a syntax error: at the end
  EXPECT_EQ(errorOf("select 'X' as symbol insert into T").substr(0, 5), "1:22:");
  EXPECT_EQ(errorOf("delete W on W.price > 1.0"), "1:1: 'W' is not a table: on-demand queries change tables");
  EXPECT_EQ(errorOf("from T within 1000L, 2000L per 'sec'"),
            "1:15: 'within' and 'per' choose the buckets of an aggregation, but 'T' is a table");
}

TEST(OnDemandErrors, ARowWhoseExpressionFailsIsReported) {
  AppHarness h("define stream S (symbol string, o object); define table T (symbol string, o object);"
               "from S insert into T;");
  h.send("S", 1, {S("a"), S("not a set")});
  try {
    h.app().query("from T select sizeOfSet(o) as n");
    FAIL() << "no error";
  } catch (const QueryError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].line, 0);
    EXPECT_EQ(e.diagnostics()[0].message, "sizeOfSet(): 'not a set' is not a set");
  }
}

}  // namespace
}  // namespace cepheus::testing
