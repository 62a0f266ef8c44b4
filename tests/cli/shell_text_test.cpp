// The pieces of `cepheus shell` that need no terminal and no server: where statements end,
// how rows and errors are shown, the history file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_process.h"
#include "cli/shell/line_editor.h"
#include "cli/shell/render.h"
#include "cli/shell/statement_text.h"

namespace cepheus::cli::shell {
namespace {

using Json = nlohmann::json;

TEST(ShellStatements, EndAtASemicolonOutsideStringsAndComments) {
  std::string buffer =
      "from T on a == ';' select a;\n"
      "from T -- a comment; not the end\n"
      "  select \"x;y\" as b /* ; */;\n"
      "from T select \"\"\"a;\nb\"\"\" as c; from U";
  std::vector<std::string> statements = takeStatements(buffer);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0], "from T on a == ';' select a");
  EXPECT_EQ(statements[1], "from T -- a comment; not the end\n  select \"x;y\" as b /* ; */");
  EXPECT_EQ(statements[2], "from T select \"\"\"a;\nb\"\"\" as c");
  EXPECT_EQ(buffer, " from U");  // unfinished: it waits for more lines
  std::string empty = " ; ;";
  EXPECT_TRUE(takeStatements(empty).empty());
}

TEST(ShellStatements, GoOnOneLineForTheHistoryWithoutComments) {
  EXPECT_EQ(oneLine("from T -- all of it\n  select a,\n  b /* two */"), "from T select a, b");
  EXPECT_EQ(oneLine("from T on s == '--x' select s"), "from T on s == '--x' select s");
}

TEST(ShellRender, AlignsColumnsAndRightAlignsNumbers) {
  Json rows = Json::parse(R"([["tv", 900.0, 1], ["radio", 2.5, 10], ["fan", null, 3]])");
  EXPECT_EQ(renderTable({"item", "price", "qty"}, rows),
            " item  | price | qty\n"
            "-------+-------+-----\n"
            " tv    | 900.0 |   1\n"
            " radio |   2.5 |  10\n"
            " fan   |  null |   3\n"
            "(3 rows)\n");
  EXPECT_EQ(renderJsonRows({"item", "qty"}, Json::parse(R"([["tv", 1]])")), "{\"item\":\"tv\",\"qty\":1}\n");
}

TEST(ShellRender, PutsTheCaretUnderTheColumnOfItsLine) {
  EXPECT_EQ(caret("from T\nselect\tbad", 2, 8), "  select\tbad\n        \t^\n");
  EXPECT_EQ(caret("from T", 3, 1), "");
}

TEST(ShellRender, ShowsServerErrorsByTheirMessageNeverTheRawAnswer) {
  RestResponse bad{400, R"({"type":"error","message":"1:15: unknown","diagnostics":[{"line":1,"column":15,"message":"unknown attribute 'b'","severity":"error"}]})", "", ""};
  EXPECT_EQ(serverError(bad, "from S select b"), "1:15: error: unknown attribute 'b'\n  from S select b\n                ^");
  EXPECT_EQ(serverError(bad, "from S select b", "app.siddhi"),
            "app.siddhi:1:15: error: unknown attribute 'b'\n  from S select b\n                ^");
  RestResponse html{502, "<html><body>Bad Gateway</body></html>", "text/html", ""};
  EXPECT_EQ(serverError(html), "error: the server answered 502");
  RestResponse none{0, "", "", "connection refused"};
  EXPECT_EQ(serverError(none), "error: no answer from the server: connection refused");
}

TEST(ShellHistory, KeepsEachEntryOnceAndSurvivesMultiLineEntries) {
  test::TempDir dir;
  std::string path = dir.path("history");
  {
    History history(path);
    history.add("apps");
    history.add("from T\nselect a\\b;");
    history.add("apps");
    history.add("");
    EXPECT_EQ(history.entries(), (std::vector<std::string>{"from T\nselect a\\b;", "apps"}));
  }
  History again(path);
  EXPECT_EQ(again.entries(), (std::vector<std::string>{"from T\nselect a\\b;", "apps"}));
  std::ifstream file(path);
  std::string first;
  std::getline(file, first);
  EXPECT_EQ(first, "from T\\nselect a\\\\b;");
}

TEST(ShellHistory, KeepsTheEntriesOfShellsRunningAtTheSameTime) {
  test::TempDir dir;
  std::string path = dir.path("history");
  History first(path);
  History second(path);
  first.add("apps");
  second.add("status");
  first.add("history");
  EXPECT_EQ(History(path).entries(), (std::vector<std::string>{"apps", "status", "history"}));
}

}  // namespace
}  // namespace cepheus::cli::shell
