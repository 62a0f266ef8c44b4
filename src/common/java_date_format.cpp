#include "common/java_date_format.h"

#include <cctype>
#include <charconv>
#include <cstring>

namespace cepheus {

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

constexpr std::string_view kSimpleLetters = "GyYMLwWDdFEuaHkKhmsSzZX";
constexpr std::string_view kFormatterLetters = "GuyYMLwWDdFEaHkKhmsSzZXxV";

void appendPadded(std::string& out, int64_t value, int width) {
  char digits[24];
  bool negative = value < 0;
  uint64_t v = negative ? uint64_t(0) - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  int n = static_cast<int>(end - digits);
  if (negative) out += '-';
  for (int i = n; i < width; ++i) out += '0';
  out.append(digits, end);
}

void appendOffset(std::string& out, int offset, bool colon, bool withMinutes) {
  int a = offset < 0 ? -offset : offset;
  out += offset < 0 ? '-' : '+';
  appendPadded(out, a / 3600, 2);
  if (!withMinutes) return;
  if (colon) out += ':';
  appendPadded(out, a / 60 % 60, 2);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// The longest of `names` (full, then their first three letters) that starts the text.
int matchName(std::string_view text, const char* const* names, int count, size_t& length) {
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < count; ++i) {
      std::string_view name = names[i];
      if (pass == 1) name = name.substr(0, 3);
      if (text.size() >= name.size() && equalsIgnoreCase(text.substr(0, name.size()), name)) {
        length = name.size();
        return i;
      }
    }
  }
  return -1;
}

// An offset in the text: Z, +hh, +hhmm, +hh:mm, optionally after GMT/UTC.
bool parseOffsetText(std::string_view text, size_t& pos, int& offset) {
  size_t p = pos;
  if (text.substr(p, 3) == "GMT" || text.substr(p, 3) == "UTC") {
    p += 3;
    if (p >= text.size() || (text[p] != '+' && text[p] != '-')) {
      offset = 0;
      pos = p;
      return true;
    }
  }
  if (p < text.size() && text[p] == 'Z') {
    offset = 0;
    pos = p + 1;
    return true;
  }
  if (p >= text.size() || (text[p] != '+' && text[p] != '-')) return false;
  int sign = text[p] == '-' ? -1 : 1;
  ++p;
  auto digit = [&](size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); };
  if (!digit(p)) return false;
  int hours = text[p++] - '0';
  if (digit(p)) hours = hours * 10 + (text[p++] - '0');
  int minutes = 0;
  if (p < text.size() && text[p] == ':' && digit(p + 1) && digit(p + 2)) {
    minutes = (text[p + 1] - '0') * 10 + (text[p + 2] - '0');
    p += 3;
  } else if (digit(p) && digit(p + 1)) {
    minutes = (text[p] - '0') * 10 + (text[p + 1] - '0');
    p += 2;
  }
  if (hours > 18 || minutes > 59) return false;
  offset = sign * (hours * 3600 + minutes * 60);
  pos = p;
  return true;
}

}  // namespace

std::optional<JavaDateFormat> JavaDateFormat::compile(std::string_view pattern, Dialect dialect,
                                                      std::string& error) {
  JavaDateFormat format;
  format.dialect_ = dialect;
  format.pattern_ = std::string(pattern);
  std::string_view letters = dialect == Dialect::Simple ? kSimpleLetters : kFormatterLetters;
  auto addLiteral = [&](std::string_view text) {
    if (format.tokens_.empty() || format.tokens_.back().letter != 0) format.tokens_.push_back({});
    format.tokens_.back().literal.append(text);
  };
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        addLiteral("'");
        i += 2;
        continue;
      }
      size_t end = i + 1;
      std::string quoted;
      while (true) {
        if (end >= pattern.size()) {
          error = "date pattern '" + std::string(pattern) + "' has an unterminated quote";
          return std::nullopt;
        }
        if (pattern[end] == '\'') {
          if (end + 1 < pattern.size() && pattern[end + 1] == '\'') {
            quoted += '\'';
            end += 2;
            continue;
          }
          break;
        }
        quoted += pattern[end++];
      }
      addLiteral(quoted);
      i = end + 1;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      if (letters.find(c) == std::string_view::npos) {
        error = std::string("date pattern '") + std::string(pattern) + "' uses the letter '" + c +
                "', which is not a pattern letter" +
                (dialect == Dialect::Simple ? " of SimpleDateFormat" : " that Cepheus supports") +
                " (quote literal text: 'T')";
        return std::nullopt;
      }
      size_t end = i;
      while (end < pattern.size() && pattern[end] == c) ++end;
      int count = static_cast<int>(end - i);
      if (c == 'V' && count != 2) {
        error = "date pattern '" + std::string(pattern) + "': the zone id is written VV";
        return std::nullopt;
      }
      format.tokens_.push_back({c, count, {}});
      if (std::string_view("GyYuMLwWDdFE").find(c) != std::string_view::npos) format.hasDate_ = true;
      if (std::string_view("HkKh").find(c) != std::string_view::npos) format.hasTime_ = true;
      if (dialect == Dialect::Simple && c == 'u') format.hasDate_ = true;
      i = end;
      continue;
    }
    addLiteral(std::string_view(&pattern[i], 1));
    ++i;
  }
  return format;
}

bool JavaDateFormat::numeric(const Token& t) const {
  if (t.letter == 0) return false;
  switch (t.letter) {
    case 'M':
    case 'L': return t.count <= 2;
    case 'G':
    case 'E':
    case 'a':
    case 'z':
    case 'Z':
    case 'X':
    case 'x':
    case 'V': return false;
    default: return true;
  }
}

void JavaDateFormat::format(int64_t epochMillis, const TimeZone& zone, std::string& out) const {
  int offset = zone.offsetAt(floorDiv(epochMillis, 1000));
  format(toDateTime(epochMillis, offset), zone, out);
}

void JavaDateFormat::format(const DateTime& t, const TimeZone& zone, std::string& out) const {
  const bool simple = dialect_ == Dialect::Simple;
  for (const Token& token : tokens_) {
    int n = token.count;
    switch (token.letter) {
      case 0: out += token.literal; break;
      case 'G': out += t.year > 0 ? "AD" : "BC"; break;
      case 'y':
      case 'u':
        if (token.letter == 'u' && simple) {  // day number of the week, Monday = 1
          appendPadded(out, t.weekday == 0 ? 7 : t.weekday, n);
          break;
        }
        if (n == 2) {
          appendPadded(out, floorMod(t.year, 100), 2);
        } else {
          appendPadded(out, t.year, n);
        }
        break;
      case 'Y': {
        int64_t weekYear = t.year;
        weekOfYear(t, WeekRules{}, &weekYear);
        if (n == 2) {
          appendPadded(out, floorMod(weekYear, 100), 2);
        } else {
          appendPadded(out, weekYear, n);
        }
        break;
      }
      case 'M':
      case 'L':
        if (n >= 4) {
          out += kMonths[t.month - 1];
        } else if (n == 3) {
          out.append(kMonths[t.month - 1], 3);
        } else {
          appendPadded(out, t.month, n);
        }
        break;
      case 'w': appendPadded(out, weekOfYear(t, WeekRules{}), n); break;
      case 'W': appendPadded(out, weekOfMonth(t, WeekRules{}), n); break;
      case 'D': appendPadded(out, t.dayOfYear, n); break;
      case 'd': appendPadded(out, t.day, n); break;
      case 'F': appendPadded(out, (t.day - 1) / 7 + 1, n); break;
      case 'E':
        if (n >= 4) {
          out += kDays[t.weekday];
        } else {
          out.append(kDays[t.weekday], 3);
        }
        break;
      case 'a': out += t.hour < 12 ? "AM" : "PM"; break;
      case 'H': appendPadded(out, t.hour, n); break;
      case 'k': appendPadded(out, t.hour == 0 ? 24 : t.hour, n); break;
      case 'K': appendPadded(out, t.hour % 12, n); break;
      case 'h': appendPadded(out, t.hour % 12 == 0 ? 12 : t.hour % 12, n); break;
      case 'm': appendPadded(out, t.minute, n); break;
      case 's': appendPadded(out, t.second, n); break;
      case 'S':
        if (simple) {
          appendPadded(out, t.millis, n);
        } else {  // a fraction of the second, n digits
          char digits[4];
          std::snprintf(digits, sizeof digits, "%03d", t.millis);
          for (int i = 0; i < n; ++i) out += i < 3 ? digits[i] : '0';
        }
        break;
      case 'z': out += zone.abbreviationAt(floorDiv(t.epochMillis, 1000)); break;
      case 'Z':
        if (simple || n <= 3) {
          appendOffset(out, t.offsetSeconds, false, true);
        } else if (n == 4) {
          out += "GMT";
          if (t.offsetSeconds != 0) appendOffset(out, t.offsetSeconds, true, true);
        } else if (t.offsetSeconds == 0) {
          out += 'Z';
        } else {
          appendOffset(out, t.offsetSeconds, true, true);
        }
        break;
      case 'X':
      case 'x':
        if (token.letter == 'X' && t.offsetSeconds == 0) {
          out += 'Z';
        } else if (n == 1) {
          appendOffset(out, t.offsetSeconds, false, !simple && t.offsetSeconds % 3600 != 0);
        } else {
          appendOffset(out, t.offsetSeconds, n >= 3, true);
        }
        break;
      case 'V': out += zone.id(); break;
    }
  }
}

bool JavaDateFormat::parse(std::string_view text, Fields& f, int64_t nowYear, std::string& error) const {
  const bool simple = dialect_ == Dialect::Simple;
  size_t pos = 0;
  auto fail = [&](const char* what) {
    error = "'" + std::string(text) + "' does not match the date pattern '" + pattern_ + "' (" + what +
            " at index " + std::to_string(pos) + ")";
    return false;
  };
  for (size_t k = 0; k < tokens_.size(); ++k) {
    const Token& token = tokens_[k];
    if (token.letter == 0) {
      for (char c : token.literal) {
        if (simple && std::isspace(static_cast<unsigned char>(c))) {  // whitespace matches any run of it
          while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
          continue;
        }
        if (pos >= text.size() || text[pos] != c) return fail("expected literal text");
        ++pos;
      }
      continue;
    }
    if (numeric(token)) {
      // As FastDateParser: a field followed by another number field is read with its
      // pattern width; otherwise (and in the Formatter dialect for a single letter) greedily.
      bool adjacent = k + 1 < tokens_.size() && numeric(tokens_[k + 1]);
      size_t maxDigits = 19;
      size_t minDigits = 1;
      if (adjacent || (!simple && token.count >= 2)) {
        maxDigits = minDigits = static_cast<size_t>(token.count);
        if (!simple && token.count >= 4 && (token.letter == 'y' || token.letter == 'u') && !adjacent)
          maxDigits = 19;
      }
      if (!simple && token.count == 1) maxDigits = (token.letter == 'y' || token.letter == 'u') ? 19 : 2;
      size_t start = pos;
      bool negative = false;
      if (simple && pos < text.size() && (text[pos] == '-' || text[pos] == '+') &&
          (token.letter == 'y' || token.letter == 'Y')) {
        negative = text[pos] == '-';
        ++pos;
        start = pos;
      }
      while (pos < text.size() && pos - start < maxDigits && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
      if (pos - start < minDigits) return fail("expected a number");
      int64_t value = 0;
      std::from_chars(text.data() + start, text.data() + pos, value);
      if (negative) value = -value;
      switch (token.letter) {
        case 'y':
        case 'u':
        case 'Y':
          if (token.letter == 'u' && simple) break;  // day number of week: not a date field
          if (token.count == 2 && pos - start == 2) {
            if (simple) {
              int64_t startYear = nowYear - 80;
              value += startYear - floorMod(startYear, 100);
              if (value < startYear) value += 100;
            } else {
              value += 2000;
            }
          }
          if (token.letter != 'Y' || f.year == 1970) f.year = value;
          break;
        case 'M':
        case 'L':
          f.month = static_cast<int>(value);
          f.monthSet = true;
          break;
        case 'd':
          f.day = static_cast<int>(value);
          f.daySet = true;
          break;
        case 'D': f.dayOfYear = static_cast<int>(value); break;
        case 'H': f.hour = static_cast<int>(value); break;
        case 'k': f.hour = value == 24 ? 0 : static_cast<int>(value); break;
        case 'K':
        case 'h': f.hour12 = static_cast<int>(value == 12 && token.letter == 'h' ? 0 : value); break;
        case 'm': f.minute = static_cast<int>(value); break;
        case 's': f.second = static_cast<int>(value); break;
        case 'S':
          if (simple) {
            f.millis = static_cast<int>(value);
          } else {  // a fraction: scale the digits to milliseconds
            size_t digits = pos - start;
            while (digits < 3) {
              value *= 10;
              ++digits;
            }
            while (digits > 3) {
              value /= 10;
              --digits;
            }
            f.millis = static_cast<int>(value);
          }
          break;
        default: break;  // w, W, F, E-numbers: read but not used to place the date
      }
      continue;
    }
    size_t length = 0;
    std::string_view rest = text.substr(pos);
    switch (token.letter) {
      case 'G': {
        if (rest.size() >= 2 && (equalsIgnoreCase(rest.substr(0, 2), "AD") || equalsIgnoreCase(rest.substr(0, 2), "BC"))) {
          pos += 2;
          break;
        }
        return fail("expected AD or BC");
      }
      case 'M':
      case 'L': {
        int month = matchName(rest, kMonths, 12, length);
        if (month < 0) return fail("expected a month name");
        f.month = month + 1;
        f.monthSet = true;
        pos += length;
        break;
      }
      case 'E':
        if (matchName(rest, kDays, 7, length) < 0) return fail("expected a day name");
        pos += length;
        break;
      case 'a':
        if (rest.size() >= 2 && equalsIgnoreCase(rest.substr(0, 2), "AM")) {
          f.pm = 0;
        } else if (rest.size() >= 2 && equalsIgnoreCase(rest.substr(0, 2), "PM")) {
          f.pm = 1;
        } else {
          return fail("expected AM or PM");
        }
        pos += 2;
        break;
      case 'Z':
      case 'X':
      case 'x': {
        int offset = 0;
        if (!parseOffsetText(text, pos, offset)) return fail("expected a zone offset");
        f.offsetSeconds = offset;
        break;
      }
      case 'z':
      case 'V': {
        int offset = 0;
        if (parseOffsetText(text, pos, offset)) {
          f.offsetSeconds = offset;
          break;
        }
        size_t end = pos;
        while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                     std::strchr("/_-+", text[end])))
          ++end;
        if (end == pos) return fail("expected a time zone");
        f.zoneName = std::string(text.substr(pos, end - pos));
        pos = end;
        break;
      }
    }
  }
  if (!simple && pos != text.size()) return fail("unparsed text");
  return true;
}

std::optional<int64_t> JavaDateFormat::resolve(const Fields& input, const TimeZone& defaultZone,
                                               std::string& error) const {
  Fields f = input;
  if (f.hour12 >= 0) f.hour = f.hour12 + (f.pm == 1 ? 12 : 0);
  else if (f.pm == 1 && f.hour < 12) f.hour += 12;
  if (f.dayOfYear > 0 && !f.monthSet && !f.daySet) {
    f.month = 1;
    f.day = f.dayOfYear;
  }
  if (dialect_ == Dialect::Formatter) {
    auto bad = [&](const char* what) {
      error = std::string("invalid ") + what + " in a date of pattern '" + pattern_ + "'";
      return std::nullopt;
    };
    if (f.month < 1 || f.month > 12) return bad("month");
    if (f.day < 1 || f.day > 31) return bad("day of month");
    if (f.hour > 23) return bad("hour");
    if (f.minute > 59) return bad("minute");
    if (f.second > 59) return bad("second");
    f.day = std::min(f.day, daysInMonth(f.year, f.month));
  }
  std::optional<TimeZone> named;
  if (!f.zoneName.empty()) {
    std::string why;
    named = TimeZone::find(f.zoneName, why);
    if (!named) {
      error = why;
      return std::nullopt;
    }
  }
  int64_t seconds;
  if (f.offsetSeconds) {
    int64_t days = daysFromCivil(f.year, f.month, 1) + (f.day - 1);
    seconds = days * 86400 + int64_t{f.hour} * 3600 + int64_t{f.minute} * 60 + f.second - *f.offsetSeconds;
  } else {
    const TimeZone& zone = named ? *named : defaultZone;
    seconds = zone.toEpochSeconds(f.year, f.month, f.day, f.hour, f.minute, f.second);
  }
  return seconds * 1000 + f.millis;
}

std::optional<int64_t> JavaDateFormat::parseInstant(std::string_view text, const TimeZone& zone, int64_t nowYear,
                                                    std::string& error) const {
  Fields fields;
  if (!parse(text, fields, nowYear, error)) return std::nullopt;
  return resolve(fields, zone, error);
}

}  // namespace cepheus
