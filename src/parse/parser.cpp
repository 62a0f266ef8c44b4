#include "parse/parser.h"

#include <antlr4-runtime.h>

#include "SiddhiQLLexer.h"
#include "SiddhiQLParser.h"
#include "parse/ast_builder.h"
#include "parse/syntax_checks.h"
#include "parse/syntax_errors.h"

namespace cepheus::parse {

namespace {

// Lexer, parser and error collection for one text. The parse tree lives as long as this does.
class Session {
 public:
  explicit Session(std::string_view text)
      : input_(std::string(text)), lexer_(&input_), tokens_(&lexer_), parser_(&tokens_) {
    lexer_.removeErrorListeners();
    lexer_.addErrorListener(&errors_);
    parser_.removeErrorListeners();
    parser_.addErrorListener(&errors_);
    parser_.setErrorHandler(std::make_shared<ErrorStrategy>());
  }

  grammar::SiddhiQLParser& parser() { return parser_; }

  // Every error of the text, once `tree` has been parsed from it.
  Diagnostics finish(antlr4::tree::ParseTree* tree) {
    reportBadTokens(tokens_, errors_);
    checkSyntax(tree, errors_);
    return errors_.take();
  }

 private:
  ErrorCollector errors_;
  antlr4::ANTLRInputStream input_;
  grammar::SiddhiQLLexer lexer_;
  antlr4::CommonTokenStream tokens_;
  grammar::SiddhiQLParser parser_;
};

}  // namespace

AppParse parseApp(std::string_view text) {
  Session session(text);
  auto* tree = session.parser().siddhiApp();
  AppParse result;
  result.errors = session.finish(tree);
  if (result.errors.empty()) result.app = AstBuilder().app(tree);
  return result;
}

OnDemandParse parseOnDemandQuery(std::string_view text) {
  Session session(text);
  auto* tree = session.parser().onDemandQueryInput();
  OnDemandParse result;
  result.errors = session.finish(tree);
  if (result.errors.empty()) result.query = AstBuilder().onDemandQuery(tree->onDemandQuery());
  return result;
}

ExpressionParse parseExpression(std::string_view text) {
  Session session(text);
  auto* tree = session.parser().expressionInput();
  ExpressionParse result;
  result.errors = session.finish(tree);
  if (result.errors.empty()) result.expr = AstBuilder().expression(tree->expression());
  return result;
}

}  // namespace cepheus::parse
