// Query inputs (streams, joins), selection, output rate, outputs, partitions, on-demand queries.
#include <gtest/gtest.h>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

using Kind = ast::StreamHandler::Kind;

TEST(StreamInput, FiltersFunctionsAndWindowInOrder) {
  auto app = parseOk("from S[a > 1]#window.length(5)[b < 2]#log('x') select a insert into O;");
  const ast::Query& q = queryAt(*app);
  EXPECT_EQ(q.inputKind, ast::Query::InputKind::Stream);
  EXPECT_EQ(q.pos.col, 1);
  EXPECT_EQ(q.stream.stream, "S");
  ASSERT_EQ(q.stream.handlers.size(), 4u);
  EXPECT_EQ(q.stream.handlers[0].kind, Kind::Filter);
  EXPECT_EQ(q.stream.handlers[0].filter->kind, ast::ExprKind::Greater);
  EXPECT_EQ(q.stream.handlers[0].pos.col, 7);
  EXPECT_EQ(q.stream.handlers[1].kind, Kind::Window);
  EXPECT_EQ(q.stream.handlers[1].name, "length");
  EXPECT_EQ(q.stream.handlers[1].pos.col, 14);
  EXPECT_EQ(q.stream.handlers[2].kind, Kind::Filter);
  EXPECT_EQ(q.stream.handlers[3].kind, Kind::Function);
  EXPECT_EQ(q.stream.handlers[3].name, "log");
  EXPECT_EQ(q.stream.handlers[3].args.size(), 1u);
}

TEST(StreamInput, NamespacedWindowAndFunctionInnerAndFaultStreams) {
  auto app = parseOk(
      "from #Inner#window.unique:time(id, 1 sec)#str:tokenize(t) insert into O;\n"
      "from !S select _error insert into F;");
  const ast::Query& q = queryAt(*app);
  EXPECT_TRUE(q.stream.inner);
  EXPECT_EQ(q.stream.stream, "Inner");
  EXPECT_EQ(q.stream.handlers[0].ns, "unique");
  EXPECT_EQ(q.stream.handlers[0].name, "time");
  EXPECT_EQ(q.stream.handlers[1].ns, "str");
  EXPECT_EQ(q.stream.handlers[1].kind, Kind::Function);
  EXPECT_TRUE(queryAt(*app, 1).stream.fault);
}

TEST(Joins, TypesAliasesAndCondition) {
  auto app = parseOk(
      "from L#window.length(2) as l unidirectional join R#window.length(2) as r "
      "on l.id == r.id select l.id insert into O;\n"
      "from L inner join R select * insert into O;\n"
      "from L left outer join R unidirectional insert into O;\n"
      "from L right outer join R insert into O;\n"
      "from L full outer join R insert into O;\n"
      "from L outer join R insert into O;");
  const ast::Query& q = queryAt(*app);
  ASSERT_EQ(q.inputKind, ast::Query::InputKind::Join);
  const ast::JoinInput& join = *q.join;
  EXPECT_EQ(join.type, ast::JoinType::Inner);
  EXPECT_EQ(join.left.stream, "L");
  EXPECT_EQ(join.left.alias, "l");
  EXPECT_TRUE(join.left.unidirectional);
  EXPECT_EQ(join.left.handlers.size(), 1u);
  EXPECT_EQ(join.right.stream, "R");
  EXPECT_EQ(join.right.alias, "r");
  EXPECT_FALSE(join.right.unidirectional);
  ASSERT_NE(join.on, nullptr);
  EXPECT_EQ(join.on->kind, ast::ExprKind::Equal);
  EXPECT_EQ(join.on->lhs->streamRef, "l");

  EXPECT_EQ(queryAt(*app, 1).join->type, ast::JoinType::Inner);
  EXPECT_EQ(queryAt(*app, 1).join->on, nullptr);
  EXPECT_EQ(queryAt(*app, 2).join->type, ast::JoinType::LeftOuter);
  EXPECT_TRUE(queryAt(*app, 2).join->right.unidirectional);
  EXPECT_EQ(queryAt(*app, 3).join->type, ast::JoinType::RightOuter);
  EXPECT_EQ(queryAt(*app, 4).join->type, ast::JoinType::FullOuter);
  EXPECT_EQ(queryAt(*app, 5).join->type, ast::JoinType::FullOuter);
}

TEST(Joins, AggregationWithinAndPer) {
  auto app = parseOk(
      "from Q as q join TradeAgg as a on q.symbol == a.symbol within 0L, 60000L per 'minutes' "
      "select a.total insert into O;\n"
      "from Q join A within '2014-02-15 **:**:**' per q.unit select * insert into O;");
  const ast::JoinInput& join = *queryAt(*app).join;
  ASSERT_NE(join.within, nullptr);
  EXPECT_EQ(join.within->constKind, ast::ConstKind::Long);
  EXPECT_EQ(join.withinEnd->intValue, 60000);
  EXPECT_EQ(join.per->stringValue, "minutes");
  const ast::JoinInput& pattern = *queryAt(*app, 1).join;
  EXPECT_EQ(pattern.within->stringValue, "2014-02-15 **:**:**");
  EXPECT_EQ(pattern.withinEnd, nullptr);
  EXPECT_EQ(pattern.per->kind, ast::ExprKind::Attribute);
}

TEST(Selection, StarNoneAndAliases) {
  auto app = parseOk(
      "from S select * insert into A;\n"
      "from S insert into B;\n"
      "from S select symbol, S.price, price * 2 as doubled insert into C;");
  EXPECT_TRUE(queryAt(*app, 0).selector.selectAll);
  EXPECT_TRUE(queryAt(*app, 1).selector.selectAll);
  EXPECT_TRUE(queryAt(*app, 1).selector.attributes.empty());
  const ast::Selector& sel = queryAt(*app, 2).selector;
  EXPECT_FALSE(sel.selectAll);
  ASSERT_EQ(sel.attributes.size(), 3u);
  EXPECT_EQ(sel.attributes[0].alias, "");
  EXPECT_EQ(sel.attributes[1].expr->streamRef, "S");
  EXPECT_EQ(sel.attributes[2].alias, "doubled");
  EXPECT_EQ(sel.attributes[2].pos.line, 3);
  EXPECT_EQ(sel.attributes[2].pos.col, 32);
}

TEST(Selection, GroupByHavingOrderByLimitOffset) {
  auto app = parseOk(
      "from S#window.lengthBatch(5) select symbol, sum(price) as total group by symbol, S.region "
      "having total > 10 order by total desc, symbol asc, region limit 2 offset 1 "
      "insert into O;");
  const ast::Selector& sel = queryAt(*app).selector;
  ASSERT_EQ(sel.groupBy.size(), 2u);
  EXPECT_EQ(sel.groupBy[1]->streamRef, "S");
  ASSERT_NE(sel.having, nullptr);
  EXPECT_EQ(sel.having->kind, ast::ExprKind::Greater);
  ASSERT_EQ(sel.orderBy.size(), 3u);
  EXPECT_TRUE(sel.orderBy[0].descending);
  EXPECT_FALSE(sel.orderBy[1].descending);
  EXPECT_FALSE(sel.orderBy[2].descending);
  EXPECT_EQ(sel.limit->intValue, 2);
  EXPECT_EQ(sel.offset->intValue, 1);
}

TEST(OutputRate, EventsTimeAndSnapshot) {
  auto app = parseOk(
      "from S select a output every 3 events insert into O;\n"
      "from S select a output first every 4 events insert into O;\n"
      "from S select a output last every 1 sec insert into O;\n"
      "from S select a output all every 1 min 30 sec insert into O;\n"
      "from S select a output snapshot every 1 sec insert into O;\n"
      "from S select a insert into O;");
  using R = ast::OutputRate;
  const R& events = queryAt(*app, 0).rate;
  EXPECT_EQ(events.kind, R::Kind::Events);
  EXPECT_EQ(events.which, R::Which::All);
  EXPECT_EQ(events.value->constKind, ast::ConstKind::Int);
  EXPECT_EQ(events.value->intValue, 3);
  EXPECT_EQ(events.pos.col, 17);
  EXPECT_EQ(queryAt(*app, 1).rate.which, R::Which::First);
  const R& time = queryAt(*app, 2).rate;
  EXPECT_EQ(time.kind, R::Kind::Time);
  EXPECT_EQ(time.which, R::Which::Last);
  EXPECT_EQ(time.value->intValue, 1000);
  EXPECT_TRUE(time.value->isTime);
  EXPECT_EQ(queryAt(*app, 3).rate.value->intValue, 90000);
  EXPECT_EQ(queryAt(*app, 4).rate.kind, R::Kind::Snapshot);
  EXPECT_EQ(queryAt(*app, 5).rate.kind, R::Kind::None);
}

TEST(Output, InsertVariants) {
  auto app = parseOk(
      "from S insert into O;\n"
      "from S insert current events into O;\n"
      "from S insert expired events into O;\n"
      "from S insert all events into O;\n"
      "from S insert into #Inner;\n"
      "from S insert into !Fault;");
  using E = ast::OutputEvents;
  const ast::Output& plain = queryAt(*app, 0).output;
  EXPECT_EQ(plain.kind, ast::Output::Kind::Insert);
  EXPECT_EQ(plain.target, "O");
  EXPECT_EQ(plain.events, E::Current);
  EXPECT_FALSE(plain.eventsExplicit);
  EXPECT_EQ(plain.pos.col, 8);
  EXPECT_TRUE(queryAt(*app, 1).output.eventsExplicit);
  EXPECT_EQ(queryAt(*app, 2).output.events, E::Expired);
  EXPECT_EQ(queryAt(*app, 3).output.events, E::All);
  EXPECT_TRUE(queryAt(*app, 4).output.targetInner);
  EXPECT_EQ(queryAt(*app, 4).output.target, "Inner");
  EXPECT_TRUE(queryAt(*app, 5).output.targetFault);
}

TEST(Output, DeleteUpdateUpsertReturn) {
  auto app = parseOk(
      "from D delete T on T.id == id;\n"
      "from D delete T for expired events on T.id == id;\n"
      "from U update T set T.price = price, T.qty = T.qty + qty on T.id == id;\n"
      "from U select id, price update T for all events on T.id == id;\n"
      "from U update or insert into T set T.price = price on T.id == id;\n"
      "from S select a return;\n"
      "from S return expired events;");
  using O = ast::Output;
  const O& del = queryAt(*app, 0).output;
  EXPECT_EQ(del.kind, O::Kind::Delete);
  EXPECT_EQ(del.target, "T");
  ASSERT_NE(del.on, nullptr);
  EXPECT_EQ(queryAt(*app, 1).output.events, ast::OutputEvents::Expired);
  EXPECT_TRUE(queryAt(*app, 1).output.eventsExplicit);

  const O& update = queryAt(*app, 2).output;
  EXPECT_EQ(update.kind, O::Kind::Update);
  ASSERT_EQ(update.set.size(), 2u);
  EXPECT_EQ(update.set[0].target->streamRef, "T");
  EXPECT_EQ(update.set[0].target->name, "price");
  EXPECT_EQ(update.set[1].value->kind, ast::ExprKind::Add);
  EXPECT_TRUE(queryAt(*app, 3).output.set.empty());
  EXPECT_EQ(queryAt(*app, 3).output.events, ast::OutputEvents::All);

  const O& upsert = queryAt(*app, 4).output;
  EXPECT_EQ(upsert.kind, O::Kind::UpdateOrInsert);
  EXPECT_EQ(upsert.target, "T");
  EXPECT_EQ(upsert.set.size(), 1u);
  EXPECT_EQ(queryAt(*app, 5).output.kind, O::Kind::Return);
  EXPECT_EQ(queryAt(*app, 6).output.events, ast::OutputEvents::Expired);
}

TEST(Queries, KeywordsInAnyCase) {
  auto app = parseOk(
      "FROM S[Price >= 1.0]#Window.Length(2) Select Price As p "
      "Output Last Every 2 Events Insert All Events Into Out");
  const ast::Query& q = queryAt(*app);
  EXPECT_EQ(q.stream.handlers.at(1).kind, Kind::Window);
  EXPECT_EQ(q.stream.handlers[1].name, "Length");
  EXPECT_EQ(q.selector.attributes.at(0).alias, "p");
  EXPECT_EQ(q.selector.attributes[0].expr->name, "Price");
  EXPECT_EQ(q.rate.which, ast::OutputRate::Which::Last);
  EXPECT_EQ(q.output.events, ast::OutputEvents::All);
  EXPECT_EQ(q.output.target, "Out");
}

TEST(Queries, AnnotationsAndOrder) {
  auto app = parseOk(
      "define stream S (a int);\n"
      "@info(name = 'q1') from S select a insert into A;\n"
      "partition with (a of S) begin from S insert into B; end;\n"
      "@info(name='q3') @dist(parallel='2') from S insert into C;");
  ASSERT_EQ(app->elements.size(), 3u);
  const ast::Query& first = queryAt(*app, 0);
  ASSERT_EQ(first.annotations.size(), 1u);
  EXPECT_EQ(first.annotations[0].name, "info");
  EXPECT_EQ(first.annotations[0].elements[0].first, "name");
  EXPECT_EQ(first.annotations[0].elements[0].second, "q1");
  EXPECT_EQ(first.pos.line, 2);
  EXPECT_EQ(first.pos.col, 20);
  EXPECT_TRUE(app->elements[1].partition);
  EXPECT_EQ(queryAt(*app, 2).annotations.size(), 2u);
}

TEST(Partitions, ValueKeysWithInnerStreams) {
  auto app = parseOk(
      "@purge(enable='true') partition with (symbol of S, payer of P)\n"
      "begin\n"
      "  @info(name='inner') from S select symbol, price insert into #Inner;\n"
      "  from #Inner#window.lengthBatch(2) select symbol, sum(price) as total insert into Out\n"
      "end;");
  const ast::Partition& p = *app->elements.at(0).partition;
  EXPECT_EQ(p.annotations.at(0).name, "purge");
  EXPECT_EQ(p.pos.col, 23);
  ASSERT_EQ(p.keys.size(), 2u);
  EXPECT_EQ(p.keys[0].stream, "S");
  EXPECT_EQ(p.keys[0].value->name, "symbol");
  EXPECT_TRUE(p.keys[0].ranges.empty());
  EXPECT_EQ(p.keys[1].stream, "P");
  ASSERT_EQ(p.queries.size(), 2u);
  EXPECT_EQ(p.queries[0].annotations.at(0).elements[0].second, "inner");
  EXPECT_TRUE(p.queries[0].output.targetInner);
  EXPECT_TRUE(p.queries[1].stream.inner);
  EXPECT_EQ(p.queries[1].pos.line, 4);
}

TEST(Partitions, RangeKeys) {
  auto app = parseOk(
      "partition with (price < 50.0 as 'low' or price >= 50.0 and price < 100 as 'mid' "
      "or price >= 100 as 'high' of S, v of T) begin from S insert into O; end");
  const ast::Partition& p = *app->elements.at(0).partition;
  ASSERT_EQ(p.keys.size(), 2u);
  const ast::PartitionKey& range = p.keys[0];
  EXPECT_EQ(range.stream, "S");
  EXPECT_EQ(range.value, nullptr);
  ASSERT_EQ(range.ranges.size(), 3u);
  EXPECT_EQ(range.ranges[0].label, "low");
  EXPECT_EQ(range.ranges[0].condition->kind, ast::ExprKind::Less);
  EXPECT_EQ(range.ranges[1].label, "mid");
  EXPECT_EQ(range.ranges[1].condition->kind, ast::ExprKind::And);
  EXPECT_EQ(range.ranges[2].label, "high");
  EXPECT_NE(p.keys[1].value, nullptr);
}

TEST(OnDemand, FindWithConditionAndSelection) {
  OnDemandParse r = parseOnDemandQuery(
      "from T as t on t.price > 10 select symbol, price order by price desc limit 5;");
  ASSERT_TRUE(r.errors.empty()) << describe(r.errors);
  const ast::OnDemandQuery& q = *r.query;
  EXPECT_EQ(q.kind, ast::OnDemandQuery::Kind::Find);
  EXPECT_EQ(q.source, "T");
  EXPECT_EQ(q.alias, "t");
  ASSERT_NE(q.on, nullptr);
  EXPECT_EQ(q.selector.attributes.size(), 2u);
  EXPECT_TRUE(q.selector.orderBy.at(0).descending);

  OnDemandParse all = parseOnDemandQuery("from T");
  ASSERT_TRUE(all.errors.empty()) << describe(all.errors);
  EXPECT_TRUE(all.query->selector.selectAll);

  OnDemandParse agg = parseOnDemandQuery("from Agg within 0L, 1000L per 'seconds' select total");
  ASSERT_TRUE(agg.errors.empty()) << describe(agg.errors);
  EXPECT_EQ(agg.query->withinEnd->intValue, 1000);
  EXPECT_EQ(agg.query->per->stringValue, "seconds");
}

TEST(OnDemand, Modifications) {
  using K = ast::OnDemandQuery::Kind;
  OnDemandParse insert =
      parseOnDemandQuery("select 'IBM' as symbol, 100.0 as price insert into T;");
  ASSERT_TRUE(insert.errors.empty()) << describe(insert.errors);
  EXPECT_EQ(insert.query->kind, K::Insert);
  EXPECT_EQ(insert.query->output.target, "T");
  EXPECT_EQ(insert.query->selector.attributes.size(), 2u);

  OnDemandParse del = parseOnDemandQuery("delete T on T.symbol == 'IBM'");
  ASSERT_TRUE(del.errors.empty()) << describe(del.errors);
  EXPECT_EQ(del.query->kind, K::Delete);
  EXPECT_NE(del.query->output.on, nullptr);

  OnDemandParse update = parseOnDemandQuery("update T set T.price = 10.0 on T.symbol == 'IBM'");
  ASSERT_TRUE(update.errors.empty()) << describe(update.errors);
  EXPECT_EQ(update.query->kind, K::Update);
  EXPECT_EQ(update.query->output.set.size(), 1u);

  OnDemandParse upsert = parseOnDemandQuery(
      "select 'IBM' as symbol, 5.0 as price update or insert into T on T.symbol == symbol");
  ASSERT_TRUE(upsert.errors.empty()) << describe(upsert.errors);
  EXPECT_EQ(upsert.query->kind, K::UpdateOrInsert);
  EXPECT_EQ(upsert.query->output.kind, ast::Output::Kind::UpdateOrInsert);
}

TEST(OnDemand, SyntaxErrors) {
  OnDemandParse r = parseOnDemandQuery("from T on select a");
  EXPECT_EQ(r.query, nullptr);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 1);
  EXPECT_EQ(r.errors[0].col, 11);
  EXPECT_EQ(r.errors[0].message, "unexpected 'select': expected an expression");
}

}  // namespace
}  // namespace cepheus::parse::test
