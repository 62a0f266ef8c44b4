// The wording of messages: code quoted once, hints only where they apply.
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

const std::string kStock = "define stream S (symbol string, price double, volume int);\n";

// Every diagnostic of the app, as "LINE:COL: MESSAGE".
std::vector<std::string> messagesOf(const std::string& app) {
  std::vector<std::string> out;
  for (const Diagnostic& d : Engine::check(app))
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message);
  return out;
}

using Messages = std::vector<std::string>;

TEST(Messages, StringLiteralsAreQuotedOnce) {
  EXPECT_EQ(messagesOf(kStock + "from S select 'abc' + price as x insert into O;"),
            Messages{"2:15: operator '+' needs numeric operands, but 'abc' is string (SiddhiQL has "
                     "no string concatenation operator)"});
  EXPECT_EQ(messagesOf(kStock + "from S select sum('abc') as x insert into O;"),
            Messages{"2:19: sum() needs a numeric argument, but 'abc' is string"});
  EXPECT_EQ(messagesOf(kStock + "from S['yes'] select symbol insert into O;"),
            Messages{"2:8: a filter condition must be bool, but 'yes' is string"});
  EXPECT_EQ(messagesOf(kStock + "from S[not 'a'] select symbol insert into O;"),
            Messages{"2:12: 'not' needs bool operands, but 'a' is string"});
  EXPECT_EQ(messagesOf(kStock + "from S select ifThenElse('a', 1, 2) as x insert into O;"),
            Messages{"2:26: ifThenElse() needs a bool condition, but 'a' is string"});
  EXPECT_EQ(messagesOf(kStock + "from S select symbol output every 'q' events insert into O;"),
            Messages{"2:35: unexpected 'q': expected a number"});
  EXPECT_EQ(messagesOf(kStock + "from S select \"abc\" + price as x insert into O;"),
            Messages{"2:15: operator '+' needs numeric operands, but \"abc\" is string (SiddhiQL has "
                     "no string concatenation operator)"});
}

TEST(Messages, CodeEndingInALiteralGoesInDoubleQuotes) {
  EXPECT_EQ(messagesOf(kStock + "from S select symbol == 'a' insert into O;"),
            Messages{"2:15: a computed select item needs a name: add 'as <name>' after "
                     "\"symbol == 'a'\""});
  EXPECT_EQ(messagesOf(kStock + "from S#window.expression(\"symbol == 1\") select symbol insert into O;"),
            Messages{"2:7: window expression 'symbol == 1': cannot compare string 'symbol' with int "
                     "'1' using '=='"});
  EXPECT_EQ(messagesOf(kStock + "from S#window.expression(\"price > 'a'\") select symbol insert into O;"),
            Messages{"2:7: window expression \"price > 'a'\": cannot compare double 'price' with "
                     "string 'a' using '>' (only numbers can be ordered)"});
}

// Only '+' could be meant as concatenation; the other operators get no such hint.
TEST(Messages, ConcatenationHintOnlyForPlus) {
  EXPECT_EQ(messagesOf(kStock + "from S select symbol + 'x' as x insert into O;"),
            Messages{"2:15: operator '+' needs numeric operands, but 'symbol' is string (SiddhiQL "
                     "has no string concatenation operator)"});
  for (const char* op : {"-", "*", "/", "%"}) {
    EXPECT_EQ(messagesOf(kStock + "from S select price " + op + " symbol as x insert into O;"),
              Messages{std::string("2:23: operator '") + op +
                       "' needs numeric operands, but 'symbol' is string"});
  }
  EXPECT_EQ(messagesOf(kStock + "from S select price + (volume > 1) as x insert into O;"),
            Messages{"2:24: operator '+' needs numeric operands, but 'volume > 1' is bool"});
}

// An unknown name gets the known name it most likely misspells, when one is close.
TEST(Messages, UnknownNamesSuggestTheClosestKnownOne) {
  EXPECT_EQ(messagesOf(kStock + "from S[prise > 1.0] select symbol insert into O;"),
            Messages{"2:8: unknown attribute 'prise' in filter (did you mean 'price'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S select S.volmue as v insert into O;"),
            Messages{"2:15: unknown attribute 'volmue' in stream 'S' (did you mean 'volume'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S select symbol, count() as n having N > 1 insert into O;"),
            Messages{"2:43: unknown attribute 'N' in having (which sees only the select list) (did "
                     "you mean 'n'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S select T.price as p insert into O;"),
            Messages{"2:15: unknown stream or reference 'T' in 'T.price'"});
  EXPECT_EQ(messagesOf(kStock + "from S select s.price as p insert into O;"),
            Messages{"2:15: unknown stream or reference 's' in 's.price' (did you mean 'S'?)"});
  EXPECT_EQ(messagesOf(kStock + "from s select symbol insert into O;"),
            Messages{"2:6: unknown stream 's' (did you mean 'S'?)"});
  EXPECT_EQ(messagesOf(kStock + "define stream Trades (a int);\nfrom Trade select a insert into O;"),
            Messages{"3:6: unknown stream 'Trade' (did you mean 'Trades'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S select symbol insert into Out;\nfrom Otu select symbol insert into O;"),
            Messages{"3:6: unknown stream 'Otu' (did you mean 'Out'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S select sun(price) as s insert into O;"),
            Messages{"2:15: unknown function 'sun' (did you mean 'sum'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S select ifthenelse(price > 1.0, 1, 2) as s insert into O;"),
            Messages{"2:15: unknown function 'ifthenelse' (did you mean 'ifThenElse'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S#window.lenght(2) select symbol insert into O;"),
            Messages{"2:7: unknown window 'lenght' (did you mean 'length'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S#window.timebatch(1 sec) select symbol insert into O;"),
            Messages{"2:7: unknown window 'timebatch' (did you mean 'timeBatch'?)"});
  EXPECT_EQ(messagesOf(kStock + "from S#lgo() select symbol insert into O;"),
            Messages{"2:7: unknown stream function 'lgo' (did you mean 'log'?)"});
  EXPECT_EQ(messagesOf(kStock + "define table Prices (symbol string);\n"
                                "from S[symbol in Price] select symbol insert into O;"),
            Messages{"3:8: unknown table 'Price' in 'in' condition (did you mean 'Prices'?)"});
}

TEST(Messages, NoSuggestionWhenNothingIsClose) {
  EXPECT_EQ(messagesOf(kStock + "from S[cost > 1.0] select symbol insert into O;"),
            Messages{"2:8: unknown attribute 'cost' in filter (S has: symbol, price, volume)"});
  EXPECT_EQ(messagesOf(kStock + "from Quotes select symbol insert into O;"),
            Messages{"2:6: unknown stream 'Quotes'"});
  EXPECT_EQ(messagesOf(kStock + "from S select foo(price) as f insert into O;"),
            Messages{"2:15: unknown function 'foo'"});
  // A fault stream is only read as '!S': it is no suggestion for a plain name.
  EXPECT_EQ(messagesOf("@OnError(action='STREAM') define stream S (a int);\nfrom T select a insert into O;"),
            Messages{"2:6: unknown stream 'T'"});
}

// Every kind of message that shows code, fed string literals wherever the grammar takes them:
// no message may show a literal with a second pair of quotes.
TEST(Messages, NoMessageDoublesAQuote) {
  const std::vector<std::string> queries = {
      "from S select 'abc' + price as x insert into O;",
      "from S select price - 'abc' as x insert into O;",
      "from S select 'a' * 'b' as x insert into O;",
      "from S select sum('abc') as x insert into O;",
      "from S select avg('abc') as x insert into O;",
      "from S select and('abc') as x insert into O;",
      "from S select unionSet('abc') as x insert into O;",
      "from S['yes'] select symbol insert into O;",
      "from S select symbol having 'yes' insert into O;",
      "from S[not 'a'] select symbol insert into O;",
      "from S['a' and price > 1.0] select symbol insert into O;",
      "from S[price > 1.0 or 'b'] select symbol insert into O;",
      "from S[symbol == 5] select symbol insert into O;",
      "from S['a' > 'b'] select symbol insert into O;",
      "from S[price < 'b'] select symbol insert into O;",
      "from S select ifThenElse('a', 1, 2) as x insert into O;",
      "from S select ifThenElse(price > 1.0, 'a', 2) as x insert into O;",
      "from S select coalesce('a', price) as x insert into O;",
      "from S select default(price, 'x') as x insert into O;",
      "from S select maximum('a', 'b') as x insert into O;",
      "from S select sizeOfSet('a') as x insert into O;",
      "from S select convert(price, 'decimal') as x insert into O;",
      "from S select symbol output every 'q' events insert into O;",
      "from S select symbol limit 'q' insert into O;",
      "from S select symbol == 'a' insert into O;",
      "from S select 'abc' insert into O;",
      "from S select 'abc' 'def' as x insert into O;",
      "from S#window.length('q') select symbol insert into O;",
      "from S#window.time('1 sec') select symbol insert into O;",
      "from S#window.sort(2, 'price') select symbol insert into O;",
      "from S#window.expression('price > ') select symbol insert into O;",
      "from S#window.expression(\"price > 'a'\") select symbol insert into O;",
      "from S#window.expression(\"symbol + 'a' > 1\") select symbol insert into O;",
      "from S#window.expression('') select symbol insert into O;",
      "from S#window.cron('not cron') select symbol insert into O;",
      "from S#window.cron('') select symbol insert into O;",
      "from S select symbol order by 'x' insert into O;",
      "from S[''] select symbol insert into O;",
      "from S select '' + 1 as x insert into O;",
      "from S[symbol == 'a' == 'b'] select symbol insert into O;",
      "from S select symbol insert into 'O';",
      // The function library's argument checks.
      "from S select math:abs('x') as a insert into O;",
      "from S select str:repeat(symbol, 'x') as c insert into O;",
      "from S select str:upper(5) as u insert into O;",
      "from S select time:extract('x', 'HOUR') as h insert into O;",
      "from S select regex:matches('[a', symbol) as m insert into O;",
      "from S select json:getInt('x', 5) as j insert into O;",
      "from S#window.length(3) select str:groupConcat(symbol, ',', true, 5) as g insert into O;",
      "from S#window.length(3) select math:percentile(price, 'x') as p insert into O;",
  };
  for (const std::string& query : queries) {
    std::vector<std::string> messages = messagesOf(kStock + query);
    EXPECT_FALSE(messages.empty()) << query;
    for (const std::string& message : messages)
      EXPECT_EQ(message.find("''"), std::string::npos) << query << "\n  " << message;
  }
}

}  // namespace
}  // namespace cepheus
