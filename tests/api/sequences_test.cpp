// Sequences (`,`) end to end through the public API, in playback mode: each state takes the very
// next event of the streams the sequence reads, every starts an attempt at each event, and the
// quantifiers + * ? collect consecutive events.
#include <gtest/gtest.h>

#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

const std::string kStreams =
    "@app:playback\n"
    "define stream A (id string, v int);\n"
    "define stream B (id string, v int);\n"
    "define stream C (id string, v int);\n";

struct Feed {
  AppHarness& h;
  int64_t ts = 1;
  Feed& operator()(const char* stream, const char* id, int v = 0) {
    h.send(stream, ts++, {S(id), I(v)});
    return *this;
  }
};

TEST(Sequences, AnEventOfTheSequenceThatDoesNotFitEndsTheAttempt) {
  AppHarness h(kStreams + "from every e1=A, e2=B[v > e1.v] select e1.id as a, e2.id as b insert into Out;");
  Feed{h}("A", "a1", 5)("B", "b1", 1)("A", "a2", 1)("B", "b2", 2)("A", "a3")("A", "a4")("B", "b3", 1);
  // b1 fails its filter: a1's attempt is over. a3's attempt ends at a4, which starts its own.
  EXPECT_EQ(h.rows("Out"), (Rows{"[a2, b2]", "[a4, b3]"}));
}

TEST(Sequences, EventsOfOtherStreamsDoNotInterrupt) {
  AppHarness h(kStreams + "from every e1=A, e2=B select e1.id as a, e2.id as b insert into Out;");
  Feed{h}("A", "a1")("C", "c1")("B", "b1");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b1]"}));
}

TEST(Sequences, WithoutEveryOnlyTheFirstMatchIsReported) {
  AppHarness h(kStreams + "from e1=A, e2=B select e1.id as a, e2.id as b insert into Out;");
  Feed{h}("A", "a1")("B", "b1")("A", "a2")("B", "b2");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b1]"}));
}

TEST(Sequences, OneOrMoreCollectsConsecutiveEvents) {
  AppHarness h(kStreams +
               "from every e1=A, e2=A[v >= e1.v]+, e3=A[v < e2[last].v] "
               "select e1.v as start, e2[0].v as first, e2[last].v as peak, e3.v as after insert into Out;");
  Feed{h}("A", "p", 10)("A", "q", 12)("A", "r", 15)("A", "s", 13)("A", "t", 20)("A", "u", 25)("A", "w", 1);
  EXPECT_EQ(h.rows("Out"), (Rows{"[10, 12, 15, 13]", "[13, 20, 25, 1]"}));
}

TEST(Sequences, ZeroOrMoreAndZeroOrOneMayTakeNoEvent) {
  AppHarness star(kStreams + "from every e1=A[v == 0], e2=A[v > 0]*, e3=A[v < 0] "
                             "select e1.id as id, e2[0].v as first, e2[last].v as last, e3.v as neg insert into Out;");
  Feed{star}("A", "p", 0)("A", "q", -1)("A", "r", 0)("A", "s", 5)("A", "t", 6)("A", "u", -2);
  EXPECT_EQ(star.rows("Out"), (Rows{"[p, null, null, -1]", "[r, 5, 6, -2]"}));
  AppHarness optional(kStreams + "from every e1=A[v == 0], e2=A[v > 0]?, e3=A[v < 0] "
                                 "select e1.id as id, e2[0].v as middle, e3.v as neg insert into Out;");
  Feed{optional}("A", "p", 0)("A", "q", -1)("A", "r", 0)("A", "s", 5)("A", "u", -2)("A", "x", 0)("A", "y", 1)("A", "z", 2);
  EXPECT_EQ(optional.rows("Out"), (Rows{"[p, null, -1]", "[r, 5, -2]"}));
}

TEST(Sequences, ACountRangeCollectsConsecutiveEventsUpToItsMaximum) {
  // Siddhi drops the attempt at the second event (its reset), so a count of 2 or more in a
  // sequence never matches there. In Cepheus one attempt collects at a time: a new one starts
  // at the first event the collecting attempt does not take.
  AppHarness h(kStreams + "from every e1=A<2:3>, e2=B select e1[0].id as first, e1[last].id as last, e2.id as b insert into Out;");
  Feed{h}("A", "a1")("A", "a2")("B", "b1")  // the minimum
      ("A", "a3")("B", "b2")                 // one A only: b2 ends the attempt
      ("A", "a4")("A", "a5")("A", "a6")("B", "b3")  // the maximum
      ("A", "a7")("A", "a8")("A", "a9")("A", "a10")("A", "a11")("B", "b4");  // a10 is one too many: it starts again
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, a2, b1]", "[a4, a6, b3]", "[a10, a11, b4]"}));
}

TEST(Sequences, ACountEndingTheSequenceCompletesAtItsMinimum) {
  // Siddhi never completes a sequence at a counting state.
  AppHarness h(kStreams + "from every e1=A, e2=B+ select e1.id as a, e2[0].id as b insert into Out;");
  Feed{h}("A", "a1")("B", "b1")("B", "b2")("A", "a2")("B", "b3");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b1]", "[a2, b3]"}));
}

TEST(Sequences, LogicalStatesTakeTheNextEventsInAnyOrder) {
  AppHarness h(kStreams + "from every e1=A, e2=B[v > 0] and e3=C select e1.id as a, e2.id as b, e3.id as c insert into Out;");
  Feed{h}("A", "a1")("C", "c1")("B", "b1", 1)("A", "a2")("B", "b2", -1)("C", "c2")("A", "a3")("B", "b3", 1)("C", "c3");
  EXPECT_EQ(h.rows("Out"), (Rows{"[a1, b1, c1]", "[a3, b3, c3]"}));
}

TEST(Sequences, WithinBoundsTheWholeSequence) {
  AppHarness h(kStreams + "from every e1=A, e2=B within 1 sec select e1.id as a, e2.id as b insert into Out;");
  h.send("A", 0, {S("a1"), I(0)});
  h.send("B", 1001, {S("b1"), I(0)});
  h.send("A", 2000, {S("a2"), I(0)});
  h.send("B", 3000, {S("b2"), I(0)});
  EXPECT_EQ(h.rows("Out"), (Rows{"[a2, b2]"}));
}

TEST(Sequences, ASequenceAndAPatternOfTheSameStatesDiffer) {
  AppHarness h(kStreams +
               "from every e1=A[v == 1], e2=A[v == 2] select e1.id as x, e2.id as y insert into Seq;\n"
               "from every e1=A[v == 1] -> e2=A[v == 2] select e1.id as x, e2.id as y insert into Pat;");
  Feed{h}("A", "p", 1)("A", "q", 9)("A", "r", 2)("A", "s", 1)("A", "t", 2);
  EXPECT_EQ(h.rows("Seq"), (Rows{"[s, t]"}));
  EXPECT_EQ(h.rows("Pat"), (Rows{"[p, r]", "[s, t]"}));
}

}  // namespace
}  // namespace cepheus::testing
