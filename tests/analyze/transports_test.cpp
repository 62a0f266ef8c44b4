// @sink and @source: the transports Cepheus runs deploy, with their options checked and listed
// in App::transports() for src/io; an unknown type is an error, an unknown option a warning.
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

std::vector<std::string> diagnosticsOf(const std::string& app) {
  std::vector<std::string> out;
  for (const Diagnostic& d : Engine::check(app))
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) +
                  (d.isError() ? ": error: " : ": warning: ") + d.message);
  return out;
}

using Lines = std::vector<std::string>;

const std::string kQuery = "define stream S (symbol string, price double);\nfrom S select * insert into S2;\n";

std::string sinkOn(const std::string& annotation) {
  return annotation + "\ndefine stream Alerts (symbol string, price double);\n"
                      "define stream S (symbol string, price double);\nfrom S select * insert into Alerts;\n";
}

TEST(Transports, AnHttpSinkDeploysWithItsOptionsNormalized) {
  Engine engine;
  auto app = engine.deploy(sinkOn(
      "@sink(type='http', publisher.url='http://localhost:8080/hook/{{symbol}}', method='put', "
      "headers=\"'X-Rule:big','X-Symbol:{{symbol}}'\", timeout='2 sec', retry.max='3', "
      "max.in.flight='1', @map(type='json', @payload('{\"s\":\"{{symbol}}\"}')))"));
  EXPECT_TRUE(app->warnings().empty());
  ASSERT_EQ(app->transports().size(), 1u);
  const TransportInfo& sink = app->transports()[0];
  EXPECT_EQ(sink.direction, TransportInfo::Direction::Sink);
  EXPECT_EQ(sink.type, "http");
  EXPECT_EQ(sink.stream, "Alerts");
  EXPECT_EQ(sink.option("publisher.url"), "http://localhost:8080/hook/{{symbol}}");
  EXPECT_EQ(sink.option("method"), "PUT");
  EXPECT_EQ(sink.option("headers"), "X-Rule:big\nX-Symbol:{{symbol}}");
  EXPECT_EQ(sink.option("timeout"), "2000");
  EXPECT_EQ(sink.option("retry.max"), "3");
  EXPECT_EQ(sink.mapType, "json");
  EXPECT_EQ(sink.payload, std::optional<std::string>("{\"s\":\"{{symbol}}\"}"));
  EXPECT_EQ(sink.line, 1);
}

TEST(Transports, ALogSinkAndAnHttpSourceDeploy) {
  Engine engine;
  auto app = engine.deploy("@source(type='http', @map(type='json'))\n"
                           "@sink(type='log', prefix='trades')\n" + kQuery);
  ASSERT_EQ(app->transports().size(), 2u);
  EXPECT_EQ(app->transports()[0].direction, TransportInfo::Direction::Source);
  EXPECT_EQ(app->transports()[1].type, "log");
  EXPECT_EQ(app->transports()[1].option("prefix"), "trades");
  ASSERT_EQ(app->queries().size(), 1u);
  EXPECT_EQ(app->queries()[0].input, "S");
  EXPECT_EQ(app->queries()[0].output, "S2");
}

TEST(Transports, UnknownTypesAreErrors) {
  EXPECT_EQ(diagnosticsOf("@sink(type='htpp', publisher.url='http://x')\n" + kQuery),
            Lines{"1:1: error: sink type 'htpp' is not supported (Cepheus runs: http, log, kafka) (did you mean 'http'?)"});
  EXPECT_EQ(diagnosticsOf("@source(type='kafak', topic.list='t')\n" + kQuery),
            Lines{"1:1: error: source type 'kafak' is not supported (Cepheus runs: kafka, http) (did you mean 'kafka'?)"});
  EXPECT_EQ(diagnosticsOf("@sink(publisher.url='http://x')\n" + kQuery),
            Lines{"1:1: error: @sink needs a type (type='http')"});
}

TEST(Transports, UnknownOptionsAreWarnings) {
  EXPECT_EQ(diagnosticsOf("@sink(type='http', publisher.url='http://x', retry.maxx='2')\n" + kQuery),
            Lines{"1:46: warning: @sink(type='http') ignores unknown option 'retry.maxx' (did you mean 'retry.max'?)"});
  EXPECT_EQ(diagnosticsOf("@sink(type='log', @map(type='json'))\n" + kQuery),
            Lines{"1:19: warning: @sink(type='log') ignores @map: it writes every event as it is"});
}

TEST(Transports, ValuesThatCannotWorkAreErrors) {
  EXPECT_EQ(diagnosticsOf("@sink(type='http')\n" + kQuery), Lines{"1:1: error: @sink(type='http') needs publisher.url"});
  EXPECT_EQ(diagnosticsOf("@sink(type='http', publisher.url='ftp://x')\n" + kQuery),
            Lines{"1:20: error: publisher.url='ftp://x': expected an http:// or https:// URL"});
  EXPECT_EQ(diagnosticsOf("@sink(type='http', publisher.url='http://x', max.in.flight='0')\n" + kQuery),
            Lines{"1:46: error: max.in.flight='0': expected an integer of at least 1"});
  EXPECT_EQ(diagnosticsOf("@sink(type='http', publisher.url='http://x', timeout='soon')\n" + kQuery),
            Lines{"1:46: error: timeout='soon': expected a duration (milliseconds, or '2 sec', '500 ms', '1 min')"});
  EXPECT_EQ(diagnosticsOf("@sink(type='http', publisher.url='http://x/{{symbl}}')\n" + kQuery),
            Lines{"1:20: error: publisher.url='http://x/{{symbl}}': {{symbl}} is not an attribute of stream 'S' "
                  "(did you mean 'symbol'?)"});
  EXPECT_EQ(diagnosticsOf("@sink(type='http', publisher.url='http://x', headers='nocolon')\n" + kQuery),
            Lines{"1:46: error: headers='nocolon': expected headers as 'Name:value','Name2:value2', got 'nocolon'"});
  EXPECT_EQ(diagnosticsOf("@sink(type='http', publisher.url='http://x', @map(type='xml'))\n" + kQuery),
            Lines{"1:46: error: @sink(type='http'): @map type 'xml' is not supported (expected 'json', 'text')"});
  EXPECT_EQ(diagnosticsOf("@source(type='http', @map(type='json', @attributes(a='$.a')))\n" + kQuery),
            Lines{"1:40: error: @map(@attributes(...)) is taken by the kafka source; the http source reads events by "
                  "attribute name ({\"event\":{...}}) or in Cepheus's form ({\"ts\":...,\"data\":[...]})"});
}

TEST(Transports, OnErrorStreamNeedsTheFaultStream) {
  EXPECT_EQ(diagnosticsOf("@sink(type='http', publisher.url='http://x', on.error='STREAM')\n" + kQuery),
            Lines{"2:1: error: a sink or source of 'S' has on.error='STREAM', which sends what it cannot deliver or "
                  "read to the fault stream '!S': add @OnError(action='STREAM') to the stream"});
  Engine engine;
  auto app = engine.deploy("@OnError(action='STREAM')\n"
                           "@sink(type='http', publisher.url='http://x', on.error='stream')\n" + kQuery);
  EXPECT_EQ(app->transports()[0].option("on.error"), "STREAM");
  // The sink sends into the fault stream from outside the app's queries.
  app->input("!S").send(1, {Value::ofString("IBM"), Value::ofDouble(1), Value::ofString("refused")});
}

}  // namespace
}  // namespace cepheus
