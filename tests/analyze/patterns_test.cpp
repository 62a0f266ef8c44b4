// The checks of pattern and sequence inputs: what each state may refer to, how states may be
// combined, and the warnings for what Siddhi accepts but does not do what it seems to.
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

const std::string kStreams =
    "define stream A (id string, v int);\n"
    "define stream B (id string, w int);\n";

// The diagnostics of `query` (written on line 3), as "LINE:COL: severity: MESSAGE" lines.
std::string diagnosticsOf(const std::string& query) {
  std::string out;
  for (const Diagnostic& d : Engine::check(kStreams + query)) out += d.format("app") + "\n";
  return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(PatternChecks, AValidPatternAndSequenceHaveNoDiagnostics) {
  EXPECT_EQ(diagnosticsOf("from every e1=A[v > 0] -> e2=B[w > e1.v] within 5 sec select e1.id, e2.w insert into Out;"), "");
  EXPECT_EQ(diagnosticsOf("from every e1=A, e2=A[v > e1.v]+, e3=B select e1.id, e2[last].v as top, e3.w insert into Out;"), "");
  EXPECT_EQ(diagnosticsOf("from e1=A -> not B[w > e1.v] for 1 sec and not A for 2 sec select e1.id insert into Out;"), "");
}

TEST(PatternChecks, UnqualifiedNamesInAStateFilterAreThatStatesAttributes) {
  // `w` is B's; in A's filter it is unknown (even though B has it).
  std::string d = diagnosticsOf("from e1=A[w > 1] -> e2=B select e1.id insert into Out;");
  EXPECT_TRUE(contains(d, "app:3:11: error: unknown attribute 'w' in stream 'A'")) << d;
  EXPECT_TRUE(contains(d, "qualify an earlier state's attribute")) << d;
}

TEST(PatternChecks, ReferencesMustNameAState) {
  std::string d = diagnosticsOf("from e1=A -> e2=B[w > e3.v] select e1.id insert into Out;");
  EXPECT_TRUE(contains(d, "unknown stream or reference 'e3'")) << d;
  // An absent state holds no event to read.
  d = diagnosticsOf("from e1=A -> not B for 1 sec select B.w as w insert into Out;");
  EXPECT_TRUE(contains(d, "unknown stream or reference 'B'")) << d;
}

TEST(PatternChecks, SelectionNamesMustBeUnambiguous) {
  std::string d = diagnosticsOf("from e1=A -> e2=A select id insert into Out;");
  EXPECT_TRUE(contains(d, "attribute 'id' is ambiguous")) << d;
  d = diagnosticsOf("from e1=A -> e2=A select * insert into Out;");
  EXPECT_TRUE(contains(d, "select * over this pattern names the attribute 'id' twice")) << d;
}

TEST(PatternChecks, IndexesReadPatternStatesOnly) {
  std::string d = diagnosticsOf("from A select A[0].v as v insert into Out;");
  EXPECT_TRUE(contains(d, "indexed event references ('A[0].v') read the events of a pattern or sequence state")) << d;
}

TEST(PatternChecks, CountsMustCollectSomething) {
  EXPECT_TRUE(contains(diagnosticsOf("from e1=A<3:2> -> e2=B select e1[0].id as i insert into Out;"),
                       "the count <3:2> has a minimum above its maximum"));
  EXPECT_TRUE(contains(diagnosticsOf("from e1=A<:0> -> e2=B select e1[0].id as i insert into Out;"),
                       "a count of at most 0 collects no event"));
  EXPECT_TRUE(contains(diagnosticsOf("from e1=A<2> and e2=B select e1[0].id as i insert into Out;"),
                       "a counted state cannot be combined with 'and'"));
}

TEST(PatternChecks, AnAbsentStateNeedsATimeUnlessItIsAndedWithAPresentState) {
  EXPECT_TRUE(contains(diagnosticsOf("from e1=A -> not B select e1.id insert into Out;"),
                       "an absent state needs 'for <time>'"));
  EXPECT_TRUE(contains(diagnosticsOf("from e1=A -> not B or e2=A select e1.id insert into Out;"),
                       "an absent state without 'for' can only be combined with a present state by 'and'"));
  EXPECT_EQ(diagnosticsOf("from e1=A -> not B and e2=A select e1.id insert into Out;"), "");
  EXPECT_TRUE(contains(diagnosticsOf("from e1=A -> not B for 0 sec select e1.id insert into Out;"),
                       "'for' needs a positive time"));
}

TEST(PatternChecks, StatesHaveFiltersOnly) {
  std::string d = diagnosticsOf("from e1=A#str:tokenize(id, ',') -> e2=B select e1.id insert into Out;");
  EXPECT_TRUE(contains(d, "a pattern state can only have filters")) << d;
}

TEST(PatternChecks, ACountEndingAPatternIsAWarning) {
  // siddhi#1405: `<2:>` as the last state completes at two events, as `<2>`.
  std::string d = diagnosticsOf("from every e1=A<2:> select e1[0].id as i insert into Out;");
  EXPECT_TRUE(contains(d, "warning: the pattern ends with the count <2:> of 'e1', so a match completes at its "
                          "event number 2, as with <2>")) << d;
  EXPECT_FALSE(contains(d, "error")) << d;
  EXPECT_EQ(diagnosticsOf("from every e1=A<2:> -> e2=B select e1[0].id as i insert into Out;"), "");
}

TEST(PatternChecks, AReferenceNamedTwiceIsAWarning) {
  std::string d = diagnosticsOf("from e1=A -> e1=B select e1.id insert into Out;");
  EXPECT_TRUE(contains(d, "warning: the pattern names two states 'e1': 'e1.x' reads the first")) << d;
}

TEST(PatternChecks, WithinNeedsAPositiveTime) {
  EXPECT_TRUE(contains(diagnosticsOf("from e1=A -> e2=B within 0 sec select e1.id insert into Out;"),
                       "'within' needs a positive time"));
}

}  // namespace
}  // namespace cepheus
