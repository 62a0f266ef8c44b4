// App annotations, annotations and definitions.
#include <gtest/gtest.h>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

TEST(AppAnnotations, NameAndPlayback) {
  auto app = parseOk(
      "@app:name('Shop')\n"
      "@app:playback(idle.time = '1 sec', increment='2 sec')\n"
      "@App:Statistics\n"
      "define stream S (a int);");
  ASSERT_EQ(app->annotations.size(), 3u);
  EXPECT_EQ(app->annotations[0].name, "app:name");
  ASSERT_EQ(app->annotations[0].elements.size(), 1u);
  EXPECT_EQ(app->annotations[0].elements[0].first, "");
  EXPECT_EQ(app->annotations[0].elements[0].second, "Shop");
  EXPECT_EQ(app->annotations[1].name, "app:playback");
  ASSERT_EQ(app->annotations[1].elements.size(), 2u);
  EXPECT_EQ(app->annotations[1].elements[0].first, "idle.time");
  EXPECT_EQ(app->annotations[1].elements[0].second, "1 sec");
  EXPECT_EQ(app->annotations[1].elements[1].first, "increment");
  EXPECT_EQ(app->annotations[1].pos.line, 2);
  EXPECT_EQ(app->annotations[1].pos.col, 1);
  EXPECT_EQ(app->annotations[2].name, "App:Statistics");
  EXPECT_TRUE(app->annotations[2].elements.empty());
  ASSERT_EQ(app->streams.size(), 1u);
  EXPECT_TRUE(app->streams[0].annotations.empty());
}

TEST(Annotations, NestedDottedAndPositional) {
  auto app = parseOk(
      "@source(type='http', on.error='LOG', @map(type='json', @attributes(a='$.a')))\n"
      "@OnError(action='STREAM') @async(buffer.size='256', workers=2)\n"
      "define stream S (a int);\n"
      "@PrimaryKey('a','b') @Index('a') define table T (a int, b string);");
  const auto& notes = app->streams.at(0).annotations;
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_EQ(notes[0].name, "source");
  ASSERT_EQ(notes[0].elements.size(), 2u);
  EXPECT_EQ(notes[0].elements[1].first, "on.error");
  ASSERT_EQ(notes[0].nested.size(), 1u);
  EXPECT_EQ(notes[0].nested[0].name, "map");
  ASSERT_EQ(notes[0].nested[0].nested.size(), 1u);
  EXPECT_EQ(notes[0].nested[0].nested[0].name, "attributes");
  EXPECT_EQ(notes[0].nested[0].nested[0].elements[0].second, "$.a");
  EXPECT_EQ(notes[1].name, "OnError");
  EXPECT_EQ(notes[2].elements[0].first, "buffer.size");
  EXPECT_EQ(notes[2].elements[1].second, "2");

  const auto& table = app->tables.at(0);
  ASSERT_EQ(table.annotations.size(), 2u);
  EXPECT_EQ(table.annotations[0].name, "PrimaryKey");
  ASSERT_EQ(table.annotations[0].elements.size(), 2u);
  EXPECT_EQ(table.annotations[0].elements[1].second, "b");
  EXPECT_EQ(table.annotations[1].name, "Index");
}

TEST(Definitions, StreamWithEveryType) {
  auto app = parseOk(
      "define stream Trades (s string, i int, l long, f float, d double, b bool, o object);");
  const auto& s = app->streams.at(0);
  EXPECT_EQ(s.name, "Trades");
  EXPECT_EQ(s.pos.col, 1);
  EXPECT_EQ(s.namePos.col, 15);
  ASSERT_EQ(s.attributes.size(), 7u);
  const Type types[] = {Type::String, Type::Int,  Type::Long,  Type::Float,
                        Type::Double, Type::Bool, Type::Object};
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(s.attributes[i].type, types[i]) << i;
  EXPECT_EQ(s.attributes[1].name, "i");
  EXPECT_EQ(s.attributes[1].pos.col, 33);
}

TEST(Definitions, KeywordsAreCaseInsensitiveNamesAreNot) {
  auto app = parseOk("DEFINE Stream Ab (Sym STRING, `the price` Double);");
  EXPECT_EQ(app->streams.at(0).name, "Ab");
  EXPECT_EQ(app->streams[0].attributes[0].name, "Sym");
  EXPECT_EQ(app->streams[0].attributes[1].name, "the price");
  EXPECT_EQ(app->streams[0].attributes[1].type, Type::Double);
}

TEST(Definitions, InnerAndFaultStreams) {
  auto app = parseOk("define stream #Inner (a int); define stream !Fault (a int);");
  EXPECT_TRUE(app->streams.at(0).inner);
  EXPECT_TRUE(app->streams.at(1).fault);
  EXPECT_EQ(app->streams[1].name, "Fault");
}

TEST(Definitions, Table) {
  auto app = parseOk("define table T (id string, price double);");
  ASSERT_EQ(app->tables.size(), 1u);
  EXPECT_EQ(app->tables[0].name, "T");
  EXPECT_EQ(app->tables[0].attributes.size(), 2u);
}

TEST(Definitions, WindowWithOutputEvents) {
  auto app = parseOk(
      "define window W (a int) length(5);\n"
      "define window X (a int) timeBatch(1 sec, 0) output expired events;\n"
      "define window Y (a int) unique:length(a, 2) output current events;");
  ASSERT_EQ(app->windows.size(), 3u);
  const auto& w = app->windows[0];
  EXPECT_EQ(w.window.kind, ast::StreamHandler::Kind::Window);
  EXPECT_EQ(w.window.name, "length");
  ASSERT_EQ(w.window.args.size(), 1u);
  EXPECT_EQ(w.window.args[0]->intValue, 5);
  EXPECT_EQ(w.outputEvents, ast::OutputEvents::All);
  EXPECT_EQ(app->windows[1].outputEvents, ast::OutputEvents::Expired);
  EXPECT_EQ(app->windows[1].window.args[0]->intValue, 1000);
  EXPECT_EQ(app->windows[2].window.ns, "unique");
  EXPECT_EQ(app->windows[2].outputEvents, ast::OutputEvents::Current);
}

TEST(Definitions, Triggers) {
  auto app = parseOk(
      "define trigger Start at 'start';\n"
      "define trigger Tick at every 5 sec;\n"
      "define trigger Cron at '0 15 10 ? * MON-FRI';");
  ASSERT_EQ(app->triggers.size(), 3u);
  EXPECT_EQ(app->triggers[0].atText, "start");
  EXPECT_EQ(app->triggers[0].every, nullptr);
  ASSERT_NE(app->triggers[1].every, nullptr);
  EXPECT_EQ(app->triggers[1].every->intValue, 5000);
  EXPECT_TRUE(app->triggers[1].atText.empty());
  EXPECT_EQ(app->triggers[2].atText, "0 15 10 ? * MON-FRI");
  EXPECT_EQ(app->triggers[2].namePos.line, 3);
}

TEST(Definitions, AggregationWithRange) {
  auto app = parseOk(
      "@purge(enable='false')\n"
      "define aggregation TradeAgg from Trade[price > 0]\n"
      "select symbol, sum(price) as total, count() as n group by symbol\n"
      "aggregate by ts every sec ... year;");
  const auto& agg = app->aggregations.at(0);
  EXPECT_EQ(agg.name, "TradeAgg");
  EXPECT_EQ(agg.annotations.at(0).name, "purge");
  EXPECT_EQ(agg.input.stream, "Trade");
  ASSERT_EQ(agg.input.handlers.size(), 1u);
  EXPECT_EQ(agg.input.handlers[0].kind, ast::StreamHandler::Kind::Filter);
  ASSERT_EQ(agg.selector.attributes.size(), 3u);
  EXPECT_EQ(agg.selector.attributes[1].alias, "total");
  ASSERT_EQ(agg.selector.groupBy.size(), 1u);
  ASSERT_NE(agg.aggregateBy, nullptr);
  EXPECT_EQ(agg.aggregateBy->name, "ts");
  EXPECT_TRUE(agg.range);
  EXPECT_EQ(agg.granularities, (std::vector<std::string>{"seconds", "years"}));
  EXPECT_EQ(agg.pos.line, 2);
}

TEST(Definitions, AggregationWithList) {
  auto app = parseOk(
      "define aggregation A from S select sum(v) as total aggregate every sec, min, hours, day;");
  const auto& agg = app->aggregations.at(0);
  EXPECT_FALSE(agg.range);
  EXPECT_EQ(agg.aggregateBy, nullptr);
  EXPECT_EQ(agg.granularities, (std::vector<std::string>{"seconds", "minutes", "hours", "days"}));
}

TEST(Definitions, FunctionBodyIsKeptRaw) {
  auto app = parseOk(
      "define function concat[JavaScript] return string {\n"
      "  var r = data[0] + data[1]; if (r) { return r; } return '';\n"
      "};\n"
      "define stream S (a string);");
  const auto& f = app->functions.at(0);
  EXPECT_EQ(f.name, "concat");
  EXPECT_EQ(f.language, "JavaScript");
  EXPECT_EQ(f.returnType, Type::String);
  EXPECT_EQ(f.body, "\n  var r = data[0] + data[1]; if (r) { return r; } return '';\n");
  EXPECT_EQ(app->streams.size(), 1u);
}

TEST(Definitions, Comments) {
  auto app = parseOk(
      "-- a line comment\n"
      "define stream S (a int); /* block\n comment */ define stream T (b int);\n"
      "from S select a insert into O -- no trailing semicolon\n");
  EXPECT_EQ(app->streams.size(), 2u);
  EXPECT_EQ(app->streams[1].pos.line, 3);
  EXPECT_EQ(app->streams[1].pos.col, 13);
  EXPECT_EQ(app->elements.size(), 1u);
}

TEST(Definitions, EmptyAppAndTrailingSemicolon) {
  auto empty = parseOk("");
  EXPECT_TRUE(empty->streams.empty());
  EXPECT_TRUE(empty->elements.empty());
  auto app = parseOk("@app:name('x')");
  EXPECT_EQ(app->annotations.size(), 1u);
  EXPECT_EQ(parseOk("define stream S (a int);")->streams.size(), 1u);
}

}  // namespace
}  // namespace cepheus::parse::test
