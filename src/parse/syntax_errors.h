// Turns ANTLR's lexer and parser errors into Diagnostics with messages a user can act on.
// Private to src/parse: it includes ANTLR headers.
#pragma once

#include <antlr4-runtime.h>

#include <string>

#include "cepheus/diagnostic.h"

namespace cepheus::parse {

// Receives every lexer and parser error (it replaces ANTLR's console listener).
class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t charPositionInLine, const std::string& msg,
                   std::exception_ptr e) override;

  void add(int line, int col, std::string message);
  bool empty() const { return errors_.empty(); }

  // In source order, at most one error per position.
  Diagnostics take();

 private:
  Diagnostics errors_;
};

// ANTLR's recovery, with messages of the form "unexpected 'x': expected 'from' or a name"
// (keywords shown as written, token groups such as "an expression" collapsed) and specific
// explanations for common mistakes (`-attr`, `define` after a query, ...).
class ErrorStrategy : public antlr4::DefaultErrorStrategy {
 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override;
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
};

// Errors found by scanning the tokens: unterminated strings and comments. The parser's own
// complaints about these tokens are dropped by ErrorCollector, so each is reported once.
void reportBadTokens(antlr4::CommonTokenStream& tokens, ErrorCollector& errors);

}  // namespace cepheus::parse
