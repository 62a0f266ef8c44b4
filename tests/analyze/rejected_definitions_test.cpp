// A definition that is rejected (no runtime yet, or wrong parameters) still defines its name:
// what refers to it is checked as usual, and the app gets one error per real problem.
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

std::vector<std::string> messagesOf(const std::string& app) {
  std::vector<std::string> out;
  for (const Diagnostic& d : Engine::check(app))
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message);
  return out;
}

using Messages = std::vector<std::string>;

TEST(RejectedDefinitions, ATriggerIsAStreamOnlyTheTriggerWrites) {
  EXPECT_EQ(messagesOf("define trigger Tick at every 1 sec;\n"
                       "from Tick select triggered_time insert into O;"),
            Messages{});
  // Its schema is Siddhi's (triggered_time long), so the rest of the query is checked against it.
  EXPECT_EQ(messagesOf("define trigger Tick at every 1 sec;\n"
                       "from Tick select triggered_time + 'x' as t insert into O;"),
            (Messages{"2:35: operator '+' needs numeric operands, but 'x' is string (SiddhiQL has "
                      "no string concatenation operator)"}));
  EXPECT_EQ(messagesOf("define stream S (a long);\ndefine trigger Tick at 'start';\n"
                       "from S select a as triggered_time insert into Tick;"),
            (Messages{"3:35: cannot insert into trigger 'Tick': only the trigger emits its events"}));
}

TEST(RejectedDefinitions, AScriptFunctionIsStillAFunctionOfItsDeclaredType) {
  const std::string define =
      "define stream S (a int);\ndefine function twice[javascript] return int { return data[0] * 2; };\n";
  EXPECT_EQ(messagesOf(define + "from S select twice(a) + 1 as b insert into O;"),
            Messages{"2:17: script functions (define function twice[javascript]) are not "
                     "supported: Cepheus has no script engine"});
  EXPECT_EQ(messagesOf(define + "from S[twice(a)] select a insert into O;"),
            (Messages{"2:17: script functions (define function twice[javascript]) are not "
                      "supported: Cepheus has no script engine",
                      "3:8: a filter condition must be bool, but 'twice(a)' is int"}));
  EXPECT_EQ(messagesOf(define + "from S select twice(b) as b insert into O;"),
            (Messages{"2:17: script functions (define function twice[javascript]) are not "
                      "supported: Cepheus has no script engine",
                      "3:21: unknown attribute 'b' in select (S has: a)"}));
}

TEST(RejectedDefinitions, ANamedWindowWithWrongParametersIsStillAWindow) {
  EXPECT_EQ(messagesOf("define window W (a int) length('x');\nfrom W select a insert into O;"),
            Messages{"1:25: window 'length' takes one positive int constant, e.g. length(10)"});
  EXPECT_EQ(messagesOf("define window W (a int) lengthh(2);\nfrom W#window.length(2) select a insert into O;"),
            (Messages{"1:25: unknown window 'lengthh' (did you mean 'length'?)",
                      "2:7: 'W' is a named window: it cannot have another window"}));
}

TEST(RejectedDefinitions, AnAggregationIsNamedAsOneWhereAStreamIsNeeded) {
  EXPECT_EQ(messagesOf("define stream S (a int);\n"
                       "define aggregation A from S select sum(a) as total aggregate every sec ... min;\n"
                       "from A select total insert into O;"),
            (Messages{"3:6: aggregation 'A' cannot be a query's only input: join it with a stream, "
                      "with 'within' and 'per'"}));
  // A wrong definition still names an aggregation.
  EXPECT_EQ(messagesOf("define stream S (a int);\n"
                       "define aggregation A from S select stdDev(a) as d aggregate every sec;\n"
                       "from A select d insert into O;"),
            (Messages{"2:36: 'stdDev' is not an incremental aggregate: an aggregation can use sum, count, avg, "
                      "min, max and distinctCount",
                      "3:6: aggregation 'A' cannot be a query's only input: join it with a stream, "
                      "with 'within' and 'per'"}));
}

}  // namespace
}  // namespace cepheus
