#include "parse/syntax_checks.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "common/message_text.h"

namespace cepheus::parse {

namespace {

using P = grammar::SiddhiQLParser;

void report(ErrorCollector& errors, antlr4::Token* at, std::string message) {
  errors.add(static_cast<int>(at->getLine()), static_cast<int>(at->getCharPositionInLine()) + 1,
             std::move(message));
}

// Whether the parser reported an error inside `tree`; checks skip such parts, since what they
// would find is a consequence of that error.
bool hasError(antlr4::tree::ParseTree* tree) {
  if (dynamic_cast<antlr4::tree::ErrorNode*>(tree) != nullptr) return true;
  auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(tree);
  if (rule != nullptr && rule->exception != nullptr) return true;
  for (antlr4::tree::ParseTree* child : tree->children) {
    if (hasError(child)) return true;
  }
  return false;
}

void checkElementOrder(P::SiddhiAppContext* app, ErrorCollector& errors) {
  bool executionSeen = false;
  for (P::ElementContext* element : app->element()) {
    if (element->definition() != nullptr && executionSeen) {
      report(errors, element->definition()->getStart(),
             "definitions must come before all queries and partitions");
    }
    if (element->query() != nullptr || element->partition() != nullptr) executionSeen = true;
  }
}

// Separators, quantifiers, `every` and windows of the states of a pattern or sequence.
struct ChainShape {
  std::vector<antlr4::Token*> arrows, commas;
  std::vector<P::StateCountContext*> quantifiers;  // + * ?
  std::vector<antlr4::Token*> everys;              // every `every` after the first state
  std::vector<P::WindowHandlerContext*> windows;
};

void collectShape(antlr4::tree::ParseTree* tree, ChainShape& shape, bool first) {
  if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(tree)) {
    antlr4::Token* token = terminal->getSymbol();
    bool inChain = dynamic_cast<P::ChainTailContext*>(terminal->parent) != nullptr ||
                   dynamic_cast<P::StateChainContext*>(terminal->parent) != nullptr;
    if (inChain && token->getType() == P::ARROW) shape.arrows.push_back(token);
    if (inChain && token->getType() == P::COMMA) shape.commas.push_back(token);
    // The keyword, not a stream or attribute named `every`.
    bool everyKeyword = dynamic_cast<P::StateElementContext*>(terminal->parent) != nullptr;
    if (!first && everyKeyword && token->getType() == P::K_EVERY) shape.everys.push_back(token);
    return;
  }
  if (auto* count = dynamic_cast<P::StateCountContext*>(tree)) {
    if (count->LT() == nullptr) shape.quantifiers.push_back(count);
  } else if (auto* window = dynamic_cast<P::WindowHandlerContext*>(tree)) {
    shape.windows.push_back(window);
  }
  for (antlr4::tree::ParseTree* child : tree->children) collectShape(child, shape, first);
}

void checkQueryInput(P::QueryInputContext* ctx, ErrorCollector& errors) {
  P::StateElementContext* first = ctx->stateElement();
  if (first == nullptr || hasError(ctx)) return;
  bool plain = plainState(first) != nullptr;
  if (ctx->joinTail() != nullptr) {
    if (!plain) report(errors, first->getStart(), "a join side must be a stream, not a pattern");
    return;
  }
  if (plain && ctx->chainTail() == nullptr) return;  // a plain stream

  ChainShape shape;
  collectShape(first, shape, true);
  if (ctx->chainTail() != nullptr) {
    for (antlr4::tree::ParseTree* child : ctx->chainTail()->children)
      collectShape(child, shape, false);
  }
  if (!shape.arrows.empty() && !shape.commas.empty()) {
    antlr4::Token* later =
        shape.arrows.front()->getTokenIndex() < shape.commas.front()->getTokenIndex()
            ? shape.commas.front()
            : shape.arrows.front();
    report(errors, later, "'->' (pattern) and ',' (sequence) cannot be mixed in one input");
  }
  bool sequence = !shape.commas.empty();
  if (!sequence) {
    for (P::StateCountContext* q : shape.quantifiers) {
      report(errors, q->getStart(),
             "'" + q->getText() +
                 "' is allowed only in sequences; in a pattern use a count "
                 "such as <1:> or <0:1>");
    }
  } else {
    for (antlr4::Token* every : shape.everys) {
      report(errors, every, "'every' can only start a sequence");
    }
  }
  for (P::WindowHandlerContext* window : shape.windows) {
    report(errors, window->getStart(), "a pattern or sequence state cannot have a window");
  }
}

void checkOutputAttribute(P::OutputAttributeContext* ctx, ErrorCollector& errors) {
  P::ExpressionContext* expr = ctx->expression();
  if (ctx->K_AS() != nullptr || expr == nullptr || hasError(ctx)) return;
  if (dynamic_cast<P::AttributeExprContext*>(expr) != nullptr) return;
  report(errors, expr->getStart(),
         "a computed select item needs a name: add 'as <name>' after " + quoteSource(sourceText(expr)));
}

// Larger for longer units; units of one size share a rank (`min`, `minute`, `minutes`).
int unitRank(size_t type) {
  switch (type) {
    case P::K_YEAR:
    case P::K_YEARS:
      return 7;
    case P::K_MONTH:
    case P::K_MONTHS:
      return 6;
    case P::K_WEEK:
    case P::K_WEEKS:
      return 5;
    case P::K_DAY:
    case P::K_DAYS:
      return 4;
    case P::K_HOUR:
    case P::K_HOURS:
      return 3;
    case P::K_MIN:
    case P::K_MINUTE:
    case P::K_MINUTES:
      return 2;
    case P::K_SEC:
    case P::K_SECOND:
    case P::K_SECONDS:
      return 1;
    default:
      return 0;  // milliseconds
  }
}

void checkTimeValue(P::TimeValueContext* ctx, ErrorCollector& errors) {
  int previous = std::numeric_limits<int>::max();
  for (P::TimePartContext* part : ctx->timePart()) {
    if (part->timeUnit() == nullptr) continue;
    int rank = unitRank(part->timeUnit()->getStart()->getType());
    if (rank >= previous) {
      report(errors, part->getStart(),
             "time units must go from the largest to the smallest, each at most once "
             "(e.g. '1 hour 30 min')");
      return;
    }
    previous = rank;
  }
}

// The magnitude of an integer literal (without its L suffix); false when it overflows.
bool magnitude(const std::string& digits, uint64_t& value) {
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size();
}

void checkInteger(antlr4::tree::TerminalNode* node, ErrorCollector& errors) {
  antlr4::Token* token = node->getSymbol();
  bool isLong = token->getType() == P::LONG_LITERAL;
  std::string digits = token->getText();
  if (isLong) digits.pop_back();
  auto* signedNumber = dynamic_cast<P::SignedNumberContext*>(node->parent);
  bool negative = signedNumber != nullptr && signedNumber->MINUS() != nullptr;
  bool inTime = dynamic_cast<P::TimePartContext*>(node->parent) != nullptr;

  uint64_t limit = isLong || inTime ? uint64_t{std::numeric_limits<int64_t>::max()}
                                    : uint64_t{std::numeric_limits<int32_t>::max()};
  if (negative) limit += 1;  // -2147483648 and -9223372036854775808 fit
  uint64_t value = 0;
  if (magnitude(digits, value) && value <= limit) return;
  std::string what = isLong || inTime ? "long" : "int";
  std::string hint = isLong || inTime ? "" : ": add 'L' to make it a long";
  report(errors, token, "number " + token->getText() + " is out of range for " + what + hint);
}

void walk(antlr4::tree::ParseTree* tree, ErrorCollector& errors) {
  if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(tree)) {
    size_t type = terminal->getSymbol()->getType();
    bool error = dynamic_cast<antlr4::tree::ErrorNode*>(tree) != nullptr;
    if (!error && (type == P::INT_LITERAL || type == P::LONG_LITERAL)) {
      checkInteger(terminal, errors);
    }
    return;
  }
  if (auto* app = dynamic_cast<P::SiddhiAppContext*>(tree)) {
    checkElementOrder(app, errors);
  } else if (auto* input = dynamic_cast<P::QueryInputContext*>(tree)) {
    checkQueryInput(input, errors);
  } else if (auto* item = dynamic_cast<P::OutputAttributeContext*>(tree)) {
    checkOutputAttribute(item, errors);
  } else if (auto* time = dynamic_cast<P::TimeValueContext*>(tree)) {
    checkTimeValue(time, errors);
  }
  for (antlr4::tree::ParseTree* child : tree->children) walk(child, errors);
}

}  // namespace

void checkSyntax(antlr4::tree::ParseTree* tree, ErrorCollector& errors) { walk(tree, errors); }

std::string sourceText(antlr4::ParserRuleContext* ctx) {
  antlr4::Token* start = ctx->getStart();
  antlr4::Token* stop = ctx->getStop();
  if (stop == nullptr || stop->getStopIndex() < start->getStartIndex()) return "";
  return start->getInputStream()->getText(
      antlr4::misc::Interval(start->getStartIndex(), stop->getStopIndex()));
}

P::PresentStateContext* plainState(P::StateElementContext* element) {
  auto* source = dynamic_cast<P::SourceElementContext*>(element);
  if (source == nullptr || source->K_EVERY() != nullptr || source->stateOperand().size() != 1) {
    return nullptr;
  }
  auto* state = dynamic_cast<P::PresentStateContext*>(source->stateOperand(0));
  if (state == nullptr || state->ASSIGN() != nullptr || state->stateCount() != nullptr)
    return nullptr;
  return state;
}

}  // namespace cepheus::parse
