// UTF-8 text as Java strings see it (by character, not byte), and regular expressions that
// are compiled once when constant and cached when they come from the event.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/java_regex.h"
#include "plan/functions/function_support.h"

namespace cepheus::plan::fn {

inline bool isAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// The code point at `pos` (advancing `pos`); a malformed byte reads as U+FFFD.
uint32_t decodeUtf8(std::string_view s, size_t& pos);
void appendUtf8(std::string& out, uint32_t codePoint);
size_t charCount(std::string_view s);
// The byte range of characters [from, to) or false when out of range.
bool charRange(std::string_view s, size_t from, size_t to, size_t& byteFrom, size_t& byteTo);
bool isValidUtf8(std::string_view s);

// Java's Character.toLowerCase / toUpperCase of one code point (Unicode simple case mapping).
uint32_t lowerCase(uint32_t c);
uint32_t upperCase(uint32_t c);

// A regex argument: compiled at plan time when constant (the analyzer has checked it), else
// compiled when the event's pattern differs from the previous event's.
class RegexSource {
 public:
  explicit RegexSource(const TypedExpr& arg);
  const JavaRegex& get(const Call& call, const Value& pattern) const;
  const JavaRegex* constant() const { return constant_.get(); }  // null for a pattern per event

 private:
  std::unique_ptr<JavaRegex> constant_;
  mutable std::string lastPattern_;
  mutable std::unique_ptr<JavaRegex> last_;
};

}  // namespace cepheus::plan::fn
