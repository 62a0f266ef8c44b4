// Patterns and sequences.
#include <gtest/gtest.h>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

using N = ast::PatternNode::Kind;

// The pattern input of `from <input> select * insert into O;`.
std::unique_ptr<ast::App> parsePattern(const std::string& input) {
  return parseOk("from " + input + " select * insert into O;");
}

const ast::PatternInput& patternOf(const ast::App& app) {
  const ast::Query& q = queryAt(app);
  if (q.inputKind != ast::Query::InputKind::Pattern || !q.pattern) {
    throw std::runtime_error("not a pattern input");
  }
  return *q.pattern;
}

TEST(Patterns, EveryFollowedByWithFilters) {
  auto app = parsePattern("every e1=A[v > 1] -> e2=B[v > e1.v] within 10 min");
  const ast::PatternInput& p = patternOf(*app);
  EXPECT_FALSE(p.sequence);
  ASSERT_NE(p.within, nullptr);
  EXPECT_EQ(p.within->intValue, 600000);
  const ast::PatternNode& root = p.root;
  ASSERT_EQ(root.kind, N::FollowedBy);
  ASSERT_EQ(root.children.size(), 2u);
  const ast::PatternNode& every = root.children[0];
  ASSERT_EQ(every.kind, N::Every);
  EXPECT_EQ(every.pos.col, 6);
  ASSERT_EQ(every.children.size(), 1u);
  const ast::PatternNode& a = every.children[0];
  EXPECT_EQ(a.kind, N::Stream);
  EXPECT_EQ(a.stream.alias, "e1");
  EXPECT_EQ(a.stream.stream, "A");
  EXPECT_EQ(a.pos.col, 12);
  ASSERT_EQ(a.stream.handlers.size(), 1u);
  EXPECT_FALSE(a.counted);
  const ast::PatternNode& b = root.children[1];
  EXPECT_EQ(b.stream.alias, "e2");
  EXPECT_EQ(b.stream.handlers[0].filter->rhs->streamRef, "e1");
}

TEST(Patterns, ChainsAreFlat) {
  auto app = parsePattern("e1=A -> e2=B -> e3=C");
  const ast::PatternNode& root = patternOf(*app).root;
  ASSERT_EQ(root.kind, N::FollowedBy);
  EXPECT_EQ(root.children.size(), 3u);
  EXPECT_EQ(root.children[2].stream.alias, "e3");
}

TEST(Patterns, FirstStateWithoutAlias) {
  auto app = parsePattern("A[v == 1] -> e2=B");
  const ast::PatternNode& root = patternOf(*app).root;
  ASSERT_EQ(root.kind, N::FollowedBy);
  EXPECT_EQ(root.children[0].stream.stream, "A");
  EXPECT_EQ(root.children[0].stream.alias, "");
  EXPECT_EQ(root.children[0].stream.handlers.size(), 1u);
}

TEST(Patterns, SingleStates) {
  EXPECT_EQ(patternOf(*parsePattern("every e1=A")).root.kind, N::Every);
  EXPECT_EQ(patternOf(*parsePattern("e1=A")).root.kind, N::Stream);
  EXPECT_EQ(patternOf(*parsePattern("A<2>")).root.minCount, 2);
  // A plain stream is not a pattern.
  EXPECT_EQ(queryAt(*parsePattern("A[v > 1]")).inputKind, ast::Query::InputKind::Stream);
}

TEST(Patterns, GroupsWithEvery) {
  auto app = parsePattern("every (e1=A -> e2=B) within 1 sec");
  const ast::PatternInput& p = patternOf(*app);
  ASSERT_EQ(p.root.kind, N::Every);
  ASSERT_EQ(p.root.children.size(), 1u);
  EXPECT_EQ(p.root.children[0].kind, N::FollowedBy);
  EXPECT_EQ(p.within->intValue, 1000);

  auto middle = parsePattern("e1=A -> every e2=B");
  EXPECT_EQ(patternOf(*middle).root.children[1].kind, N::Every);
}

TEST(Patterns, Counting) {
  auto app = parsePattern("e1=A<2:5> -> e2=B<2:> -> e3=C<:5> -> e4=D<3> -> e5=E");
  const auto& states = patternOf(*app).root.children;
  ASSERT_EQ(states.size(), 5u);
  EXPECT_TRUE(states[0].counted);
  EXPECT_EQ(states[0].minCount, 2);
  EXPECT_EQ(states[0].maxCount, 5);
  EXPECT_EQ(states[1].minCount, 2);
  EXPECT_EQ(states[1].maxCount, -1);
  EXPECT_EQ(states[2].minCount, 0);
  EXPECT_EQ(states[2].maxCount, 5);
  EXPECT_EQ(states[3].minCount, 3);
  EXPECT_EQ(states[3].maxCount, 3);
  EXPECT_FALSE(states[4].counted);
  EXPECT_FALSE(states[4].minCount.has_value());
}

TEST(Patterns, LogicalAndOrWithNullCheck) {
  auto app = parseOk(
      "from every e1=A -> e2=B[id == e1.id] or e3=D "
      "select e1.id, ifThenElse(e2 is null, 'D', 'B') as via, e1[0] is null as none, "
      "volume is null as noVolume insert into O;");
  const ast::Query& q = queryAt(*app);
  const ast::PatternNode& logical = q.pattern->root.children.at(1);
  ASSERT_EQ(logical.kind, N::Or);
  ASSERT_EQ(logical.children.size(), 2u);
  EXPECT_EQ(logical.children[0].stream.alias, "e2");
  EXPECT_EQ(logical.children[1].stream.alias, "e3");

  const ast::Expr& refIsNull = *q.selector.attributes.at(1).expr->args.at(0);
  EXPECT_EQ(refIsNull.kind, ast::ExprKind::IsNullStream);
  EXPECT_EQ(refIsNull.streamRef, "e2");
  const ast::Expr& indexed = *q.selector.attributes.at(2).expr;
  EXPECT_EQ(indexed.kind, ast::ExprKind::IsNullStream);
  EXPECT_EQ(indexed.streamRef, "e1");
  ASSERT_TRUE(indexed.index.has_value());
  EXPECT_EQ(indexed.index->offset, 0);
  // Not a pattern alias: an attribute test.
  EXPECT_EQ(q.selector.attributes.at(3).expr->kind, ast::ExprKind::IsNull);

  auto both = parsePattern("e1=A and e2=B");
  EXPECT_EQ(patternOf(*both).root.kind, N::And);
}

TEST(Patterns, AbsentStates) {
  auto app = parsePattern("not A[v > 0] for 1 sec -> e2=B");
  const ast::PatternNode& absent = patternOf(*app).root.children.at(0);
  EXPECT_EQ(absent.kind, N::Absent);
  EXPECT_EQ(absent.stream.stream, "A");
  EXPECT_EQ(absent.stream.handlers.size(), 1u);
  ASSERT_NE(absent.forTime, nullptr);
  EXPECT_EQ(absent.forTime->intValue, 1000);

  auto logical = parsePattern("e1=A -> not B and e3=C");
  const ast::PatternNode& node = patternOf(*logical).root.children.at(1);
  ASSERT_EQ(node.kind, N::And);
  EXPECT_EQ(node.children[0].kind, N::Absent);
  EXPECT_EQ(node.children[0].forTime, nullptr);
  EXPECT_EQ(node.children[1].kind, N::Stream);

  auto twoAbsent = parsePattern("e1=A -> not B for 1 sec and not C for 2 sec");
  const ast::PatternNode& pair = patternOf(*twoAbsent).root.children.at(1);
  EXPECT_EQ(pair.children[1].forTime->intValue, 2000);
}

TEST(Sequences, QuantifiersAndEvery) {
  auto app = parsePattern(
      "every e1=A[v == 0], e2=A[v > 0]*, e3=A[v >= e2[last].v]+, e4=B?, e5=C<2:3> "
      "within 5 sec");
  const ast::PatternInput& p = patternOf(*app);
  EXPECT_TRUE(p.sequence);
  EXPECT_EQ(p.within->intValue, 5000);
  ASSERT_EQ(p.root.kind, N::FollowedBy);
  const auto& states = p.root.children;
  ASSERT_EQ(states.size(), 5u);
  ASSERT_EQ(states[0].kind, N::Every);  // `every` applies to the first state
  EXPECT_EQ(states[0].children.at(0).stream.alias, "e1");
  EXPECT_EQ(states[1].minCount, 0);
  EXPECT_EQ(states[1].maxCount, -1);
  EXPECT_EQ(states[2].minCount, 1);
  EXPECT_EQ(states[2].maxCount, -1);
  const ast::Expr& last = *states[2].stream.handlers.at(0).filter->rhs;
  EXPECT_TRUE(last.index->fromLast);
  EXPECT_EQ(states[3].minCount, 0);
  EXPECT_EQ(states[3].maxCount, 1);
  EXPECT_EQ(states[4].minCount, 2);
  EXPECT_EQ(states[4].maxCount, 3);
}

TEST(Sequences, LogicalState) {
  auto app = parsePattern("every e1=A, e2=B[v > 0] and e3=D");
  const ast::PatternInput& p = patternOf(*app);
  EXPECT_TRUE(p.sequence);
  EXPECT_EQ(p.root.children.at(1).kind, N::And);
}

}  // namespace
}  // namespace cepheus::parse::test
