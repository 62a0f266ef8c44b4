#include "common/json_reader.h"

#include <cctype>
#include <cstdint>

namespace cepheus {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

class Reader {
 public:
  explicit Reader(std::string_view line) : in_(line) {}

  JsonValue document(int structuredLevels) {
    skipSpace();
    JsonValue value = this->value(structuredLevels);
    skipSpace();
    if (pos_ < in_.size()) fail("expected the end of the line after the value, found " + found());
    return value;
  }

 private:
  // ---- values

  JsonValue value(int structuredLevels) {
    size_t start = pos_;
    JsonValue result;
    char c = peek();
    if (c == '{' || c == '[') {
      if (structuredLevels > 0) {
        c == '{' ? structuredObject(result, structuredLevels - 1) : structuredArray(result, structuredLevels - 1);
      } else {
        result.kind = c == '{' ? JsonValue::Kind::Object : JsonValue::Kind::Array;
        compound(result.text);
      }
    } else if (c == '"') {
      result.kind = JsonValue::Kind::String;
      string(result.text);
    } else if (c == '-' || isDigit(c)) {
      result.kind = JsonValue::Kind::Number;
      number();
      result.text = std::string(in_.substr(start, pos_ - start));
    } else {
      result.kind = literal();
    }
    result.source = in_.substr(start, pos_ - start);
    return result;
  }

  void structuredObject(JsonValue& result, int structuredLevels) {
    result.kind = JsonValue::Kind::Object;
    ++pos_;  // {
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    while (true) {
      if (peek() != '"') fail("expected a member name (a string), found " + found());
      std::string key;
      string(key);
      skipSpace();
      if (peek() != ':') fail("expected ':' after the member name, found " + found());
      ++pos_;
      skipSpace();
      JsonValue member = value(structuredLevels);
      result.members.emplace_back(std::move(key), std::move(member));
      skipSpace();
      if (peek() == '}') {
        ++pos_;
        return;
      }
      if (peek() != ',') fail("expected ',' or '}' after a member, found " + found());
      ++pos_;
      skipSpace();
    }
  }

  void structuredArray(JsonValue& result, int structuredLevels) {
    result.kind = JsonValue::Kind::Array;
    ++pos_;  // [
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return;
    }
    while (true) {
      result.items.push_back(value(structuredLevels));
      skipSpace();
      if (peek() == ']') {
        ++pos_;
        return;
      }
      if (peek() != ',') fail("expected ',' or ']' after an array element, found " + found());
      ++pos_;
      skipSpace();
    }
  }

  // An array or object of any depth, appended to `out` as compact JSON. Iterative: the stack of
  // open containers is a string of their closing brackets.
  void compound(std::string& out) {
    std::string open;
    while (true) {
      // At the start of a value.
      char c = peek();
      if (c == '{' || c == '[') {
        out += c;
        open += c == '{' ? '}' : ']';
        ++pos_;
        skipSpace();
        if (peek() == open.back()) {  // empty container
          out += open.back();
          open.pop_back();
          ++pos_;
        } else {
          if (open.back() == '}') key(out);
          continue;
        }
      } else if (c == '"') {
        size_t start = pos_;
        std::string ignored;
        string(ignored);
        out += in_.substr(start, pos_ - start);  // already valid JSON text: copied as written
      } else if (c == '-' || isDigit(c)) {
        size_t start = pos_;
        number();
        out += in_.substr(start, pos_ - start);
      } else {
        switch (literal()) {
          case JsonValue::Kind::True: out += "true"; break;
          case JsonValue::Kind::False: out += "false"; break;
          default: out += "null"; break;
        }
      }
      // After a value: close containers or move to the next element.
      while (true) {
        if (open.empty()) return;
        skipSpace();
        char close = open.back();
        if (peek() == close) {
          out += close;
          open.pop_back();
          ++pos_;
          continue;
        }
        if (peek() != ',') {
          fail(std::string("expected ',' or '") + close + "' after " +
               (close == '}' ? "a member" : "an array element") + ", found " + found());
        }
        out += ',';
        ++pos_;
        skipSpace();
        if (close == '}') key(out);
        break;
      }
    }
  }

  // `"name":` inside a compound, then the position of its value.
  void key(std::string& out) {
    if (peek() != '"') fail("expected a member name (a string), found " + found());
    size_t start = pos_;
    std::string ignored;
    string(ignored);
    out += in_.substr(start, pos_ - start);
    skipSpace();
    if (peek() != ':') fail("expected ':' after the member name, found " + found());
    out += ':';
    ++pos_;
    skipSpace();
  }

  JsonValue::Kind literal() {
    for (auto [word, kind] : {std::pair{std::string_view("true"), JsonValue::Kind::True},
                              std::pair{std::string_view("false"), JsonValue::Kind::False},
                              std::pair{std::string_view("null"), JsonValue::Kind::Null}}) {
      if (in_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return kind;
      }
    }
    fail("expected a value, found " + found());
  }

  // ---- numbers: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?

  void number() {
    size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (isDigit(peek())) fail("invalid number '" + numberText(start) + "': no leading zeros", start);
    } else if (isDigit(peek())) {
      while (isDigit(peek())) ++pos_;
    } else {
      fail("invalid number '" + numberText(start) + "': a digit must follow '-'", start);
    }
    if (peek() == '.') {
      ++pos_;
      if (!isDigit(peek())) fail("invalid number '" + numberText(start) + "': a digit must follow '.'", start);
      while (isDigit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!isDigit(peek())) fail("invalid number '" + numberText(start) + "': the exponent needs digits", start);
      while (isDigit(peek())) ++pos_;
    }
  }

  // The malformed number for a message: what was read plus the rest of the word.
  std::string numberText(size_t start) const {
    size_t end = pos_;
    while (end < in_.size() && (isDigit(in_[end]) || in_[end] == '.' || in_[end] == 'e' ||
                                in_[end] == 'E' || in_[end] == '+' || in_[end] == '-'))
      ++end;
    return cut(in_.substr(start, end - start));
  }

  // ---- strings

  // A string starting at the opening quote, decoded into `out`.
  void string(std::string& out) {
    size_t start = pos_;
    ++pos_;  // "
    while (true) {
      if (pos_ >= in_.size()) fail("unterminated string: the closing quote is missing", start);
      auto c = static_cast<unsigned char>(in_[pos_]);
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '\\') {
        escape(out);
      } else if (c < 0x20) {
        fail("a control character (" + hexByte(c) + ") in a string must be escaped");
      } else if (c < 0x80) {
        // A run of plain ASCII (the common case) is copied at once.
        size_t end = pos_ + 1;
        while (end < in_.size()) {
          auto next = static_cast<unsigned char>(in_[end]);
          if (next < 0x20 || next >= 0x80 || next == '"' || next == '\\') break;
          ++end;
        }
        out.append(in_.substr(pos_, end - pos_));
        pos_ = end;
      } else {
        utf8(out);
      }
    }
  }

  void escape(std::string& out) {
    size_t start = pos_;
    ++pos_;  // backslash
    if (pos_ >= in_.size()) fail("unterminated string: the closing quote is missing", start);
    char c = in_[pos_++];
    switch (c) {
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case '/': out += '/'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default:
        pos_ = start;
        fail("invalid escape '\\" + printable(c) + "' in a string");
    }
    uint32_t code = hex4(start);
    if (code >= 0xDC00 && code <= 0xDFFF) {
      fail("invalid \\u escape in a string: a low surrogate without a high one before it", start);
    }
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (in_.substr(pos_, 2) != "\\u") {
        fail("invalid \\u escape in a string: a high surrogate without a low one after it", start);
      }
      pos_ += 2;
      uint32_t low = hex4(start);
      if (low < 0xDC00 || low > 0xDFFF) {
        fail("invalid \\u escape in a string: a high surrogate without a low one after it", start);
      }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, code);
  }

  uint32_t hex4(size_t escapeStart) {
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      char c = pos_ < in_.size() ? in_[pos_] : '\0';
      int digit = isDigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (digit < 0) fail("invalid \\u escape in a string: it needs four hex digits", escapeStart);
      code = code * 16 + static_cast<uint32_t>(digit);
    }
    return code;
  }

  static void appendUtf8(std::string& out, uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // One multi-byte UTF-8 character, validated (no overlong forms, surrogates or code points
  // past U+10FFFF), copied to `out`.
  void utf8(std::string& out) {
    auto byte = [&](size_t i) { return pos_ + i < in_.size() ? static_cast<unsigned char>(in_[pos_ + i]) : 0; };
    unsigned char lead = byte(0);
    size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    bool valid = length > 0;
    for (size_t i = 1; valid && i < length; ++i) valid = (byte(i) & 0xC0) == 0x80;
    if (valid && length == 3) {
      valid = !(lead == 0xE0 && byte(1) < 0xA0) && !(lead == 0xED && byte(1) >= 0xA0);  // overlong; surrogate
    } else if (valid && length == 4) {
      valid = !(lead == 0xF0 && byte(1) < 0x90) && !(lead == 0xF4 && byte(1) >= 0x90);  // overlong; > U+10FFFF
    }
    if (!valid) fail("invalid UTF-8 in a string (byte " + hexByte(lead) + ")");
    out.append(in_.substr(pos_, length));
    pos_ += length;
  }

  // ---- positions and messages

  char peek() const { return pos_ < in_.size() ? in_[pos_] : '\0'; }

  void skipSpace() {
    while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r'))
      ++pos_;
  }

  [[noreturn]] void fail(const std::string& what) const { fail(what, pos_); }
  [[noreturn]] void fail(const std::string& what, size_t at) const { throw JsonSyntaxError(at + 1, what); }

  // What is at the current position, for "found ...".
  std::string found() const {
    if (pos_ >= in_.size()) return "the end of the line";
    auto c = static_cast<unsigned char>(in_[pos_]);
    if (c < 0x20 || c >= 0x7F) return "byte " + hexByte(c);
    if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {  // a word: show all of it
      size_t end = pos_;
      while (end < in_.size() && (in_[end] == '_' || std::isalnum(static_cast<unsigned char>(in_[end])))) ++end;
      return "'" + cut(in_.substr(pos_, end - pos_)) + "'";
    }
    return "'" + std::string(1, static_cast<char>(c)) + "'";
  }

  static std::string printable(char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte >= 0x7F ? hexByte(byte) : std::string(1, c);
  }

  static std::string hexByte(unsigned char c) {
    const char* digits = "0123456789abcdef";
    return std::string("0x") + digits[c >> 4] + digits[c & 0xF];
  }

  static std::string cut(std::string_view text) {
    constexpr size_t kMax = 40;
    return text.size() <= kMax ? std::string(text) : std::string(text.substr(0, kMax)) + "...";
  }

  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

JsonValue readJsonLine(std::string_view line, int structuredLevels) {
  return Reader(line).document(structuredLevels);
}

}  // namespace cepheus
