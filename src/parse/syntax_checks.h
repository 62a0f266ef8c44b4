// Syntax rules that are checked on the parse tree rather than in the grammar, either because
// the message can then say exactly what is wrong or because the grammar is factored for
// short lookahead (see the header of SiddhiQL.g4). Private to src/parse.
#pragma once

#include <antlr4-runtime.h>

#include "SiddhiQLParser.h"
#include "parse/syntax_errors.h"

namespace cepheus::parse {

// Reports into `errors`:
// * a definition after a query or partition;
// * a computed select item (anything but a plain attribute reference) without `as <name>`;
// * a pattern or sequence state before a join; `->` and `,` mixed; `+ * ?` in a pattern;
//   `every` inside a sequence; a window on a pattern or sequence state;
// * time literals whose units do not go from the largest to the smallest (`30 min 1 hour`);
// * int literals outside 32 bits and long literals outside 64 bits.
// Works on trees with syntax errors too, so all problems are reported in one pass.
void checkSyntax(antlr4::tree::ParseTree* tree, ErrorCollector& errors);

// The source text of a rule as written (getText() drops the whitespace between tokens).
std::string sourceText(antlr4::ParserRuleContext* ctx);

// The state of `from S[...]#window...` when a query's first element is just a stream (no
// alias, `every`, count, `not` or logical operator), otherwise null.
grammar::SiddhiQLParser::PresentStateContext* plainState(
    grammar::SiddhiQLParser::StateElementContext* element);

}  // namespace cepheus::parse
