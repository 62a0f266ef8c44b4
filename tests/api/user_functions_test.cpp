// User functions registered through Engine::functions(): checked and evaluated like built-ins.
#include <gtest/gtest.h>
#include <unistd.h>

#include "cepheus/engine.h"
#include "support/app_harness.h"

namespace cepheus::testing {
namespace {

using Rows = std::vector<std::string>;

Rows runWith(Engine& engine, const std::string& text, std::vector<std::vector<Value>> events) {
  auto app = engine.deploy(text);
  Rows rows;
  for (const auto& stream : app->outputStreams())
    app->subscribe(stream, [&rows, stream](int64_t, std::span<const Value> data) {
      std::string row = stream + "[";
      for (size_t i = 0; i < data.size(); ++i) row += (i ? ", " : "") + data[i].toString();
      rows.push_back(row + "]");
    });
  int64_t ts = 1;
  for (auto& e : events) app->input("T").send(ts++, std::span<const Value>(e));
  return rows;
}

TEST(UserFunctions, TypedArgumentsAndResult) {
  Engine engine;
  engine.functions().add("risk:score", {Type::Double, {Type::Double, Type::Int}}, [](std::span<const Value> args) {
    return Value::ofDouble(args[0].asDouble() * args[1].asInt());
  });
  // An int amount arrives as a double; the result is a double the filter compares.
  EXPECT_EQ(runWith(engine,
                    "define stream T (amount int, n int); "
                    "from T[risk:score(amount, n) > 10.0] select risk:score(amount, n) as s insert into Out;",
                    {{I(3), I(5)}, {I(1), I(2)}, {N(), I(9)}}),
            (Rows{"Out[15.0]"}));
}

TEST(UserFunctions, VariadicAndNullsPassedWhenAsked) {
  Engine engine;
  FunctionSignature joined{Type::String, {Type::String, Type::Object}, true, false};
  engine.functions().add("text:join", joined, [](std::span<const Value> args) {
    std::string out(args[0].isNull() ? "?" : args[0].asString());
    for (size_t i = 1; i < args.size(); ++i) out += ":" + args[i].toString();
    return Value::ofString(out);
  });
  EXPECT_EQ(runWith(engine, "define stream T (a string, b int); from T select text:join(a, b, 2.5, true) as j, text:join(a) as k insert into Out;",
                    {{S("x"), N()}, {N(), I(1)}}),
            (Rows{"Out[x:null:2.5:true, x]", "Out[?:1:2.5:true, ?]"}));
}

TEST(UserFunctions, ThrowingAndMistypedResultsGoToTheFaultStream) {
  Engine engine;
  engine.functions().add("t:fail", {Type::Int, {Type::Int}}, [](std::span<const Value> args) -> Value {
    if (args[0].asInt() < 0) throw std::runtime_error("negative input");
    if (args[0].asInt() == 0) return Value::ofString("zero");  // not the declared int
    return args[0];
  });
  EXPECT_EQ(runWith(engine,
                    "@OnError(action='STREAM') define stream T (x int); from T select t:fail(x) as y insert into Out;"
                    "from !T select x, _error as e insert into Faults;",
                    {{I(2)}, {I(-1)}, {I(0)}}),
            (Rows{"Out[2]", "Faults[-1, t:fail(): negative input]",
                  "Faults[0, t:fail(): returned 'zero', but its signature declares int]"}));
}

TEST(UserFunctions, CheckedAtDeployTime) {
  Engine engine;
  engine.functions().add("risk:score", {Type::Double, {Type::Double, Type::Int}}, [](std::span<const Value>) { return Value(); });
  auto errorOf = [&](const std::string& text) {
    try {
      engine.deploy(text);
    } catch (const DeployError& e) {
      return e.diagnostics().at(0).message;
    }
    return std::string();
  };
  EXPECT_EQ(errorOf("define stream T (a double, s string); from T select risk:score(a) as r insert into Out;"),
            "risk:score() takes 2 arguments, found 1");
  EXPECT_EQ(errorOf("define stream T (a double, s string); from T select risk:score(a, s) as r insert into Out;"),
            "risk:score() needs an int as argument 2, but 's' is string");
  EXPECT_EQ(errorOf("define stream T (a double, l long); from T select risk:score(a, l) as r insert into Out;"),
            "risk:score() needs an int as argument 2, but 'l' is long");  // no narrowing
  EXPECT_EQ(errorOf("define stream T (a double, n int); from T select risk:scor(a, n) as r insert into Out;"),
            "unknown function 'risk:scor' (did you mean 'risk:score'?)");
  // Engine::check sees the registry it is given, and only that.
  const char* app = "define stream T (a double, n int); from T select risk:score(a, n) as r insert into Out;";
  EXPECT_TRUE(Engine::check(app, &engine.functions()).empty());
  EXPECT_EQ(Engine::check(app).size(), 1u);
}

TEST(UserFunctions, RegistrationRules) {
  FunctionRegistry registry;
  auto body = [](std::span<const Value>) { return Value(); };
  EXPECT_THROW(registry.add("noNamespace", {}, body), std::invalid_argument);
  EXPECT_THROW(registry.add("str:mine", {}, body), std::invalid_argument);  // a built-in namespace
  EXPECT_THROW(registry.add("a:b", {Type::Int, {}, true}, body), std::invalid_argument);
  EXPECT_THROW(registry.add("a:b", {}, nullptr), std::invalid_argument);
  registry.add("a:b", {}, body);
  EXPECT_THROW(registry.add("a:b", {}, body), std::invalid_argument);
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"a:b"}));
}

TEST(UserFunctions, PluginLoaderReportsWhatIsWrong) {
  FunctionRegistry registry;
  try {
    loadFunctionPlugin("/nonexistent/libnothing.so", registry);
    FAIL() << "loaded a missing plugin";
  } catch (const PluginError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot load plugin '/nonexistent/libnothing.so'"), std::string::npos);
  }
  // A shared library that is not a plugin: libm defines no cepheus_register_functions.
  const char* libm = "/lib/x86_64-linux-gnu/libm.so.6";
  if (access(libm, R_OK) != 0) GTEST_SKIP() << libm << " not found";
  try {
    loadFunctionPlugin(libm, registry);
    FAIL() << "loaded libm as a plugin";
  } catch (const PluginError& e) {
    EXPECT_NE(std::string(e.what()).find("is not a Cepheus plugin"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cepheus::testing
