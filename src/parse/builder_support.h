// Helpers shared by the two files that define AstBuilder: ast_builder.cpp (definitions, queries,
// patterns, partitions, outputs) and expression_builder.cpp (expressions). Include only from
// those files: the helpers are file-local (unnamed namespace), and inline so that a file that
// does not use one of them gets no unused-function warning.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

#include "parse/ast_builder.h"

namespace cepheus::parse {

namespace {

using P = AstBuilder::P;

inline ast::SourcePos pos(antlr4::Token* token) {
  return {static_cast<int>(token->getLine()), static_cast<int>(token->getCharPositionInLine()) + 1};
}

inline ast::SourcePos pos(antlr4::ParserRuleContext* ctx) { return pos(ctx->getStart()); }

// The tokens of a parse tree joined by single spaces: the text without its layout and comments,
// which snapshots use to recognise an unnamed query after the app was edited elsewhere.
inline void appendTokens(antlr4::tree::ParseTree* tree, std::string& out) {
  if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(tree)) {
    if (terminal->getSymbol()->getType() == antlr4::Token::EOF) return;
    if (!out.empty()) out += ' ';
    out += terminal->getText();
    return;
  }
  for (antlr4::tree::ParseTree* child : tree->children) appendTokens(child, out);
}

inline std::string normalizedText(antlr4::tree::ParseTree* tree) {
  std::string text;
  appendTokens(tree, text);
  return text;
}

inline std::string nameOf(P::NameContext* ctx) {
  if (ctx->QUOTED_ID() != nullptr) {
    std::string text = ctx->getText();
    return text.substr(1, text.size() - 2);
  }
  return ctx->getText();
}

inline std::string functionName(P::FunctionNameContext* ctx) { return nameOf(ctx->name()); }

// The called function's name: any name, keywords included (and/or, regex:group).
inline std::string functionName(P::FunctionCallContext* ctx) { return functionName(ctx->functionName()); }

inline std::string stringValue(P::StringLiteralContext* ctx) {
  std::string text = ctx->getText();
  size_t quotes = text.rfind("\"\"\"", 0) == 0 && text.size() >= 6 ? 3 : 1;
  return text.substr(quotes, text.size() - 2 * quotes);
}

inline int64_t integer(const std::string& digits) {
  int64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// ---- units

struct Unit {
  const char* name;
  int64_t millis;
};

// Siddhi's sizes: a month is 30 days, a year 365 days.
inline Unit unit(P::TimeUnitContext* ctx) {
  constexpr int64_t day = 24LL * 60 * 60 * 1000;
  switch (ctx->getStart()->getType()) {
    case P::K_YEAR:
    case P::K_YEARS:
      return {"years", 365 * day};
    case P::K_MONTH:
    case P::K_MONTHS:
      return {"months", 30 * day};
    case P::K_WEEK:
    case P::K_WEEKS:
      return {"weeks", 7 * day};
    case P::K_DAY:
    case P::K_DAYS:
      return {"days", day};
    case P::K_HOUR:
    case P::K_HOURS:
      return {"hours", 60 * 60 * 1000};
    case P::K_MIN:
    case P::K_MINUTE:
    case P::K_MINUTES:
      return {"minutes", 60 * 1000};
    case P::K_SEC:
    case P::K_SECOND:
    case P::K_SECONDS:
      return {"seconds", 1000};
    default:
      return {"milliseconds", 1};
  }
}

}  // namespace

}  // namespace cepheus::parse
