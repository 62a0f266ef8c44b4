// Java regular expressions (java.util.regex, which Siddhi's str: and regex: functions use) run
// with RE2. RE2 matches in time linear in the input, which a CEP engine needs (a pattern applied
// to every event must not blow up on one crafted value), at the price of the constructs that
// need backtracking: back-references, look-around, atomic groups and possessive quantifiers.
// Patterns using them are rejected with a message that says so.
//
// Shared by the analyzer (constant patterns are checked at deploy time) and the planner.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace cepheus {

class JavaRegex {
 public:
  // The compiled pattern, or null with the reason in `error`.
  static std::unique_ptr<JavaRegex> compile(std::string_view pattern, std::string& error);
  ~JavaRegex();

  const std::string& pattern() const { return pattern_; }
  int groupCount() const;

  // Matcher.matches(): the whole text matches.
  bool matches(std::string_view text) const;
  // Matcher.lookingAt(): a prefix of the text matches.
  bool lookingAt(std::string_view text) const;
  // Matcher.find(from): a match starts at byte `from` or later.
  bool find(std::string_view text, size_t from = 0) const;
  // The first match's group `group` (0 = the whole match); false when nothing matches or the
  // group did not take part in the match.
  bool findGroup(std::string_view text, int group, std::string_view& out) const;

  // String.split(regex): the pieces between matches, without trailing empty pieces (and
  // without the empty leading piece a zero-width match at the start would give).
  void split(std::string_view text, std::vector<std::string_view>& out) const;

  // String.replaceAll / replaceFirst with a Java replacement ($1, ${name}, \x escapes), which
  // must have been checked with checkReplacement(). Appends the result to `out`.
  void replace(std::string_view text, std::string_view replacement, bool all, std::string& out) const;
  // Whether `replacement` is a valid Java replacement for this pattern; the reason otherwise.
  bool checkReplacement(std::string_view replacement, std::string& error) const;

 private:
  JavaRegex() = default;
  std::string pattern_;
  std::unique_ptr<re2::RE2> re_;
};

// The byte offset of the `index`-th character (code point) of UTF-8 `text`, or npos when the
// text is shorter. Java indexes strings by UTF-16 unit; for text in the Basic Multilingual Plane
// (virtually all text) a code point is one unit.
size_t byteOffsetOfChar(std::string_view text, size_t index);

}  // namespace cepheus
