#include "cli/shell/statement_text.h"

#include <cctype>

namespace cepheus::cli::shell {

namespace {

// Walks SiddhiQL text and tells, for each byte, whether it is code (outside strings and
// comments). `code` is called for code bytes, `comment` for the bytes of comments.
template <typename Code, typename Comment>
void scan(const std::string& text, Code code, Comment comment) {
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (text.compare(i, 3, "\"\"\"") == 0) {
      size_t end = text.find("\"\"\"", i + 3);
      end = end == std::string::npos ? text.size() : end + 3;
      for (; i < end; ++i) code(i, false);
    } else if (c == '\'' || c == '"' || c == '`') {
      size_t end = text.find_first_of(std::string(1, c) + "\n", i + 1);
      end = end == std::string::npos ? text.size() : end + (text[end] == c ? 1 : 0);
      for (; i < end; ++i) code(i, false);
    } else if (text.compare(i, 2, "--") == 0) {
      size_t end = text.find('\n', i);
      end = end == std::string::npos ? text.size() : end;
      for (; i < end; ++i) comment(i);
    } else if (text.compare(i, 2, "/*") == 0) {
      size_t end = text.find("*/", i + 2);
      end = end == std::string::npos ? text.size() : end + 2;
      for (; i < end; ++i) comment(i);
    } else {
      code(i, true);
      ++i;
    }
  }
}

}  // namespace

std::string trim(const std::string& text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(start, end - start + 1);
}

std::pair<std::string, std::string> splitWord(const std::string& text) {
  std::string all = trim(text);
  size_t space = all.find_first_of(" \t");
  if (space == std::string::npos) return {all, ""};
  return {all.substr(0, space), trim(all.substr(space))};
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::vector<std::string> takeStatements(std::string& buffer) {
  std::vector<size_t> ends;
  scan(
      buffer,
      [&](size_t i, bool plain) {
        if (plain && buffer[i] == ';') ends.push_back(i);
      },
      [](size_t) {});
  std::vector<std::string> statements;
  size_t start = 0;
  for (size_t end : ends) {
    std::string statement = trim(buffer.substr(start, end - start));
    if (!statement.empty()) statements.push_back(statement);
    start = end + 1;
  }
  buffer.erase(0, start);
  return statements;
}

std::string oneLine(const std::string& statement) {
  std::string code = statement;
  scan(
      statement, [](size_t, bool) {}, [&](size_t i) { code[i] = ' '; });
  std::string joined;
  size_t start = 0;
  while (start <= code.size()) {
    size_t end = code.find('\n', start);
    if (end == std::string::npos) end = code.size();
    std::string line = trim(code.substr(start, end - start));
    if (!line.empty()) joined += (joined.empty() ? "" : " ") + line;
    start = end + 1;
  }
  return joined;
}

}  // namespace cepheus::cli::shell
