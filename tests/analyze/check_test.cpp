// Semantic errors: each reported at the right place with a message that names the problem.
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

const std::string kStock = "define stream S (symbol string, price double, volume int);\n";

// The one diagnostic of `query` (written on line 2), as "COL: MESSAGE".
std::string onlyError(const std::string& query) {
  Diagnostics d = Engine::check(kStock + query);
  if (d.size() != 1) {
    std::string all;
    for (const auto& x : d) all += x.format("app") + "\n";
    return "expected one error, got " + std::to_string(d.size()) + ":\n" + all;
  }
  EXPECT_EQ(d[0].line, 2) << d[0].message;
  EXPECT_EQ(d[0].message.find("''"), std::string::npos) << "a literal quoted twice: " << d[0].message;
  return std::to_string(d[0].col) + ": " + d[0].message;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Check, ValidAppHasNoDiagnostics) {
  EXPECT_TRUE(Engine::check(kStock + "from S[price > 1.0] select symbol insert into Out;").empty());
}

TEST(Check, UnknownStream) {
  std::string e = onlyError("from X select symbol insert into Out;");
  EXPECT_TRUE(contains(e, "6: unknown stream 'X'")) << e;
}

TEST(Check, UnknownAttributeNamesTheStreamsAttributes) {
  std::string e = onlyError("from S[cost > 1.0] select symbol insert into Out;");
  EXPECT_TRUE(contains(e, "8: unknown attribute 'cost'")) << e;
  EXPECT_TRUE(contains(e, "symbol, price, volume")) << e;
}

TEST(Check, UnknownFunction) {
  EXPECT_TRUE(contains(onlyError("from S select foo(price) as f insert into Out;"), "unknown function 'foo'"));
  EXPECT_TRUE(contains(onlyError("from S select str:concat(symbol) as f insert into Out;"), "str:concat"));
}

TEST(Check, TypeMismatches) {
  EXPECT_TRUE(contains(onlyError("from S select symbol + symbol as s insert into Out;"), "numeric operands"));
  EXPECT_TRUE(contains(onlyError("from S[symbol == 5] select symbol insert into Out;"), "cannot compare string"));
  EXPECT_TRUE(contains(onlyError("from S[symbol > 'a'] select symbol insert into Out;"), "only numbers can be ordered"));
  EXPECT_TRUE(contains(onlyError("from S[price] select symbol insert into Out;"), "must be bool"));
  EXPECT_TRUE(contains(onlyError("from S select ifThenElse(price, 'a', 'b') as x insert into Out;"), "bool condition"));
  EXPECT_TRUE(contains(onlyError("from S select sum(symbol) as x insert into Out;"), "numeric argument"));
  EXPECT_TRUE(contains(onlyError("from S select default(price, 0) as x insert into Out;"), "one type"));
}

TEST(Check, WrongArity) {
  EXPECT_TRUE(contains(onlyError("from S select convert(price) as x insert into Out;"), "takes 2 arguments, found 1"));
  EXPECT_TRUE(contains(onlyError("from S select sum(price, volume) as x insert into Out;"), "takes 1 argument"));
}

TEST(Check, MisplacedAggregate) {
  EXPECT_TRUE(contains(onlyError("from S[sum(price) > 1.0] select symbol insert into Out;"), "not allowed in filter"));
}

TEST(Check, ConflictingDefinitions) {
  Diagnostics d = Engine::check(kStock + "define stream S (symbol string);\nfrom S select symbol insert into Out;");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 2);
  EXPECT_TRUE(contains(d[0].message, "already defined"));
  EXPECT_TRUE(Engine::check(kStock + kStock + "from S select symbol insert into Out;").empty());
  d = Engine::check(kStock + "define table S (symbol string);");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(contains(d[0].message, "a stream with that name"));
}

TEST(Check, OutputSchemaMustMatchTheDefinedStream) {
  Diagnostics d = Engine::check(kStock + "define stream Out (symbol string, price double);\n"
                                         "from S select symbol, volume insert into Out;");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].line, 3);
  EXPECT_TRUE(contains(d[0].message, "(symbol string, volume int)")) << d[0].message;
}

TEST(Check, HavingAndOrderBySeeOnlyTheSelectList) {
  EXPECT_TRUE(contains(onlyError("from S select symbol, count() as n having price > 1.0 insert into Out;"),
                       "unknown attribute 'price'"));
  EXPECT_TRUE(contains(onlyError("from S select symbol as s order by symbol insert into Out;"), "order by may only use"));
  EXPECT_TRUE(contains(onlyError("from S select symbol, count() as n group by sym insert into Out;"),
                       "unknown attribute 'sym'"));
}

TEST(Check, ConstructsWithoutRuntimeAreRejectedByName) {
  EXPECT_TRUE(contains(onlyError("define trigger T at every 5 sec;"), "triggers (define trigger T) are not supported yet"));
  EXPECT_TRUE(contains(onlyError("partition with (symbol of S) begin from S select symbol insert into Out; end;"),
                       "partitions are not supported yet"));
  EXPECT_TRUE(contains(onlyError("define table T (symbol string); from S select symbol insert into T;"),
                       "inserting into tables is not supported yet"));
  EXPECT_TRUE(contains(onlyError("from S#window.length(2) join S#window.length(2) on S.price > 1.0 select S.symbol insert into Out;"),
                       "joins are not supported yet"));
  EXPECT_TRUE(contains(onlyError("from S#window.foo(2) select symbol insert into Out;"), "unknown window 'foo'"));
}

TEST(Check, EveryErrorIsReportedInSourceOrder) {
  Diagnostics d = Engine::check(kStock + "from X select a insert into Out;\n"
                                         "from S[prce > 1] select symbl insert into Out2;\n");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].line, 2);
  EXPECT_EQ(d[1].line, 3);
  EXPECT_EQ(d[2].line, 3);
  EXPECT_LT(d[1].col, d[2].col);
}

}  // namespace
}  // namespace cepheus
