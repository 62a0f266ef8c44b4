// `@store` on `define table`: what the analyzer checks (type, columns, @cache) and what a
// deploy checks (a factory for the type, the factory's options).
#include <gtest/gtest.h>

#include "cepheus/engine.h"

namespace cepheus {
namespace {

std::vector<std::string> errorsOf(const std::string& app) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : Engine::check(app)) lines.push_back(d.format("app"));
  return lines;
}

std::string deployError(Engine& engine, const std::string& app) {
  try {
    engine.deploy(app);
  } catch (const DeployError& e) {
    std::string all;
    for (const Diagnostic& d : e.diagnostics()) all += d.format("app");
    return all;
  }
  return "deployed";
}

TEST(TableStores, AStoreNeedsATypeAndColumnsItCanHold) {
  EXPECT_EQ(errorsOf("@store(host='x') define table T (a int);"),
            std::vector<std::string>{"app:1:1: error: @store needs a type (type='redis')"});
  EXPECT_EQ(errorsOf("@store(type='redis') define table T (a int, o object);"),
            std::vector<std::string>{"app:1:22: error: table 'T' keeps its rows in a store, which holds text: its "
                                     "attribute 'o' is an object"});
}

TEST(TableStores, CacheOptionsAreChecked) {
  EXPECT_EQ(errorsOf("@store(type='redis', @cache(size='many')) define table T (a int);"),
            std::vector<std::string>{"app:1:22: error: @cache needs size= a number of rows of at least 1, found 'many'"});
  EXPECT_EQ(errorsOf("@store(type='redis', @cache(size='10', retention.period='soon')) define table T (a int);"),
            std::vector<std::string>{"app:1:40: error: @cache retention.period must be a duration ('500 ms', '10 sec', "
                                     "'5 min'), found 'soon'"});
  EXPECT_EQ(errorsOf("@store(type='redis', @cache(size='10', cache.policy='LRU')) define table T (a int);"),
            std::vector<std::string>{"app:1:40: error: @cache cache.policy 'LRU' is not supported: the cache evicts "
                                     "the rows read first (FIFO)"});
  EXPECT_TRUE(errorsOf("@store(type='redis', @cache(size='10', retention.period='5 sec', cache.policy='FIFO')) "
                       "define table T (a int);")
                  .empty());
}

TEST(TableStores, ADeployNeedsAFactoryForTheType) {
  Engine engine;
  EXPECT_EQ(deployError(engine, "define stream S (a int);\n@store(type='redis') define table T (a int);"),
            "app:2:1: error: table 'T': no table store of type 'redis' (this engine has none)");
}

TEST(TableStores, TheFactoryRefusesOptionsAtTheAnnotation) {
  Engine engine;
  engine.tableStores().add("fussy", [](const TableStoreSpec& spec) -> std::shared_ptr<TableStore> {
    throw std::invalid_argument("no option '" + spec.options.at(0).first + "'");
  });
  EXPECT_EQ(deployError(engine, "define stream S (a int);\n@store(type='Fussy', Colour='red') define table T (a int);"),
            "app:2:1: error: table 'T': no option 'colour'");
}

}  // namespace
}  // namespace cepheus
