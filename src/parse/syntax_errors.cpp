#include "parse/syntax_errors.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "SiddhiQLParser.h"
#include "common/message_text.h"

namespace cepheus::parse {

namespace {

using antlr4::Token;
using antlr4::misc::IntervalSet;
using P = grammar::SiddhiQLParser;

bool isBadToken(size_t type) {
  return type == P::UNTERMINATED_STRING || type == P::UNTERMINATED_COMMENT;
}

// Token sets that read better as one phrase than as a list of tokens.
struct TokenGroup {
  IntervalSet tokens;
  std::string description;
};

IntervalSet setOf(std::initializer_list<size_t> types) {
  IntervalSet set;
  for (size_t type : types) set.add(static_cast<ssize_t>(type));
  return set;
}

// The tokens that can start a rule.
IntervalSet firstOf(antlr4::Parser* parser, size_t rule) {
  const antlr4::atn::ATN& atn = parser->getATN();
  return atn.nextTokens(atn.ruleToStartState[rule]);
}

bool isName(antlr4::Parser* parser, size_t type) {
  static const IntervalSet names = firstOf(parser, P::RuleName);
  return names.contains(type);
}

const std::vector<TokenGroup>& tokenGroups(antlr4::Parser* parser) {
  static const std::vector<TokenGroup> groups = [parser] {
    IntervalSet operators =
        setOf({P::STAR, P::SLASH, P::PERCENT, P::PLUS, P::MINUS, P::LT, P::LE, P::GT, P::GE, P::EQ,
               P::NE, P::K_AND, P::K_OR, P::K_IN, P::K_IS});
    IntervalSet numbers =
        setOf({P::INT_LITERAL, P::LONG_LITERAL, P::DOUBLE_LITERAL, P::FLOAT_LITERAL});
    // Earlier groups win: an expression's first tokens include every name.
    return std::vector<TokenGroup>{
        {firstOf(parser, P::RuleExpression), "an expression"},
        // Every name but `app`, which is then dropped separately (see describeExpected).
        {firstOf(parser, P::RuleAnnotationName), "a name"},
        {operators, "an operator"},
        {firstOf(parser, P::RuleAttributeType), "a type"},
        {firstOf(parser, P::RuleTimeUnit), "a time unit"},
        {numbers, "a number"},
    };
  }();
  return groups;
}

std::string tokenDescription(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  switch (type) {
    case Token::EOF:
      return "end of input";
    case P::ID:
    case P::QUOTED_ID:
      return "a name";
    case P::STRING_LITERAL:
      return "a string";
    case P::INT_LITERAL:
    case P::LONG_LITERAL:
    case P::DOUBLE_LITERAL:
    case P::FLOAT_LITERAL:
      return "a number";
    case P::FUNCTION_BODY:
      return "a function body '{ ... }'";
    default:
      break;
  }
  std::string literal = vocabulary.getLiteralName(type);
  if (!literal.empty()) return literal;
  std::string symbol = vocabulary.getSymbolicName(type);
  if (symbol.rfind("K_", 0) == 0) {
    std::string word = symbol.substr(2);
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return "'" + word + "'";
  }
  return symbol;
}

std::string describeExpected(antlr4::Parser* parser, IntervalSet expected) {
  std::vector<std::string> groupNames;
  for (const TokenGroup& group : tokenGroups(parser)) {
    if (!group.tokens.isEmpty() && group.tokens.subtract(expected).isEmpty()) {
      expected = expected.subtract(group.tokens);
      groupNames.push_back(group.description);
    }
  }
  if (std::find(groupNames.begin(), groupNames.end(), "a name") != groupNames.end()) {
    expected.remove(static_cast<ssize_t>(P::K_APP));
  }
  std::vector<std::string> names;
  for (size_t type : expected.toList()) {
    std::string name = tokenDescription(parser->getVocabulary(), type);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  names.insert(names.end(), groupNames.begin(), groupNames.end());
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += names[i];
  }
  return text;
}

std::string describeFound(Token* token) {
  if (token->getType() == Token::EOF) return "end of input";
  std::string text = token->getText();
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return quoteSource(text);
}

// A specific explanation for a mistake that ANTLR's generic message would obscure, or "".
std::string explain(antlr4::Parser* parser, Token* token) {
  size_t index = token->getTokenIndex();
  antlr4::Token* previous = index > 0 ? parser->getTokenStream()->get(index - 1) : nullptr;
  size_t before = previous != nullptr ? previous->getType() : size_t{P::SEMICOLON};
  switch (token->getType()) {
    case P::K_APP:
      if (before == P::AT_SIGN)
        return "app annotations (@app:...) must come first, before all definitions";
      break;
    case P::K_SELECT:
    case P::K_INSERT:
      if (before == P::SEMICOLON || before == P::K_BEGIN) return "a query must start with 'from'";
      break;
    default:
      break;
  }
  // `-price`: a sign belongs to numeric literals only, so the error shows up right after it.
  if ((before == P::MINUS || before == P::PLUS) &&
      (isName(parser, token->getType()) || token->getType() == P::LPAREN)) {
    return "a sign is allowed only before a number: write '0 - " + token->getText() +
           "' instead of '-" + token->getText() + "'";
  }
  return "";
}

std::string unexpected(antlr4::Parser* parser, Token* token, const IntervalSet& expected) {
  std::string special = explain(parser, token);
  if (!special.empty()) return special;
  if (token->getType() == P::ASSIGN && !expected.contains(size_t{P::ASSIGN})) {
    return "unexpected '=': compare with '=='";
  }
  std::string message = "unexpected " + describeFound(token);
  std::string wanted = describeExpected(parser, expected);
  if (!wanted.empty()) message += ": expected " + wanted;
  return message;
}

// What could have followed where a decision failed. ANTLR's own set belongs to where the
// decision started, which is wrong when it looked several tokens ahead (`define strem`): the
// states the prediction reached just before the offending token know better. Rule ends
// reached there are not followed, so the set may miss tokens that follow an enclosing rule.
// What could stand where `token` is when a keyword refused as a name there (keywordIsName in
// the grammar) ended every path. Inside rules that begin at the token (an attribute reference
// in `group by`), the outermost of them says it ("'#' or a name"); otherwise the position in
// the current rule does (`where`, the set where its decision started).
IntervalSet expectedWhereRulesBegin(antlr4::Parser* parser, Token* token, const IntervalSet& where) {
  antlr4::ParserRuleContext* ctx = parser->getContext();
  if (ctx == nullptr || ctx->getStart() != token) return where;
  while (auto* parent = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
    if (parent->getStart() != token) break;
    ctx = parent;
  }
  const antlr4::atn::ATN& atn = parser->getATN();
  if (ctx->invokingState >= atn.states.size()) return where;
  IntervalSet expected = atn.nextTokens(atn.states[ctx->invokingState]);
  expected.remove(static_cast<ssize_t>(Token::EPSILON));
  return expected;
}

// When the states reached allow nothing, see expectedWhereRulesBegin.
IntervalSet expectedAtDeadEnd(antlr4::Parser* parser, const antlr4::NoViableAltException& e) {
  antlr4::atn::ATNConfigSet* configs = e.getDeadEndConfigs();
  if (configs == nullptr) return e.getExpectedTokens();
  IntervalSet expected;
  for (const auto& config : configs->configs) {
    expected.addAll(parser->getATN().nextTokens(config->state));
  }
  expected.remove(static_cast<ssize_t>(Token::EPSILON));
  if (!expected.isEmpty()) return expected;
  return expectedWhereRulesBegin(parser, e.getOffendingToken(), e.getExpectedTokens());
}

bool isKeyword(antlr4::Parser* parser, size_t type) {
  static const IntervalSet keywords = firstOf(parser, P::RuleKeyword);
  return keywords.contains(type);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

void ErrorCollector::syntaxError(antlr4::Recognizer* recognizer, Token* offending, size_t line,
                                 size_t charPositionInLine, const std::string& msg,
                                 std::exception_ptr) {
  if (offending != nullptr && isBadToken(offending->getType())) return;
  std::string message = msg;
  constexpr std::string_view lexerPrefix = "token recognition error at: ";
  if (dynamic_cast<antlr4::Lexer*>(recognizer) != nullptr && msg.rfind(lexerPrefix, 0) == 0) {
    message = "unexpected character " + msg.substr(lexerPrefix.size());
  }
  add(static_cast<int>(line), static_cast<int>(charPositionInLine) + 1, std::move(message));
}

void ErrorCollector::add(int line, int col, std::string message) {
  errors_.push_back(Diagnostic{line, col, std::move(message)});
}

Diagnostics ErrorCollector::take() {
  auto before = [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  };
  std::stable_sort(errors_.begin(), errors_.end(), before);
  auto samePlace = [](const Diagnostic& a, const Diagnostic& b) {
    return a.line == b.line && a.col == b.col;
  };
  errors_.erase(std::unique(errors_.begin(), errors_.end(), samePlace), errors_.end());
  return std::move(errors_);
}

// ---------------------------------------------------------------------------------------------

void ErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                              const antlr4::NoViableAltException& e) {
  Token* token = e.getOffendingToken();
  parser->notifyErrorListeners(token, unexpected(parser, token, expectedAtDeadEnd(parser, e)),
                               nullptr);
}

void ErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                          const antlr4::FailedPredicateException& e) {
  // The only predicate is keywordIsName: a keyword where a name was expected.
  Token* token = e.getOffendingToken();
  IntervalSet expected = expectedWhereRulesBegin(parser, token, e.getExpectedTokens());
  parser->notifyErrorListeners(token, unexpected(parser, token, expected), nullptr);
}

Token* ErrorStrategy::singleTokenDeletion(antlr4::Parser* parser) {
  // Deleting the bad token only to read the keyword after it as a name (`S[a > ] select a`
  // taking `select` for an attribute) explains nothing and reports a second error after it.
  if (isKeyword(parser, parser->getInputStream()->LA(2))) return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
}

void ErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                        const antlr4::InputMismatchException& e) {
  Token* token = e.getOffendingToken();
  parser->notifyErrorListeners(token, unexpected(parser, token, e.getExpectedTokens()), nullptr);
}

void ErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  Token* token = parser->getCurrentToken();
  parser->notifyErrorListeners(token, unexpected(parser, token, getExpectedTokens(parser)),
                               nullptr);
}

void ErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  Token* token = parser->getCurrentToken();
  IntervalSet expected = getExpectedTokens(parser);
  std::string message = explain(parser, token);
  if (message.empty()) {
    message = "missing " + describeExpected(parser, expected) + " before " + describeFound(token);
  }
  parser->notifyErrorListeners(token, message, nullptr);
}

void reportBadTokens(antlr4::CommonTokenStream& tokens, ErrorCollector& errors) {
  for (Token* token : tokens.getTokens()) {
    int line = static_cast<int>(token->getLine());
    int col = static_cast<int>(token->getCharPositionInLine()) + 1;
    if (token->getType() == P::UNTERMINATED_STRING) {
      errors.add(line, col, "unterminated string: the closing quote is missing");
    } else if (token->getType() == P::UNTERMINATED_COMMENT) {
      errors.add(line, col, "unterminated comment: '*/' is missing");
    }
  }
}

}  // namespace cepheus::parse
