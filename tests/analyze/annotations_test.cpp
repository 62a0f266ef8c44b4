// Annotations Cepheus does not know are reported as warnings (Siddhi ignores them, so a typo
// would change an app silently); the app still deploys.
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

// Every diagnostic as "LINE:COL: warning|error: MESSAGE".
std::vector<std::string> diagnosticsOf(const std::string& app) {
  std::vector<std::string> out;
  for (const Diagnostic& d : Engine::check(app))
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.col) +
                  (d.isError() ? ": error: " : ": warning: ") + d.message);
  return out;
}

using Lines = std::vector<std::string>;

const std::string kQuery = "define stream S (a int);\nfrom S select a insert into O;\n";

TEST(Annotations, UnknownAppAnnotationIsAWarningWithASuggestion) {
  EXPECT_EQ(diagnosticsOf("@app:playbak\n" + kQuery),
            Lines{"1:1: warning: unknown annotation '@app:playbak' (did you mean '@app:playback'?)"});
  EXPECT_EQ(diagnosticsOf("@app:colour('red')\n" + kQuery),
            Lines{"1:1: warning: unknown annotation '@app:colour'"});
}

TEST(Annotations, UnknownKeysOfKnownAnnotationsAreWarnings) {
  EXPECT_EQ(diagnosticsOf("define stream S (a int);\n@info(nmae='q1')\nfrom S select a insert into O;"),
            Lines{"2:7: warning: unknown key 'nmae' of '@info' (did you mean 'name'?)"});
  EXPECT_EQ(diagnosticsOf("@app:playback(idel.time='1 sec')\n" + kQuery),
            Lines{"1:15: warning: unknown key 'idel.time' of '@app:playback' (did you mean 'idle.time'?)"});
  EXPECT_EQ(diagnosticsOf("@OnError(action='LOG', mode='x')\n" + kQuery),
            Lines{"1:24: warning: unknown key 'mode' of '@OnError'"});
  EXPECT_EQ(diagnosticsOf("define stream S (a int);\n@info('q1')\nfrom S select a insert into O;"),
            Lines{"2:7: warning: '@info' ignores a value without a key (did you mean name='q1'?)"});
}

TEST(Annotations, KnownAnnotationsInTheWrongPlaceAreWarnings) {
  EXPECT_EQ(diagnosticsOf("@PrimaryKey('a')\n" + kQuery),
            Lines{"1:1: warning: '@PrimaryKey' is ignored on a stream definition: it belongs on a "
                  "table definition"});
  EXPECT_EQ(diagnosticsOf("define stream S (a int);\n@OnError(action='LOG')\nfrom S select a insert into O;"),
            Lines{"2:1: warning: '@OnError' is ignored on a query: it belongs on a stream definition"});
}

TEST(Annotations, NestedAnnotationsAreChecked) {
  EXPECT_EQ(diagnosticsOf("@sink(type='log', @mapp(type='json'))\n" + kQuery),
            (Lines{"1:19: warning: unknown annotation '@mapp' in '@sink' (did you mean '@map'?)"}));
  EXPECT_EQ(diagnosticsOf("define stream S (a int);\n"
                          "@info(name='q', @x(a='1'))\nfrom S select a insert into O;"),
            Lines{"2:17: warning: unknown annotation '@x' in '@info'"});
}

TEST(Annotations, KnownAnnotationsAndKeysAreQuiet) {
  EXPECT_EQ(diagnosticsOf("@app:name('Shop') @app:description('d') @app:statistics('true')\n"
                          "@app:playback @APP:enforceOrder('true')\n"
                          "@OnError(action='LOG') @async(buffer.size='256', workers='2')\n"
                          "define stream S (a int);\n"
                          "@Info(Name='q1')\nfrom S select a insert into O;\n"),
            Lines{});
  // The options of a store are its factory's, checked when the app deploys (redis_table_test).
  EXPECT_EQ(diagnosticsOf("@PrimaryKey('a') @Index('a') @store(type='rdbms', jdbc.url='x', @cache(size='10'))\n"
                          "define table T (a int);\n"),
            Lines{});
}

TEST(Annotations, AnAppWithOnlyWarningsDeploysAndListsThem) {
  Engine engine;
  std::unique_ptr<App> app = engine.deploy("@app:playbak\n@app:name('Shop')\n" + kQuery);
  ASSERT_EQ(app->warnings().size(), 1u);
  EXPECT_EQ(app->warnings()[0].severity, Severity::Warning);
  EXPECT_EQ(app->warnings()[0].format("app.siddhi"),
            "app.siddhi:1:1: warning: unknown annotation '@app:playbak' (did you mean '@app:playback'?)");
  EXPECT_EQ(app->name(), "Shop");
  EXPECT_FALSE(app->playback());  // the misspelt annotation really is ignored
  EXPECT_TRUE(engine.deploy(kQuery)->warnings().empty());
}

TEST(Annotations, ARejectedAppReportsItsWarningsToo) {
  Engine engine;
  try {
    engine.deploy("@app:playbak\ndefine stream S (a int);\nfrom X select a insert into O;");
    FAIL() << "deployed an app that reads an unknown stream";
  } catch (const DeployError& error) {
    ASSERT_EQ(error.diagnostics().size(), 2u);
    EXPECT_EQ(error.diagnostics()[0].severity, Severity::Warning);
    EXPECT_TRUE(error.diagnostics()[1].isError());
    // The summary names the error, not the warning before it.
    EXPECT_EQ(std::string(error.what()), "3:6: unknown stream 'X' (and 1 more)");
  }
}

}  // namespace
}  // namespace cepheus
