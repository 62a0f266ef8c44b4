// parse::keywords(): the lexer's own keyword list, for the shell's completion.
#include <gtest/gtest.h>

#include <algorithm>

#include "parse/vocabulary.h"

namespace cepheus::parse {
namespace {

TEST(Vocabulary, HasTheKeywordsOfTheLanguageInLowerCaseSorted) {
  const std::vector<std::string>& words = keywords();
  for (const char* word : {"from", "select", "insert", "into", "define", "stream", "table", "window", "every",
                           "within", "unidirectional", "partition", "having", "offset", "years"}) {
    EXPECT_TRUE(std::binary_search(words.begin(), words.end(), word)) << word;
  }
  EXPECT_TRUE(std::is_sorted(words.begin(), words.end()));
  for (const std::string& word : words) {
    EXPECT_FALSE(word.empty());
    EXPECT_TRUE(std::none_of(word.begin(), word.end(), [](unsigned char c) { return std::isupper(c) || c == '_'; }))
        << word;
  }
  // Token names that are not keywords (identifiers, literals) are not in it.
  for (const char* other : {"id", "string_literal", "int_literal", "quoted_id"})
    EXPECT_FALSE(std::binary_search(words.begin(), words.end(), other)) << other;
}

}  // namespace
}  // namespace cepheus::parse
