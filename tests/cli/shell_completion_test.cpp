// What TAB offers in `cepheus shell`, from the language's own lists and an app's elements.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/cli_process.h"
#include "cli/shell/completion.h"

namespace cepheus::cli::shell {
namespace {

bool has(const Completion& c, const std::string& word) {
  return std::find(c.candidates.begin(), c.candidates.end(), word) != c.candidates.end();
}

class ShellCompletion : public ::testing::Test {
 protected:
  ShellCompletion() {
    elements.app = "Shop";
    elements.elements = {{"Orders", "stream", {{"item", "string"}, {"price", "double"}}},
                         {"Stock", "table", {{"item", "string"}, {"qty", "long"}}},
                         {"Recent", "window", {{"item", "string"}}}};
    sources.commands = {"apps", "use", "describe", "tail", "send", "output", "run", "deploy"};
    sources.apps = [] { return std::vector<std::string>{"Shop", "Stock"}; };
    sources.elements = &elements;
  }
  AppElements elements;
  CompletionSources sources;
};

TEST_F(ShellCompletion, FirstWordIsACommandOrAKeywordInTheCaseTyped) {
  Completion c = complete("", "fr", sources);
  EXPECT_EQ(c.start, 0u);
  EXPECT_EQ(c.candidates, std::vector<std::string>{"from"});
  EXPECT_EQ(complete("", "SEL", sources).candidates, std::vector<std::string>{"SELECT"});
  EXPECT_EQ(complete("", "des", sources).candidates, (std::vector<std::string>{"desc", "describe"}));
}

TEST_F(ShellCompletion, CommandArgumentsComeFromTheServer) {
  EXPECT_EQ(complete("", "use S", sources).candidates, (std::vector<std::string>{"Shop", "Stock"}));
  EXPECT_EQ(complete("", "tail O", sources).candidates, std::vector<std::string>{"Orders"});
  EXPECT_TRUE(complete("", "tail St", sources).candidates.empty());  // a table has no tail
  EXPECT_EQ(complete("", "output j", sources).candidates, std::vector<std::string>{"json"});
  EXPECT_EQ(complete("", "tail Orders LI", sources).candidates, std::vector<std::string>{"LIMIT"});
  EXPECT_EQ(complete("", "run s", sources).candidates, std::vector<std::string>{"script"});
}

TEST_F(ShellCompletion, QueriesOfferElementsAttributesFunctionsAndWindows) {
  // After `from`: the app's streams, tables and windows only.
  EXPECT_EQ(complete("", "from S", sources).candidates, std::vector<std::string>{"Stock"});
  // `Name.`: that element's attributes.
  Completion dotted = complete("", "from Stock select Stock.", sources);
  EXPECT_EQ(dotted.candidates, (std::vector<std::string>{"item", "qty"}));
  EXPECT_EQ(dotted.start, std::string("from Stock select Stock.").size());
  // An alias stands for its element.
  EXPECT_EQ(complete("from Stock as s\n", "select s.q", sources).candidates, std::vector<std::string>{"qty"});
  // A select list: the attributes of what the statement names, keywords and functions.
  Completion select = complete("from Stock\n", "select q", sources);
  EXPECT_TRUE(has(select, "qty"));
  EXPECT_FALSE(has(select, "price"));  // Orders is not in this statement
  Completion functions = complete("", "from Stock select cou", sources);
  EXPECT_TRUE(has(functions, "count("));
  EXPECT_TRUE(has(complete("", "from Stock select str:con", sources), "str:concat("));
  // `#window.`: the windows the engine runs, from analyze's window rules.
  Completion windows = complete("", "from Orders#window.", sources);
  EXPECT_TRUE(has(windows, "length("));
  EXPECT_TRUE(has(windows, "timeBatch("));
  EXPECT_TRUE(has(complete("", "from Orders#window.len", sources), "lengthBatch("));
}

TEST_F(ShellCompletion, InsideAStatementCommandsAreNotOffered) {
  Completion c = complete("from Stock\n", "us", sources);
  EXPECT_FALSE(has(c, "use"));
}

TEST_F(ShellCompletion, FileArgumentsArePaths) {
  test::TempDir dir;
  dir.write("inventory.siddhi", "");
  dir.write("index.txt", "");
  std::string folder = dir.path("");
  EXPECT_EQ(completePath(folder + "inv"), std::vector<std::string>{folder + "inventory.siddhi"});
  EXPECT_EQ(completePath(folder + "in").size(), 2u);
  Completion c = complete("", "deploy " + folder + "inv", sources);
  EXPECT_EQ(c.start, std::string("deploy ").size());
  EXPECT_EQ(c.candidates, std::vector<std::string>{folder + "inventory.siddhi"});
}

}  // namespace
}  // namespace cepheus::cli::shell
