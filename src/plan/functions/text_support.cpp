#include "plan/functions/text_support.h"

#include <clocale>
#include <cwctype>

namespace cepheus::plan::fn {

uint32_t decodeUtf8(std::string_view s, size_t& pos) {
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (length == 0 || pos + length > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  uint32_t cp = c & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    unsigned char next = static_cast<unsigned char>(s[pos + i]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  pos += length;
  return cp;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t charCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool charRange(std::string_view s, size_t from, size_t to, size_t& byteFrom, size_t& byteTo) {
  if (from > to) return false;
  if (isAscii(s)) {
    if (to > s.size()) return false;
    byteFrom = from;
    byteTo = to;
    return true;
  }
  byteFrom = byteOffsetOfChar(s, from);
  if (byteFrom == std::string_view::npos) return false;
  size_t rest = byteOffsetOfChar(s.substr(byteFrom), to - from);
  if (rest == std::string_view::npos) return false;
  byteTo = byteFrom + rest;
  return true;
}

bool isValidUtf8(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    size_t before = pos;
    unsigned char c = static_cast<unsigned char>(s[pos]);
    if (decodeUtf8(s, pos) == 0xFFFD && !(c == 0xEF && pos - before == 3)) return false;
  }
  return true;
}

namespace {

// glibc's C.UTF-8 locale has the Unicode case tables; the plain C locale maps ASCII only.
locale_t utf8Locale() {
  static locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

}  // namespace

uint32_t lowerCase(uint32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  locale_t l = utf8Locale();
  return l ? static_cast<uint32_t>(towlower_l(static_cast<wint_t>(c), l)) : c;
}

uint32_t upperCase(uint32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  locale_t l = utf8Locale();
  return l ? static_cast<uint32_t>(towupper_l(static_cast<wint_t>(c), l)) : c;
}

RegexSource::RegexSource(const TypedExpr& arg) {
  if (arg.isConstant()) {
    std::string error;
    constant_ = JavaRegex::compile(arg.constant.asString(), error);
    if (!constant_) throw std::logic_error(error);  // the analyzer rejects these
  }
}

const JavaRegex& RegexSource::get(const Call& call, const Value& pattern) const {
  if (constant_) return *constant_;
  std::string_view text = pattern.asString();
  if (!last_ || text != lastPattern_) {
    std::string error;
    auto compiled = JavaRegex::compile(text, error);
    if (!compiled) call.fail(error);
    last_ = std::move(compiled);
    lastPattern_.assign(text);
  }
  return *last_;
}

}  // namespace cepheus::plan::fn
