// How source text (an expression, a token, a condition string) appears inside a message.
#pragma once

#include <string>
#include <string_view>

namespace cepheus {

// The text in quotes, as every message shows code: 'price * 2'. A lone string literal keeps
// the quotes it was written with ('abc', "abc") instead of gaining a second pair; text that
// holds a single quote (x == 'a') goes in double quotes, so no message ever shows '' around
// or inside a literal.
std::string quoteSource(std::string_view text);

}  // namespace cepheus
