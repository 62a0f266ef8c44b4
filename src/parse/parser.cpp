#include "parse/parser.h"

#include <antlr4-runtime.h>

#include <optional>

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

// The position of the first byte that does not belong to valid UTF-8 (ANTLR's input stream
// throws on those), as a diagnostic; nullopt when the text is valid.
std::optional<Diagnostic> invalidUtf8(std::string_view text) {
  int line = 1;
  int col = 1;
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (valid && length == 2) valid = byte >= 0xC2;  // no overlong forms
    if (valid && length == 3) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      valid = !(byte == 0xE0 && next < 0xA0) && !(byte == 0xED && next >= 0xA0);  // overlong, surrogates
    }
    if (valid && length == 4) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      valid = byte <= 0xF4 && !(byte == 0xF0 && next < 0x90) && !(byte == 0xF4 && next >= 0x90);
    }
    if (!valid) {
      static const char kHex[] = "0123456789ABCDEF";
      std::string shown = {'0', 'x', kHex[byte >> 4], kHex[byte & 15]};
      return Diagnostic{line, col, "the text is not valid UTF-8 (byte " + shown + ")", Severity::Error};
    }
    if (byte == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace

AppParse parseApp(std::string_view text) {
  if (auto error = invalidUtf8(text)) return AppParse{nullptr, {*error}};
  Session session(text);
  auto* tree = session.parser().siddhiApp();
  AppParse result;
  result.errors = session.finish(tree);
  if (result.errors.empty()) result.app = AstBuilder().app(tree);
  return result;
}

OnDemandParse parseOnDemandQuery(std::string_view text) {
  if (auto error = invalidUtf8(text)) return OnDemandParse{nullptr, {*error}};
  Session session(text);
  auto* tree = session.parser().onDemandQueryInput();
  OnDemandParse result;
  result.errors = session.finish(tree);
  if (result.errors.empty()) result.query = AstBuilder().onDemandQuery(tree->onDemandQuery());
  return result;
}

ExpressionParse parseExpression(std::string_view text) {
  if (auto error = invalidUtf8(text)) return ExpressionParse{nullptr, {*error}};
  Session session(text);
  auto* tree = session.parser().expressionInput();
  ExpressionParse result;
  result.errors = session.finish(tree);
  if (result.errors.empty()) result.expr = AstBuilder().expression(tree->expression());
  return result;
}

}  // namespace cepheus::parse
