#include "cli/shell/completion.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "cli/shell/statement_text.h"

namespace cepheus::cli::shell {

namespace {

bool wordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }

bool startsWithIgnoringCase(const std::string& word, const std::string& prefix) {
  if (word.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(word[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

// Keywords and commands take the case the user started them in: SEL<TAB> gives SELECT.
std::string inCaseOf(const std::string& typed, std::string word) {
  bool upper = !typed.empty() && std::none_of(typed.begin(), typed.end(), [](unsigned char c) { return std::islower(c); }) &&
               std::any_of(typed.begin(), typed.end(), [](unsigned char c) { return std::isupper(c); });
  if (upper)
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word;
}

struct Candidates {
  std::string typed;
  std::set<std::string> words;

  void add(const std::vector<std::string>& list, bool keepCase = true, const std::string& suffix = "") {
    for (const std::string& word : list)
      if (startsWithIgnoringCase(word, typed)) words.insert((keepCase ? word : inCaseOf(typed, word)) + suffix);
  }
  Completion done(size_t start) const { return {start, {words.begin(), words.end()}}; }
};

// The words of `text` (names, keywords), in order, without strings and comments.
std::vector<std::string> wordsOf(const std::string& text) {
  std::vector<std::string> words;
  std::string flat = oneLine(text);
  std::string word;
  for (char c : flat + " ") {
    if (wordChar(c)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

std::vector<std::string> attributeNames(const Element& element) {
  std::vector<std::string> names;
  for (const auto& [name, type] : element.attributes) names.push_back(name);
  return names;
}

const std::set<std::string> kTakesAnApp = {"use", "undeploy", "metrics"};
const std::set<std::string> kTakesAStream = {"tail", "send"};
const std::set<std::string> kTakesAFile = {"deploy", "check", "spool"};
// Words after which a query names a stream, table or window.
const std::set<std::string> kBeforeAnElement = {"from", "join", "into", "update", "delete", "table", "stream"};

}  // namespace

std::vector<std::string> completePath(const std::string& typed) {
  namespace fs = std::filesystem;
  size_t slash = typed.rfind('/');
  std::string folder = slash == std::string::npos ? "" : typed.substr(0, slash + 1);
  std::string stem = slash == std::string::npos ? typed : typed.substr(slash + 1);
  std::vector<std::string> out;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder.empty() ? fs::path(".") : fs::path(folder), error)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(stem, 0) != 0 || (stem.empty() && name.front() == '.')) continue;
    out.push_back(folder + name + (entry.is_directory(error) ? "/" : ""));
  }
  std::sort(out.begin(), out.end());
  return out;
}

Completion complete(const std::string& pending, const std::string& before, const CompletionSources& sources) {
  size_t start = before.size();
  while (start > 0 && wordChar(before[start - 1])) --start;
  Candidates c{before.substr(start), {}};
  const std::string head = before.substr(0, start);
  const std::vector<std::string> previous = wordsOf(pending + "\n" + head);
  const Language& lang = language();

  // A command and its arguments (only on a fresh line: inside a statement every line is query text).
  if (pending.empty()) {
    std::string first = previous.empty() ? "" : lower(previous.front());
    if (previous.empty() && head.find_first_not_of(" \t") == std::string::npos) {
      c.add(sources.commands, false);
      c.add(lang.keywords, false);
      return c.done(start);
    }
    bool command = std::find(sources.commands.begin(), sources.commands.end(), first) != sources.commands.end();
    if (command) {
      size_t argument = previous.size();  // 1: the first argument
      if (kTakesAFile.count(first) || (first == "run" && argument == 2)) {
        size_t space = before.find_last_of(" \t");
        std::string typed = space == std::string::npos ? before : before.substr(space + 1);
        return {before.size() - typed.size(), completePath(typed)};
      }
      if (first == "run" && argument == 1) c.add({"script"}, false);
      if (first == "output" && argument == 1) c.add({"table", "json"}, false);
      if (first == "tail" && argument == 2) c.add({"limit"}, false);
      if (first == "spool" && argument == 1) c.add({"off"}, false);
      if (first == "help" && argument == 1) c.add(sources.commands, false);
      if (argument == 1 && (kTakesAnApp.count(first) || first == "describe") && sources.apps) c.add(sources.apps());
      if (argument == 1 && sources.elements) {
        if (kTakesAStream.count(first)) c.add(sources.elements->names("stream"));
        if (first == "describe") c.add(sources.elements->names());
      }
      return c.done(start);
    }
  }

  // `#window.` lists the windows; `Name.` the attributes of the stream, table or window Name.
  if (head.size() >= 1 && head.back() == '.') {
    size_t nameEnd = head.size() - 1;
    size_t nameStart = nameEnd;
    while (nameStart > 0 && wordChar(head[nameStart - 1])) --nameStart;
    std::string name = head.substr(nameStart, nameEnd - nameStart);
    if (name == "window" && nameStart > 0 && head[nameStart - 1] == '#') {
      c.add(lang.windows, true, "(");
    } else if (sources.elements) {
      const Element* element = sources.elements->find(name);
      // `from Stock as s ... s.`: an alias stands for the element written before it.
      for (size_t i = 0; !element && i + 2 < previous.size(); ++i)
        if (lower(previous[i + 1]) == "as" && previous[i + 2] == name) element = sources.elements->find(previous[i]);
      if (element) c.add(attributeNames(*element));
    }
    return c.done(start);
  }
  if (!head.empty() && head.back() == '#') {
    c.add({"window."});
    return c.done(start);
  }

  // Query text.
  std::string last = previous.empty() ? "" : lower(previous.back());
  if (sources.elements && kBeforeAnElement.count(last)) {
    c.add(sources.elements->names());
    return c.done(start);
  }
  c.add(lang.keywords, false);
  c.add(lang.functions, true, "(");
  if (sources.elements) {
    c.add(sources.elements->names());
    // Attributes of every element the statement names: what a select list, a condition or a
    // group by can use.
    for (const std::string& word : previous)
      if (const Element* element = sources.elements->find(word)) c.add(attributeNames(*element));
  }
  return c.done(start);
}

}  // namespace cepheus::cli::shell
