// Every keyword is also a name, as in Siddhi's grammar (`name : id | keyword`): each keyword of
// the lexer, in lower case and capitalised, in each position a name takes.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <functional>
#include <set>

#include "parse/test_support.h"

namespace cepheus::parse::test {
namespace {

// The keywords, read from the lexer rules of the grammar (`K_SELECT: S E L E C T;`), so a new
// keyword is covered without touching this test.
std::vector<std::string> grammarKeywords() {
  std::ifstream in(std::string(CEPHEUS_SOURCE_DIR) + "/grammar/SiddhiQL.g4");
  std::vector<std::string> words;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("K_", 0) != 0) continue;
    size_t colon = line.find(':');
    std::string word = line.substr(2, colon == std::string::npos ? 0 : colon - 2);
    if (word.empty() || word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) continue;
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    words.push_back(word);
  }
  return words;
}

// Each keyword as written in lower case and capitalised (`order`, `Order`).
std::vector<std::string> spellings() {
  std::vector<std::string> out;
  for (const std::string& word : grammarKeywords()) {
    out.push_back(word);
    std::string capital = word;
    capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
    out.push_back(capital);
  }
  return out;
}

bool isLower(const std::string& word, const char* keyword) {
  std::string lower = word;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == keyword;
}

// `true`, `false`: a bare one in an expression is the constant (as in Siddhi); `S.true` is the
// attribute. `not(...)` is the operator, not a function of that name.
bool isConstant(const std::string& word) { return isLower(word, "true") || isLower(word, "false"); }

TEST(KeywordNames, TheGrammarHasKeywords) {
  std::vector<std::string> words = grammarKeywords();
  EXPECT_GT(words.size(), 80u);
  for (const char* word : {"order", "window", "output", "every", "last", "update", "select", "null"})
    EXPECT_NE(std::find(words.begin(), words.end(), word), words.end()) << word;
}

// Parses `text` for keyword `k` (every `K` in it replaced) and checks the syntax tree.
void expectName(const std::string& what, const std::string& k, std::string text,
                const std::function<void(const ast::App&)>& check) {
  for (size_t at = text.find("K"); at != std::string::npos; at = text.find("K", at + k.size()))
    text.replace(at, 1, k);
  SCOPED_TRACE(what + " '" + k + "': " + text);
  AppParse result = parseApp(text);
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  check(*result.app);
}

TEST(KeywordNames, InDefinitions) {
  for (const std::string& k : spellings()) {
    expectName("stream name", k, "define stream K (a int);", [&](const ast::App& app) {
      ASSERT_EQ(app.streams.size(), 1u);
      EXPECT_EQ(app.streams[0].name, k);
    });
    expectName("attribute name", k, "define stream S (K int, b string);", [&](const ast::App& app) {
      ASSERT_EQ(app.streams[0].attributes.size(), 2u);
      EXPECT_EQ(app.streams[0].attributes[0].name, k);
    });
    expectName("table name", k, "define table K (a int);", [&](const ast::App& app) {
      ASSERT_EQ(app.tables.size(), 1u);
      EXPECT_EQ(app.tables[0].name, k);
    });
    expectName("window name", k, "define window K (a int) length(2) output all events;",
               [&](const ast::App& app) {
                 ASSERT_EQ(app.windows.size(), 1u);
                 EXPECT_EQ(app.windows[0].name, k);
               });
    if (!isLower(k, "app")) {  // `@app:` always starts an app annotation
      expectName("annotation name and key", k, "@K(K='v') define stream S (a int);", [&](const ast::App& app) {
        ASSERT_EQ(app.streams[0].annotations.size(), 1u);
        EXPECT_EQ(app.streams[0].annotations[0].name, k);
        EXPECT_EQ(app.streams[0].annotations[0].elements.at(0).first, k);
      });
    }
  }
}

TEST(KeywordNames, AsStreamsQueriesReadAndWrite) {
  for (const std::string& k : spellings()) {
    expectName("input stream", k, "from K select a insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).stream.stream, k);
    });
    expectName("input stream with a filter and window", k, "from K[a > 1]#window.length(2) select a insert into O;",
               [&](const ast::App& app) { EXPECT_EQ(queryAt(app).stream.stream, k); });
    expectName("output stream", k, "from S select a insert into K;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).output.target, k);
    });
    expectName("output stream with event type", k, "from S select a insert all events into K;",
               [&](const ast::App& app) { EXPECT_EQ(queryAt(app).output.target, k); });
    expectName("table updated", k, "from S update K set K.a = a on K.a == a;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).output.target, k);
    });
    expectName("table deleted from", k, "from S delete K on K.a == a;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).output.target, k);
    });
    expectName("partitioned stream", k, "partition with (a of K) begin from K select a insert into O; end;",
               [&](const ast::App& app) {
                 ASSERT_TRUE(app.elements.at(0).partition);
                 EXPECT_EQ(app.elements[0].partition->keys.at(0).stream, k);
               });
    expectName("table of 'in'", k, "from S[a in K] select a insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).stream.handlers.at(0).filter->name, k);
    });
  }
}

TEST(KeywordNames, AsAttributesInExpressions) {
  for (const std::string& k : spellings()) {
    expectName("qualified attribute", k, "from S[S.K > 1] select S.K as x insert into O;", [&](const ast::App& app) {
      const ast::Expr& filter = *queryAt(app).stream.handlers.at(0).filter;
      EXPECT_EQ(filter.lhs->kind, ast::ExprKind::Attribute);
      EXPECT_EQ(filter.lhs->name, k);
      EXPECT_EQ(filter.lhs->streamRef, "S");
    });
    expectName("stream qualifier", k, "from K select K.a as x insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).selector.attributes.at(0).expr->streamRef, k);
    });
    expectName("output alias", k, "from S select a as K, b insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).selector.attributes.at(0).alias, k);
    });
    expectName("alias before a clause", k, "from S select a as K insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).selector.attributes.at(0).alias, k);
    });
    expectName("group by and order by", k, "from S select a group by K order by K desc insert into O;",
               [&](const ast::App& app) {
                 EXPECT_EQ(queryAt(app).selector.groupBy.at(0)->name, k);
                 EXPECT_EQ(queryAt(app).selector.orderBy.at(0).expr->name, k);
               });
    expectName("function namespace", k, "from S select K:f(a) as x insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).selector.attributes.at(0).expr->ns, k);
    });
    if (isConstant(k)) continue;
    expectName("attribute in a filter", k, "from S[K > 1] select a insert into O;", [&](const ast::App& app) {
      const ast::Expr& filter = *queryAt(app).stream.handlers.at(0).filter;
      EXPECT_EQ(filter.kind, ast::ExprKind::Greater);
      EXPECT_EQ(filter.lhs->kind, ast::ExprKind::Attribute);
      EXPECT_EQ(filter.lhs->name, k);
    });
    expectName("attribute alone in a filter", k, "from S[K] select a insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).stream.handlers.at(0).filter->name, k);
    });
    expectName("select item", k, "from S select K, b insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).selector.attributes.at(0).expr->name, k);
    });
    expectName("last select item", k, "from S select b, K insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).selector.attributes.at(1).expr->name, k);
    });
    expectName("operand", k, "from S select a * K as x, K is null as y insert into O;", [&](const ast::App& app) {
      EXPECT_EQ(queryAt(app).selector.attributes.at(0).expr->rhs->name, k);
      EXPECT_EQ(queryAt(app).selector.attributes.at(1).expr->lhs->name, k);
    });
    if (isLower(k, "not")) continue;
    expectName("function", k, "from S select K(a) as x insert into O;", [&](const ast::App& app) {
      const ast::Expr& call = *queryAt(app).selector.attributes.at(0).expr;
      EXPECT_EQ(call.kind, ast::ExprKind::Function);
      EXPECT_EQ(call.name, k);
    });
  }
}

TEST(KeywordNames, AsAliasesOfJoinsAndPatterns) {
  for (const std::string& k : spellings()) {
    expectName("join aliases", k, "from A as K join B as K2 on K.a == K2.a select K.a insert into O;",
               [&](const ast::App& app) {
                 ASSERT_TRUE(queryAt(app).join);
                 EXPECT_EQ(queryAt(app).join->left.alias, k);
                 EXPECT_EQ(queryAt(app).join->right.alias, k + "2");
               });
    expectName("join sides", k, "from K join K2 on K.a == K2.a select K.a insert into O;",
               [&](const ast::App& app) {
                 EXPECT_EQ(queryAt(app).join->left.stream, k);
                 EXPECT_EQ(queryAt(app).join->right.stream, k + "2");
               });
    expectName("pattern event references", k, "from K=A -> e2=B[a > K.a] select K.a insert into O;",
               [&](const ast::App& app) {
                 ASSERT_TRUE(queryAt(app).pattern);
                 const ast::PatternNode& root = queryAt(app).pattern->root;
                 ASSERT_EQ(root.children.size(), 2u);
                 EXPECT_EQ(root.children[0].stream.alias, k);
               });
    expectName("pattern state stream", k, "from every e1=K -> e2=K select e1.a insert into O;",
               [&](const ast::App& app) {
                 const ast::PatternNode& root = queryAt(app).pattern->root;
                 ASSERT_EQ(root.children.size(), 2u);
                 EXPECT_EQ(root.children[1].stream.stream, k);
               });
  }
}

// Where a keyword could start a clause or a name, the plain reading wins: a stream named
// `every` is read, not a pattern; `not x` stays the operator.
TEST(KeywordNames, ThePlainReadingWinsWhereBothFit) {
  auto app = parseOk("from Every select * insert into O;");
  EXPECT_EQ(queryAt(*app).inputKind, ast::Query::InputKind::Stream);
  EXPECT_EQ(queryAt(*app).stream.stream, "Every");
  app = parseOk("from every e1=A -> e2=B select e1.a insert into O;");
  EXPECT_EQ(queryAt(*app).inputKind, ast::Query::InputKind::Pattern);
  app = parseOk("from not select * insert into O;");
  EXPECT_EQ(queryAt(*app).stream.stream, "not");
  app = parseOk("from not A for 1 sec select * insert into O;");
  EXPECT_EQ(queryAt(*app).inputKind, ast::Query::InputKind::Pattern);
  app = parseOk("from S[not x] select true as t insert into O;");
  EXPECT_EQ(queryAt(*app).stream.handlers[0].filter->kind, ast::ExprKind::Not);
  EXPECT_EQ(queryAt(*app).selector.attributes[0].expr->kind, ast::ExprKind::Constant);
  app = parseOk("from S select and(b) as x, or(b) as y insert into O;");  // the aggregators
  EXPECT_EQ(queryAt(*app).selector.attributes[0].expr->name, "and");
  // The timestamp attribute of an aggregation may be `output` or `aggregate` too.
  for (const char* k : {"output", "aggregate"}) {
    std::string text = std::string("define aggregation A from S select sum(v) as t aggregate by ") + k +
                       " every sec ... min;";
    AppParse result = parseApp(text);
    EXPECT_TRUE(result.errors.empty()) << text << "\n" << describe(result.errors);
  }
  // A sequence whose later state is named `every` is not an `every` inside a sequence.
  EXPECT_TRUE(parseApp("from e1=A, e2=every select e1.a insert into O;").errors.empty());
}

}  // namespace
}  // namespace cepheus::parse::test
