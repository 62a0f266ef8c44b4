#include "common/java_regex.h"

#include <re2/re2.h>

#include <map>

namespace cepheus {

namespace {

constexpr const char* kWhyRe2 =
    " are not supported: Cepheus matches with RE2, which runs in time linear in the input and "
    "so cannot express them";

bool isUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The byte after the character starting at `pos` (one past the end at the end).
size_t nextChar(std::string_view text, size_t pos) {
  if (pos >= text.size()) return pos + 1;
  ++pos;
  while (pos < text.size() && isUtf8Continuation(text[pos])) ++pos;
  return pos;
}

// Java's POSIX and java.lang.Character classes that RE2 spells differently.
const char* posixClass(std::string_view javaName) {
  static const std::map<std::string_view, const char*> names = {
      {"Lower", "lower"}, {"Upper", "upper"}, {"ASCII", "ascii"},  {"Alpha", "alpha"},
      {"Digit", "digit"}, {"Alnum", "alnum"}, {"Punct", "punct"},  {"Graph", "graph"},
      {"Print", "print"}, {"Blank", "blank"}, {"Cntrl", "cntrl"},  {"XDigit", "xdigit"},
      {"Space", "space"},
  };
  auto it = names.find(javaName);
  return it == names.end() ? nullptr : it->second;
}

// Java pattern -> RE2 pattern: rewrites the spellings that differ ((?<name>...), \p{Alpha}) and
// rejects what RE2 cannot do, naming the construct.
bool translate(std::string_view p, std::string& out, std::string& error) {
  bool inClass = false;
  size_t classStart = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    char next = i + 1 < p.size() ? p[i + 1] : '\0';
    if (c == '\\') {
      if (next == 'Q') {  // \Q...\E quotes literally, RE2 knows it too
        size_t end = p.find("\\E", i + 2);
        size_t stop = end == std::string_view::npos ? p.size() : end + 2;
        out.append(p.substr(i, stop - i));
        i = stop - 1;
        continue;
      }
      if (!inClass && next >= '1' && next <= '9') {
        error = std::string("back-references (\\") + next + ")" + kWhyRe2;
        return false;
      }
      if (next == 'k' && i + 2 < p.size() && p[i + 2] == '<') {
        error = std::string("named back-references (\\k<name>)") + kWhyRe2;
        return false;
      }
      if ((next == 'p' || next == 'P') && i + 2 < p.size() && p[i + 2] == '{') {
        size_t close = p.find('}', i + 3);
        if (close != std::string_view::npos) {
          std::string_view name = p.substr(i + 3, close - i - 3);
          if (name.substr(0, 2) == "Is") name.remove_prefix(2);
          if (const char* posix = posixClass(name)) {
            std::string cls = std::string("[:") + (next == 'P' ? "^" : "") + posix + ":]";
            out += inClass ? cls : "[" + cls + "]";
            i = close;
            continue;
          }
        }
      }
      out += c;
      if (i + 1 < p.size()) out += p[++i];
      continue;
    }
    if (inClass) {
      if (c == '&' && next == '&') {
        error = std::string("character class intersections (&&)") + kWhyRe2;
        return false;
      }
      if (c == '[' && next != ':') {
        error = std::string("nested character classes ([a[b]])") + kWhyRe2;
        return false;
      }
      if (c == ']' && i > classStart) inClass = false;
      out += c;
      continue;
    }
    if (c == '[') {
      inClass = true;
      out += c;
      classStart = i + 1;
      if (next == '^') {
        out += p[++i];
        classStart = i + 1;
      }
      if (classStart < p.size() && p[classStart] == ']') {  // a leading ] is a literal
        out += p[classStart];
        i = classStart;
        classStart = i + 1;
      }
      continue;
    }
    if (c == '(' && next == '?') {
      std::string_view rest = p.substr(i + 2);
      if (rest.substr(0, 1) == "=" || rest.substr(0, 1) == "!") {
        error = std::string("look-ahead groups ((?=...), (?!...))") + kWhyRe2;
        return false;
      }
      if (rest.substr(0, 2) == "<=" || rest.substr(0, 2) == "<!") {
        error = std::string("look-behind groups ((?<=...), (?<!...))") + kWhyRe2;
        return false;
      }
      if (rest.substr(0, 1) == ">") {
        error = std::string("atomic groups ((?>...))") + kWhyRe2;
        return false;
      }
      if (rest.substr(0, 1) == "<") {  // Java's (?<name>...) is RE2's (?P<name>...)
        out += "(?P<";
        i += 2;
        continue;
      }
    }
    if ((c == '*' || c == '+' || c == '?' || c == '}') && next == '+') {
      error = std::string("possessive quantifiers (*+, ++, ?+)") + kWhyRe2;
      return false;
    }
    out += c;
  }
  return true;
}

}  // namespace

size_t byteOffsetOfChar(std::string_view text, size_t index) {
  size_t pos = 0;
  for (size_t n = 0; n < index; ++n) {
    if (pos >= text.size()) return std::string_view::npos;
    pos = nextChar(text, pos);
  }
  return pos;
}

std::unique_ptr<JavaRegex> JavaRegex::compile(std::string_view pattern, std::string& error) {
  std::string translated;
  std::string why;
  if (!translate(pattern, translated, why)) {
    error = "pattern '" + std::string(pattern) + "' cannot be used: " + why;
    return nullptr;
  }
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(translated, options);
  if (!re->ok()) {
    error = "pattern '" + std::string(pattern) + "' is not a valid regular expression: " + re->error();
    return nullptr;
  }
  std::unique_ptr<JavaRegex> regex(new JavaRegex());
  regex->pattern_ = std::string(pattern);
  regex->re_ = std::move(re);
  return regex;
}

JavaRegex::~JavaRegex() = default;

int JavaRegex::groupCount() const { return re_->NumberOfCapturingGroups(); }

bool JavaRegex::matches(std::string_view text) const {
  return re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::ANCHOR_BOTH, nullptr, 0);
}

bool JavaRegex::lookingAt(std::string_view text) const {
  return re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::ANCHOR_START, nullptr, 0);
}

bool JavaRegex::find(std::string_view text, size_t from) const {
  if (from > text.size()) return false;
  return re_->Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED, nullptr, 0);
}

bool JavaRegex::findGroup(std::string_view text, int group, std::string_view& out) const {
  if (group < 0 || group > groupCount()) return false;
  re2::StringPiece groups[16];
  std::vector<re2::StringPiece> many;
  re2::StringPiece* slots = groups;
  if (group >= 16) {
    many.resize(group + 1);
    slots = many.data();
  }
  if (!re_->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, slots, group + 1))
    return false;
  if (slots[group].data() == nullptr) return false;  // the group did not take part
  out = std::string_view(slots[group].data(), slots[group].size());
  return true;
}

// Java's Matcher.find() loop: after a match, the next search starts where it ended, or one
// character further when it was empty.
namespace {
template <class OnMatch>
void forEachMatch(const RE2& re, std::string_view text, re2::StringPiece* groups, int nGroups, OnMatch onMatch) {
  re2::StringPiece whole(text.data(), text.size());
  size_t from = 0;
  while (from <= text.size() &&
         re.Match(whole, from, text.size(), RE2::UNANCHORED, groups, nGroups)) {
    size_t start = static_cast<size_t>(groups[0].data() - text.data());
    size_t end = start + groups[0].size();
    if (!onMatch(start, end)) return;
    from = end == start ? nextChar(text, end) : end;
  }
}
}  // namespace

void JavaRegex::split(std::string_view text, std::vector<std::string_view>& out) const {
  out.clear();
  size_t index = 0;
  bool matched = false;
  re2::StringPiece match;
  forEachMatch(*re_, text, &match, 1, [&](size_t start, size_t end) {
    if (start == 0 && end == 0) return true;  // no empty leading piece for a zero-width match
    matched = true;
    out.push_back(text.substr(index, start - index));
    index = end;
    return true;
  });
  if (!matched) {
    out.push_back(text);
    return;
  }
  out.push_back(text.substr(index));
  while (!out.empty() && out.back().empty()) out.pop_back();
}

namespace {

// Walks a Java replacement string; calls literal(text) and group(n) for its pieces.
template <class Literal, class Group>
bool walkReplacement(std::string_view r, int groupCount, const std::map<std::string, int>& named,
                     std::string& error, Literal literal, Group group) {
  for (size_t i = 0; i < r.size(); ++i) {
    char c = r[i];
    if (c == '\\') {
      if (i + 1 >= r.size()) {
        error = "character to be escaped is missing at the end of replacement '" + std::string(r) + "'";
        return false;
      }
      literal(r.substr(++i, 1));
    } else if (c == '$') {
      if (i + 1 >= r.size()) {
        error = "illegal group reference: '$' at the end of replacement '" + std::string(r) + "'";
        return false;
      }
      if (r[i + 1] == '{') {
        size_t close = r.find('}', i + 2);
        if (close == std::string_view::npos) {
          error = "named group reference is missing '}' in replacement '" + std::string(r) + "'";
          return false;
        }
        std::string name(r.substr(i + 2, close - i - 2));
        auto it = named.find(name);
        if (it == named.end()) {
          error = "no group named '" + name + "' for replacement '" + std::string(r) + "'";
          return false;
        }
        group(it->second);
        i = close;
      } else {
        if (r[i + 1] < '0' || r[i + 1] > '9') {
          error = "illegal group reference in replacement '" + std::string(r) + "'";
          return false;
        }
        int number = r[++i] - '0';
        // As Java: more digits extend the number while it stays a valid group.
        while (i + 1 < r.size() && r[i + 1] >= '0' && r[i + 1] <= '9' &&
               number * 10 + (r[i + 1] - '0') <= groupCount)
          number = number * 10 + (r[++i] - '0');
        if (number > groupCount) {
          error = "no group " + std::to_string(number) + " in pattern for replacement '" + std::string(r) + "'";
          return false;
        }
        group(number);
      }
    } else {
      size_t end = r.find_first_of("\\$", i);
      if (end == std::string_view::npos) end = r.size();
      literal(r.substr(i, end - i));
      i = end - 1;
    }
  }
  return true;
}

std::map<std::string, int> namedGroups(const RE2& re) {
  std::map<std::string, int> out;
  for (const auto& [name, index] : re.NamedCapturingGroups()) out[name] = index;
  return out;
}

}  // namespace

bool JavaRegex::checkReplacement(std::string_view replacement, std::string& error) const {
  return walkReplacement(replacement, groupCount(), namedGroups(*re_), error, [](std::string_view) {},
                         [](int) {});
}

void JavaRegex::replace(std::string_view text, std::string_view replacement, bool all, std::string& out) const {
  int nGroups = groupCount() + 1;
  std::vector<re2::StringPiece> groups(nGroups);
  std::map<std::string, int> named;
  bool hasNames = replacement.find("${") != std::string_view::npos;
  if (hasNames) named = namedGroups(*re_);
  size_t copied = 0;
  std::string ignored;
  forEachMatch(*re_, text, groups.data(), nGroups, [&](size_t start, size_t end) {
    out.append(text.substr(copied, start - copied));
    walkReplacement(
        replacement, nGroups - 1, named, ignored, [&](std::string_view piece) { out.append(piece); },
        [&](int g) {
          if (groups[g].data()) out.append(groups[g].data(), groups[g].size());
        });
    copied = end;
    return all;
  });
  out.append(text.substr(copied));
}

}  // namespace cepheus
