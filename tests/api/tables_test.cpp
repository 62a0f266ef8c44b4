// Tables through the public API: insert (primary-key duplicates dropped and reported), delete,
// update with SQL `set` semantics, update or insert, insert expired events, `in`, @Index
// lookups, and a table's rows saved and restored with the app's state.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

Rows tableRows(App& app, const std::string& table) {
  Rows out;
  for (const auto& row : app.query("from " + table).rows) {
    std::string line = "[";
    for (size_t i = 0; i < row.size(); ++i) line += (i ? ", " : "") + row[i].toString();
    out.push_back(line + "]");
  }
  return out;
}

const std::string kKeyed =
    "define stream Add (k string, p double, n int); define stream Del (k string);"
    "define stream Up (k string, p double);"
    "@PrimaryKey('k') define table T (k string, p double, n int);"
    "from Add insert into T;"
    "from Del delete T on T.k == k;"
    "from Up update T set T.p = p, T.n = T.n + 1 on T.k == k;";

TEST(TablesApi, PrimaryKeyDuplicatesAreDroppedTheFirstRowStays) {
  AppHarness h(kKeyed);
  h.send("Add", 1, {S("a"), D(1), I(0)});
  h.send("Add", 2, {S("a"), D(2), I(0)});
  h.send("Add", 3, {S("b"), D(3), I(0)});
  EXPECT_EQ(tableRows(h.app(), "T"), (Rows{"[a, 1.0, 0]", "[b, 3.0, 0]"}));
}

TEST(TablesApi, DeleteAndUpdateOnTheKey) {
  AppHarness h(kKeyed);
  h.send("Add", 1, {S("a"), D(1), I(0)});
  h.send("Add", 2, {S("b"), D(2), I(0)});
  h.send("Up", 3, {S("b"), D(5)});
  h.send("Up", 4, {S("b"), D(6)});
  h.send("Up", 5, {S("zz"), D(6)});  // no row: nothing
  h.send("Del", 6, {S("a")});
  EXPECT_EQ(tableRows(h.app(), "T"), (Rows{"[b, 6.0, 2]"}));
  h.send("Add", 7, {S("a"), D(9), I(0)});  // the deleted key is free again
  EXPECT_EQ(tableRows(h.app(), "T"), (Rows{"[b, 6.0, 2]", "[a, 9.0, 0]"}));
}

TEST(TablesApi, SetSeesTheRowBeforeTheUpdateWhateverTheOrder) {
  // Siddhi assigns in column order and reads a keyed table's own attributes as null; we swap.
  AppHarness h("define stream Add (k string, x int, y int); define stream Swap (k string);"
               "@PrimaryKey('k') define table T (k string, x int, y int);"
               "from Add insert into T;"
               "from Swap update T set T.y = T.x, T.x = T.y on T.k == k;");
  h.send("Add", 1, {S("a"), I(1), I(2)});
  h.send("Swap", 2, {S("a")});
  EXPECT_EQ(tableRows(h.app(), "T"), (Rows{"[a, 2, 1]"}));
}

TEST(TablesApi, UpdateWithoutSetTakesTheSelectedAttributesByName) {
  AppHarness h("define stream Add (k string, p double); define stream Up (k string, p double);"
               "define table T (k string, p double); from Add insert into T;"
               "from Up select k, p update T on T.k == k;");
  h.send("Add", 1, {S("a"), D(1)});
  h.send("Add", 2, {S("a"), D(2)});  // no key: two rows
  h.send("Up", 3, {S("a"), D(7)});
  EXPECT_EQ(tableRows(h.app(), "T"), (Rows{"[a, 7.0]", "[a, 7.0]"}));
}

TEST(TablesApi, UpdateOrInsertInsertsOnceThenUpdates) {
  AppHarness h("define stream U (k string, p double); @PrimaryKey('k') define table T (k string, p double);"
               "from U update or insert into T set T.p = T.p + p on T.k == k;");
  h.send("U", 1, {S("a"), D(1)});
  h.send("U", 2, {S("a"), D(2)});
  h.send("U", 3, {S("b"), D(5)});
  EXPECT_EQ(tableRows(h.app(), "T"), (Rows{"[a, 3.0]", "[b, 5.0]"}));
}

TEST(TablesApi, InsertExpiredEventsKeepsWhatLeavesAWindow) {
  AppHarness h("define stream S (k string); define table Gone (k string);"
               "from S#window.length(2) select k insert expired events into Gone;");
  for (const char* k : {"a", "b", "c", "d"}) h.send("S", 1, {S(k)});
  EXPECT_EQ(tableRows(h.app(), "Gone"), (Rows{"[a]", "[b]"}));
}

TEST(TablesApi, InChecksWhetherSomeRowMatches) {
  AppHarness h("define stream Block (card string); define stream Pay (card string, amount double);"
               "@Index('card') define table Blocked (card string);"
               "from Block insert into Blocked;"
               "from Pay[card == Blocked.card in Blocked] select card, amount insert into Refused;"
               "from Pay[not (card == Blocked.card in Blocked)] select card, amount insert into Accepted;");
  h.send("Block", 1, {S("c1")});
  h.send("Pay", 2, {S("c1"), D(10)});
  h.send("Pay", 3, {S("c2"), D(20)});
  EXPECT_EQ(h.rows("Refused"), (Rows{"[c1, 10.0]"}));
  EXPECT_EQ(h.rows("Accepted"), (Rows{"[c2, 20.0]"}));
}

TEST(TablesApi, AnIndexedTableFindsEveryRowOfAKey) {
  AppHarness h("define stream Add (k string, p double); define stream Q (k string);"
               "@Index('k') define table T (k string, p double); from Add insert into T;"
               "from Q join T on T.k == Q.k select T.k, T.p insert into O;");
  h.send("Add", 1, {S("a"), D(1)});
  h.send("Add", 2, {S("b"), D(2)});
  h.send("Add", 3, {S("a"), D(3)});
  h.send("Q", 4, {S("a")});
  EXPECT_EQ(h.rows("O"), (Rows{"[a, 1.0]", "[a, 3.0]"}));
}

TEST(TablesApi, RowsAndKeysAreSavedAndRestored) {
  std::vector<uint8_t> saved;
  {
    AppHarness h(kKeyed);
    h.send("Add", 1, {S("a"), D(1), I(0)});
    h.send("Add", 2, {S("b"), D(2), I(0)});
    h.send("Del", 3, {S("a")});
    saved = h.app().snapshot();
  }
  AppHarness restored(kKeyed);
  restored.app().restore(saved);
  EXPECT_EQ(tableRows(restored.app(), "T"), (Rows{"[b, 2.0, 0]"}));
  restored.send("Add", 4, {S("b"), D(9), I(0)});  // the key index came back too: refused
  restored.send("Up", 5, {S("b"), D(4)});
  EXPECT_EQ(tableRows(restored.app(), "T"), (Rows{"[b, 4.0, 1]"}));
}

}  // namespace
}  // namespace cepheus::testing
