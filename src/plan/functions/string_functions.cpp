// str: — siddhi-execution-string. Indices count characters, as Java's do (UTF-8 text is
// decoded where it is not ASCII). As in the extension, most functions fail on a null argument
// (the event goes to the fault stream or the log); the exceptions are noted.
#include <algorithm>

#include "plan/functions/function_support.h"
#include "plan/functions/json_support.h"
#include "plan/functions/text_support.h"

namespace cepheus::plan::fn {

namespace {

using V = Value;

EvaluatorPtr charAt(const TypedExpr& e) {
  return make<V, V, int32_t>(e, Nulls::Error, [](Call& c, const V& s, int32_t index, V& out) {
    std::string_view text = s.asString();
    size_t from, to;
    if (index < 0 || !charRange(text, index, index + 1, from, to))
      c.fail("index " + std::to_string(index) + " is negative or not less than the length of '" + std::string(text) + "'");
    out = Value::ofString(text.substr(from, to - from));
    return true;
  });
}

EvaluatorPtr charFrequency(const TypedExpr& e) {
  return make<int64_t, V, V>(e, Nulls::Error, [](Call& c, const V& s, const V& ch, int64_t& out) {
    std::string_view needle = ch.asString();
    if (charCount(needle) != 1) c.fail("'char' must be one character, found '" + std::string(needle) + "'");
    std::string_view text = s.asString();
    int64_t n = 0;
    for (size_t pos = text.find(needle); pos != std::string_view::npos; pos = text.find(needle, pos + needle.size())) ++n;
    out = n;
    return true;
  });
}

template <class R>
EvaluatorPtr coalesceOf(const TypedExpr& e) {
  return makeVariadic<R>(
      e,
      [](Call&, const V* values, size_t n, R& out) {
        for (size_t i = 0; i < n; ++i) {
          if (values[i].isNull()) continue;
          out = fromValue<R>(values[i]);
          return true;
        }
        return false;
      },
      compileArguments(e));
}

EvaluatorPtr coalesce(const TypedExpr& e) {
  switch (e.type) {
    case Type::Int: return coalesceOf<int32_t>(e);
    case Type::Long: return coalesceOf<int64_t>(e);
    case Type::Float: return coalesceOf<float>(e);
    case Type::Double: return coalesceOf<double>(e);
    case Type::Bool: return coalesceOf<bool>(e);
    default: return coalesceOf<V>(e);
  }
}

// Nulls are skipped; numbers print as Java prints them (10.0, 1.0E10). The hottest string
// function: its arguments are read in place.
class ConcatEval final : public TypedEvaluator<V> {
 public:
  explicit ConcatEval(const TypedExpr& e) : TypedEvaluator<V>(Type::String) {
    for (const auto& arg : e.args) args_.emplace_back(arg);
  }
  bool eval(const EvalContext& ctx, V& out) const override {
    scratch_.clear();
    for (const ArgumentRef& arg : args_) {
      const Value& v = arg.get(ctx);
      if (!v.isNull()) appendJavaText(scratch_, v);
    }
    out = Value::ofString(scratch_);
    return true;
  }

 private:
  std::vector<ArgumentRef> args_;
  mutable std::string scratch_;
};

EvaluatorPtr concat(const TypedExpr& e) { return std::make_unique<ConcatEval>(e); }

// A null input is false; a null search string fails.
EvaluatorPtr contains(const TypedExpr& e) {
  return makeVariadic<bool>(
      e,
      [](Call& c, const V* v, size_t, bool& out) {
        if (v[0].isNull()) {
          out = false;
          return true;
        }
        if (v[1].isNull()) c.fail("the second argument cannot be null");
        out = v[0].asString().find(v[1].asString()) != std::string_view::npos;
        return true;
      },
      compileArguments(e));
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    uint32_t x = decodeUtf8(a, i), y = decodeUtf8(b, j);
    if (x != y && upperCase(x) != upperCase(y) && lowerCase(x) != lowerCase(y)) return false;
  }
  return i == a.size() && j == b.size();
}

// A null first argument fails; a null second one is not equal.
EvaluatorPtr equalsIgnoreCase(const TypedExpr& e) {
  return makeVariadic<bool>(
      e,
      [](Call& c, const V* v, size_t, bool& out) {
        if (v[0].isNull()) c.fail("the first argument cannot be null");
        out = !v[1].isNull() && equalsIgnoringCase(v[0].asString(), v[1].asString());
        return true;
      },
      compileArguments(e));
}

// The template split as Java's template.split("\\{\\{|}}") does: odd pieces are the keys.
void splitTemplate(std::string_view t, std::vector<std::string_view>& pieces) {
  pieces.clear();
  size_t start = 0;
  for (size_t i = 0; i + 1 < t.size();) {
    if ((t[i] == '{' && t[i + 1] == '{') || (t[i] == '}' && t[i + 1] == '}')) {
      pieces.push_back(t.substr(start, i - start));
      i += 2;
      start = i;
    } else {
      ++i;
    }
  }
  pieces.push_back(t.substr(start));
  while (!pieces.empty() && pieces.back().empty()) pieces.pop_back();
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return s;
}

// {{1}}, {{2}} take the arguments after the template; {{key}} takes a JSON object's member.
// A placeholder whose value is null is left as its key, as in the extension.
EvaluatorPtr fillTemplate(const TypedExpr& e) {
  bool byMap = e.overload == 1;
  auto pieces = std::make_shared<std::vector<std::string_view>>();
  return makeVariadic<V>(
      e,
      [byMap, pieces](Call& c, const V* v, size_t n, V& out) {
        if (v[0].isNull()) c.fail("the template cannot be null");
        splitTemplate(v[0].asString(), *pieces);
        c.scratch.clear();
        const JsonValue* map = nullptr;
        JsonValue storage;
        if (byMap && !v[1].isNull()) {
          map = &jsonArgument(c, v[1], storage);
          if (!map->is_object()) c.fail("the map must be a JSON object, found " + inQuotes(v[1].toString()));
        }
        for (size_t i = 0; i < pieces->size(); ++i) {
          std::string_view piece = (*pieces)[i];
          if (i % 2 == 0) {
            c.scratch += piece;
            continue;
          }
          std::string_view key = trimmed(piece);
          if (byMap) {
            auto it = map ? map->find(std::string(key)) : JsonValue::const_iterator();
            if (map && it != map->end() && !it->is_null()) appendJsonText(c.scratch, *it, false);
            else c.scratch += piece;
            continue;
          }
          size_t index = 0;
          bool number = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
          if (number) index = std::stoul(std::string(key));
          if (!number || index >= n) c.fail("the template's placeholder {{" + std::string(piece) + "}} names no argument");
          if (v[index].isNull()) c.scratch += piece;
          else appendJavaText(c.scratch, v[index]);
        }
        return c.result(out);
      },
      compileArguments(e));
}

// Two hexadecimal digits per UTF-8 byte, so that str:unhex gives the string back.
EvaluatorPtr hex(const TypedExpr& e) {
  return make<V, V>(e, Nulls::Error, [](Call& c, const V& s, V& out) {
    static const char digits[] = "0123456789abcdef";
    c.scratch.clear();
    for (unsigned char b : s.asString()) {
      c.scratch += digits[b >> 4];
      c.scratch += digits[b & 15];
    }
    return c.result(out);
  });
}

EvaluatorPtr length(const TypedExpr& e) {
  return make<int32_t, V>(e, Nulls::Error, [](Call&, const V& s, int32_t& out) {
    out = static_cast<int32_t>(charCount(s.asString()));
    return true;
  });
}

// The character index of the first occurrence at or after the start, or -1.
EvaluatorPtr locate(const TypedExpr& e) {
  bool withStart = e.overload == 1;
  return makeVariadic<int32_t>(
      e,
      [withStart](Call& c, const V* v, size_t, int32_t& out) {
        for (size_t i = 0; i < (withStart ? 3u : 2u); ++i)
          if (v[i].isNull()) c.fail(ordinalArgument(i) + " cannot be null");
        std::string_view needle = v[0].asString(), text = v[1].asString();
        size_t startChar = withStart ? static_cast<size_t>(std::max(0, v[2].asInt())) : 0;
        if (withStart && v[2].asInt() < 0) c.fail("the start position " + std::to_string(v[2].asInt()) + " is negative");
        size_t startByte = byteOffsetOfChar(text, startChar);
        if (startByte == std::string_view::npos)
          c.fail("the start position " + std::to_string(startChar) + " is past the end of '" + std::string(text) + "'");
        size_t found = text.find(needle, startByte);
        out = found == std::string_view::npos ? -1 : static_cast<int32_t>(charCount(text.substr(0, found)));
        return true;
      },
      compileArguments(e));
}

template <uint32_t (*Map)(uint32_t)>
EvaluatorPtr changeCase(const TypedExpr& e) {
  return make<V, V>(e, Nulls::Error, [](Call& c, const V& s, V& out) {
    std::string_view text = s.asString();
    c.scratch.clear();
    for (size_t pos = 0; pos < text.size();) appendUtf8(c.scratch, Map(decodeUtf8(text, pos)));
    if (c.scratch == text) {  // unchanged: share the input's storage
      out = s;
      return true;
    }
    return c.result(out);
  });
}

EvaluatorPtr regexp(const TypedExpr& e) {
  auto regex = std::make_shared<RegexSource>(e.args[1]);
  return make<bool, V, V>(e, Nulls::Error, [regex](Call& c, const V& s, const V& pattern, bool& out) {
    out = regex->get(c, pattern).matches(s.asString());
    return true;
  });
}

EvaluatorPtr repeat(const TypedExpr& e) {
  return make<V, V, int32_t>(e, Nulls::Error, [](Call& c, const V& s, int32_t times, V& out) {
    c.scratch.clear();
    for (int32_t i = 0; i < times; ++i) c.scratch += s.asString();
    return c.result(out);
  });
}

EvaluatorPtr replace(const TypedExpr& e, bool all) {
  auto regex = std::make_shared<RegexSource>(e.args[1]);
  bool checked = e.args[1].isConstant() && e.args[2].isConstant();  // by the analyzer
  return make<V, V, V, V>(e, Nulls::Error, [regex, all, checked](Call& c, const V& s, const V& pattern, const V& with, V& out) {
    const JavaRegex& re = regex->get(c, pattern);
    std::string error;
    if (!checked && !re.checkReplacement(with.asString(), error)) c.fail(error);
    c.scratch.clear();
    re.replace(s.asString(), with.asString(), all, c.scratch);
    return c.result(out);
  });
}

EvaluatorPtr reverse(const TypedExpr& e) {
  return make<V, V>(e, Nulls::Error, [](Call& c, const V& s, V& out) {
    std::string_view text = s.asString();
    c.scratch.assign(text.rbegin(), text.rend());
    if (!isAscii(text)) {  // put each character's bytes back in order
      c.scratch.clear();
      size_t end = text.size();
      while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        c.scratch.append(text.substr(start, end - start));
        end = start;
      }
    }
    return c.result(out);
  });
}

EvaluatorPtr split(const TypedExpr& e) {
  auto regex = std::make_shared<RegexSource>(e.args[1]);
  auto pieces = std::make_shared<std::vector<std::string_view>>();
  return make<V, V, V, int32_t>(e, Nulls::Error, [regex, pieces](Call& c, const V& s, const V& pattern, int32_t index, V& out) {
    regex->get(c, pattern).split(s.asString(), *pieces);
    if (index < 0 || static_cast<size_t>(index) >= pieces->size())
      c.fail("index " + std::to_string(index) + " is negative or not less than the " + std::to_string(pieces->size()) +
             " pieces of '" + std::string(s.asString()) + "'");
    out = Value::ofString((*pieces)[index]);
    return true;
  });
}

// As Java's compareTo: the difference of the first differing characters, else of the lengths.
EvaluatorPtr strcmp(const TypedExpr& e) {
  return make<int32_t, V, V>(e, Nulls::Error, [](Call&, const V& a, const V& b, int32_t& out) {
    std::string_view x = a.asString(), y = b.asString();
    size_t i = 0, j = 0, n = 0, m = 0;
    while (i < x.size() && j < y.size()) {
      uint32_t p = decodeUtf8(x, i), q = decodeUtf8(y, j);
      ++n;
      ++m;
      if (p != q) {
        out = static_cast<int32_t>(p) - static_cast<int32_t>(q);
        return true;
      }
    }
    out = static_cast<int32_t>((n + charCount(x.substr(i))) - (m + charCount(y.substr(j))));
    return true;
  });
}

EvaluatorPtr substr(const TypedExpr& e) {
  switch (e.overload) {
    case 0:
      return make<V, V, int32_t>(e, Nulls::Error, [](Call& c, const V& s, int32_t begin, V& out) {
        std::string_view text = s.asString();
        size_t from = byteOffsetOfChar(text, static_cast<size_t>(std::max(begin, 0)));
        if (begin < 0 || from == std::string_view::npos)
          c.fail("begin index " + std::to_string(begin) + " is out of the range of '" + std::string(text) + "'");
        out = from == 0 ? s : Value::ofString(text.substr(from));
        return true;
      });
    case 1:
      return make<V, V, int32_t, int32_t>(e, Nulls::Error, [](Call& c, const V& s, int32_t begin, int32_t length, V& out) {
        std::string_view text = s.asString();
        size_t from, to;
        if (begin < 0 || length < 0 || !charRange(text, begin, static_cast<size_t>(begin) + length, from, to))
          c.fail("begin index " + std::to_string(begin) + " and length " + std::to_string(length) +
                 " are out of the range of '" + std::string(text) + "'");
        out = Value::ofString(text.substr(from, to - from));
        return true;
      });
    default: {
      auto regex = std::make_shared<RegexSource>(e.args[1]);
      bool withGroup = e.overload == 3;
      return makeVariadic<V>(
          e,
          [regex, withGroup](Call& c, const V* v, size_t n, V& out) {
            for (size_t i = 0; i < n; ++i)
              if (v[i].isNull()) c.fail(ordinalArgument(i) + " cannot be null");
            const JavaRegex& re = regex->get(c, v[1]);
            int group = withGroup ? v[2].asInt() : 0;
            if (group < 0 || group > re.groupCount())
              c.fail("the pattern '" + re.pattern() + "' has no group " + std::to_string(group));
            std::string_view text = v[0].asString(), found;
            if (!re.find(text)) {
              out = Value::ofString("");
              return true;
            }
            if (!re.findGroup(text, group, found)) return false;  // the group took no part: null
            out = Value::ofString(found);
            return true;
          },
          compileArguments(e));
    }
  }
}

// Java's trim: characters up to the space, from both ends.
EvaluatorPtr trim(const TypedExpr& e) {
  return make<V, V>(e, Nulls::Error, [](Call&, const V& s, V& out) {
    std::string_view text = s.asString(), kept = trimmed(text);
    out = kept.size() == text.size() ? s : Value::ofString(kept);
    return true;
  });
}

EvaluatorPtr unhex(const TypedExpr& e) {
  return make<V, V>(e, Nulls::Error, [](Call& c, const V& s, V& out) {
    std::string_view text = s.asString();
    if (text.size() % 2 != 0) c.fail(inQuotes(text) + " has an odd number of hexadecimal digits");
    auto digit = [&](char ch) {
      if (ch >= '0' && ch <= '9') return ch - '0';
      if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
      if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
      c.fail(inQuotes(text) + " is not hexadecimal");
    };
    c.scratch.clear();
    for (size_t i = 0; i < text.size(); i += 2) c.scratch += static_cast<char>(digit(text[i]) * 16 + digit(text[i + 1]));
    if (!isValidUtf8(c.scratch)) {  // not UTF-8: one character per byte, as Java's unhex gives
      std::string bytes = c.scratch;
      c.scratch.clear();
      for (unsigned char b : bytes) appendUtf8(c.scratch, b);
    }
    return c.result(out);
  });
}

}  // namespace

void addStringFunctions(FactoryTable& t) {
  add(t, "str:charAt", charAt);
  add(t, "str:charFrequency", charFrequency);
  add(t, "str:coalesce", coalesce);
  add(t, "str:concat", concat);
  add(t, "str:contains", contains);
  add(t, "str:equalsIgnoreCase", equalsIgnoreCase);
  add(t, "str:fillTemplate", fillTemplate);
  add(t, "str:hex", hex);
  add(t, "str:length", length);
  add(t, "str:locate", locate);
  add(t, "str:lower", changeCase<lowerCase>);
  add(t, "str:regexp", regexp);
  add(t, "str:repeat", repeat);
  add(t, "str:replaceAll", [](const TypedExpr& e) { return replace(e, true); });
  add(t, "str:replaceFirst", [](const TypedExpr& e) { return replace(e, false); });
  add(t, "str:reverse", reverse);
  add(t, "str:split", split);
  add(t, "str:strcmp", strcmp);
  add(t, "str:substr", substr);
  add(t, "str:trim", trim);
  add(t, "str:unhex", unhex);
  add(t, "str:upper", changeCase<upperCase>);
}

}  // namespace cepheus::plan::fn
