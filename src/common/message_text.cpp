#include "common/message_text.h"

namespace cepheus {

namespace {

// '...' and "..." cannot contain their own quote (SiddhiQL strings have no escapes); """...""" cannot
// contain """. Anything else that starts and ends with quotes is several tokens ('a' == 'b').
bool isLoneStringLiteral(std::string_view text) {
  if (text.size() >= 6 && text.substr(0, 3) == "\"\"\"" && text.substr(text.size() - 3) == "\"\"\"")
    return text.substr(3, text.size() - 6).find("\"\"\"") == std::string_view::npos;
  if (text.size() < 2) return false;
  char quote = text.front();
  if ((quote != '\'' && quote != '"') || text.back() != quote) return false;
  return text.substr(1, text.size() - 2).find(quote) == std::string_view::npos;
}

}  // namespace

std::string quoteSource(std::string_view text) {
  if (text == "''") return "\"\"";  // the empty string, in its other spelling
  if (isLoneStringLiteral(text)) return std::string(text);
  // Text holding a single quote goes in double quotes ("x == 'a'"), unless it holds double
  // quotes too and no single quote at an edge, where '' could form. Empty text gets double
  // quotes as well: '' would read as an empty literal.
  bool hasSingle = text.find('\'') != std::string_view::npos;
  bool hasDouble = text.find('"') != std::string_view::npos;
  bool singleAtAnEdge = !text.empty() && (text.front() == '\'' || text.back() == '\'');
  char quote = text.empty() || singleAtAnEdge || (hasSingle && !hasDouble) ? '"' : '\'';
  std::string out;
  out.reserve(text.size() + 2);
  out += quote;
  out += text;
  out += quote;
  return out;
}

}  // namespace cepheus
