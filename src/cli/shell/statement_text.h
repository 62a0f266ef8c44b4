// Where typed SiddhiQL statements end: at a `;` that is not inside a string, a quoted name or
// a comment (the lexer's rules: '...' and "..." end at the line, """...""" spans lines, `--`
// comments run to the end of the line, /* ... */ may span lines).
#pragma once

#include <string>
#include <vector>

namespace cepheus::cli::shell {

// Takes every complete statement (without its `;`, trimmed, empty ones dropped) off the front
// of `buffer`; what follows the last `;` stays in it.
std::vector<std::string> takeStatements(std::string& buffer);

// The statement on one line, for the history: comments dropped, each line trimmed and joined
// with a space (a `--` comment would otherwise swallow the lines after it).
std::string oneLine(const std::string& statement);

// Leading and trailing white space removed.
std::string trim(const std::string& text);

// The first word (up to white space), and the rest trimmed.
std::pair<std::string, std::string> splitWord(const std::string& text);

std::string lower(std::string text);

}  // namespace cepheus::cli::shell
