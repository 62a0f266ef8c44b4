#include "parse/vocabulary.h"

#include <antlr4-runtime.h>

#include <algorithm>
#include <cctype>

#include "SiddhiQLLexer.h"

namespace cepheus::parse {

namespace {

// The token type the lexer gives `text` when it reads it as exactly one token; 0 otherwise.
size_t soleTokenType(const std::string& text) {
  antlr4::ANTLRInputStream input(text);
  grammar::SiddhiQLLexer lexer(&input);
  lexer.removeErrorListeners();
  auto tokens = lexer.getAllTokens();
  if (tokens.size() != 1 || tokens.front()->getText() != text) return 0;
  return tokens.front()->getType();
}

std::vector<std::string> readKeywords() {
  antlr4::ANTLRInputStream none("");
  grammar::SiddhiQLLexer lexer(&none);
  const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
  std::vector<std::string> words;
  for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
    std::string symbol = vocabulary.getSymbolicName(type);
    if (symbol.rfind("K_", 0) != 0) continue;
    std::string word = symbol.substr(2);
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (soleTokenType(word) == type) words.push_back(word);
  }
  std::sort(words.begin(), words.end());
  return words;
}

}  // namespace

const std::vector<std::string>& keywords() {
  static const std::vector<std::string> words = readKeywords();
  return words;
}

}  // namespace cepheus::parse
