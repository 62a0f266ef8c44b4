#include "plan/functions/json_support.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "common/json_text.h"
#include "plan/functions/text_support.h"
#include "runtime/json_element.h"

namespace cepheus::plan::fn {

namespace {

constexpr size_t kOffPath = std::numeric_limits<size_t>::max();
constexpr int kMaxDepth = 512;

// A recursive-descent reader of permissive JSON. With a null output it only checks the text
// (and, given a definite path, notes where the path's value is): no allocation.
class Reader {
 public:
  Reader(std::string_view text, const JsonPath* path) : text_(text), path_(path) {}

  bool document(JsonValue* out, std::string& error) {
    skipSpace();
    if (!value(out, path_ ? 0 : kOffPath, 0)) {
      error = error_.empty() ? "malformed JSON" : error_;
      return false;
    }
    skipSpace();
    if (pos_ != text_.size()) {
      fail("unexpected text after the JSON value");
      error = error_;
      return false;
    }
    return true;
  }

  JsonSpan span;
  bool needsDocument = false;

 private:
  bool fail(const std::string& why) {
    if (error_.empty()) error_ = why + " at index " + std::to_string(pos_);
    return false;
  }
  void skipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool atTarget(size_t matched) const { return path_ && matched == path_->steps.size(); }

  bool value(JsonValue* out, size_t matched, int depth) {
    if (depth > kMaxDepth) return fail("JSON nested too deeply");
    if (pos_ >= text_.size()) return fail("unexpected end of JSON");
    size_t begin = pos_;
    char c = text_[pos_];
    JsonSpan::Kind kind = JsonSpan::Kind::None;
    bool ok;
    std::string_view raw;
    bool escaped = false;
    if (c == '{') {
      kind = JsonSpan::Kind::Object;
      ok = object(out, matched, depth);
    } else if (c == '[') {
      kind = JsonSpan::Kind::Array;
      ok = array(out, matched, depth);
    } else if (c == '"' || c == '\'') {
      kind = JsonSpan::Kind::String;
      ok = string(out ? &scratch_ : nullptr, raw, escaped);
      if (ok && out) *out = scratch_;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      kind = JsonSpan::Kind::Number;
      ok = number(out);
    } else {
      ok = word(out, kind);
    }
    if (!ok) return false;
    if (atTarget(matched)) {
      span.kind = kind;
      span.raw = kind == JsonSpan::Kind::String ? raw : text_.substr(begin, pos_ - begin);
      span.escaped = escaped;
    }
    return true;
  }

  bool object(JsonValue* out, size_t matched, int depth) {
    ++pos_;
    if (out) *out = JsonValue::object();
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    const JsonPathStep* step = matched != kOffPath && path_ && matched < path_->steps.size() ? &path_->steps[matched] : nullptr;
    while (true) {
      skipSpace();
      std::string_view rawKey;
      bool escaped = false;
      std::string key;
      if (pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\'')) {
        if (!string(&key, rawKey, escaped)) return false;
      } else {
        size_t start = pos_;
        while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                                       text_[pos_] == '$' || text_[pos_] == '-'))
          ++pos_;
        if (pos_ == start) return fail("expected a member name");
        key.assign(text_.substr(start, pos_ - start));
      }
      skipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      skipSpace();
      size_t next = step && step->kind == JsonPathStep::Kind::Child && step->names[0] == key ? matched + 1 : kOffPath;
      if (out) {
        JsonValue member;
        if (!value(&member, next, depth + 1)) return false;
        (*out)[key] = std::move(member);
      } else if (!value(nullptr, next, depth + 1)) {
        return false;
      }
      skipSpace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  bool array(JsonValue* out, size_t matched, int depth) {
    ++pos_;
    if (out) *out = JsonValue::array();
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    const JsonPathStep* step = matched != kOffPath && path_ && matched < path_->steps.size() ? &path_->steps[matched] : nullptr;
    if (step && step->kind == JsonPathStep::Kind::Index && step->indices[0] < 0) needsDocument = true;
    int64_t index = 0;
    while (true) {
      skipSpace();
      size_t next = step && step->kind == JsonPathStep::Kind::Index && step->indices[0] == index ? matched + 1 : kOffPath;
      if (out) {
        JsonValue element;
        if (!value(&element, next, depth + 1)) return false;
        out->push_back(std::move(element));
      } else if (!value(nullptr, next, depth + 1)) {
        return false;
      }
      ++index;
      skipSpace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  // A quoted string; `decoded` (when given) receives its text with escapes resolved.
  bool string(std::string* decoded, std::string_view& raw, bool& escaped) {
    char quote = text_[pos_++];
    size_t start = pos_;
    escaped = false;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\') {
        escaped = true;
        if (pos_ + 1 >= text_.size()) break;
        if (text_[pos_ + 1] == 'u') {
          for (int i = 2; i < 6; ++i)
            if (pos_ + i >= text_.size() || !std::isxdigit(static_cast<unsigned char>(text_[pos_ + i])))
              return fail("malformed \\u escape");
          pos_ += 6;
          continue;
        }
        if (std::string_view("\"'\\/bfnrt").find(text_[pos_ + 1]) == std::string_view::npos)
          return fail("unknown escape");
        pos_ += 2;
        continue;
      }
      ++pos_;
    }
    if (pos_ >= text_.size()) return fail("unterminated string");
    raw = text_.substr(start, pos_ - start);
    ++pos_;
    if (decoded) {
      decoded->clear();
      if (escaped) decodeJsonString(raw, *decoded);
      else decoded->assign(raw);
    }
    return true;
  }

  bool number(JsonValue* out) {
    size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    size_t digits = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (pos_ == digits) return fail("malformed number");
    bool integral = true;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      integral = false;
      ++pos_;
      size_t fraction = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (pos_ == fraction) return fail("malformed number");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      integral = false;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      size_t exponent = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (pos_ == exponent) return fail("malformed number");
    }
    if (!out) return true;
    std::string_view t = text_.substr(start, pos_ - start);
    if (integral) {
      int64_t v = 0;
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec == std::errc() && end == t.data() + t.size()) {
        *out = v;
        return true;
      }
    }
    double d = 0;
    std::from_chars(t.data(), t.data() + t.size(), d);
    *out = d;
    return true;
  }

  // true, false, null, or (permissive) an unquoted word, which is a string.
  bool word(JsonValue* out, JsonSpan::Kind& kind) {
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                                   text_[pos_] == '.' || text_[pos_] == '$'))
      ++pos_;
    std::string_view w = text_.substr(start, pos_ - start);
    if (w.empty()) return fail("unexpected character '" + std::string(1, text_[pos_]) + "'");
    if (w == "true" || w == "false") {
      kind = w == "true" ? JsonSpan::Kind::True : JsonSpan::Kind::False;
      if (out) *out = w == "true";
    } else if (w == "null") {
      kind = JsonSpan::Kind::Null;
      if (out) *out = nullptr;
    } else {
      kind = JsonSpan::Kind::String;
      if (out) *out = std::string(w);
    }
    return true;
  }

  std::string_view text_;
  const JsonPath* path_;
  size_t pos_ = 0;
  std::string error_;
  std::string scratch_;
};

// How JSON text is written: plainly; as Gson writes it (the extension's toString); or as
// json-smart's toJSONString writes it (json:group's arrays): '/' as \/, and U+007F..U+009F and
// U+2000..U+20FF as \uXXXX (its Escape4Web).
enum class Style { Plain, Gson, Smart };

void appendQuoted(std::string& out, std::string_view s, Style style) {
  static const char hex[] = "0123456789abcdef";
  static const char upperHex[] = "0123456789ABCDEF";
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (style == Style::Smart) {
          if (c == '/') {
            out += "\\/";
            continue;
          }
          size_t next = i + 1;
          uint32_t code = c;
          if (c >= 0x80) {
            next = i;
            code = decodeUtf8(s, next);
          }
          if (c < 0x20 || (code >= 0x7F && code <= 0x9F) || (code >= 0x2000 && code <= 0x20FF)) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += upperHex[(code >> shift) & 15];
          } else {
            out.append(s.substr(i, next - i));
          }
          i = next - 1;
        } else if (c < 0x20 || (style == Style::Gson && (c == '<' || c == '>' || c == '&' || c == '=' || c == '\''))) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// `sorted`: the members of every object in name order (a text equal objects share).
void appendJson(std::string& out, const JsonValue& j, Style style, bool sorted) {
  switch (j.type()) {
    case JsonValue::value_t::null: out += "null"; break;
    case JsonValue::value_t::boolean: out += j.get<bool>() ? "true" : "false"; break;
    case JsonValue::value_t::number_integer:
    case JsonValue::value_t::number_unsigned: appendJavaText(out, Value::ofLong(j.get<int64_t>())); break;
    case JsonValue::value_t::number_float: appendJavaText(out, Value::ofDouble(j.get<double>())); break;
    case JsonValue::value_t::string: appendQuoted(out, j.get_ref<const std::string&>(), style); break;
    case JsonValue::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& element : j) {
        if (!first) out += ',';
        first = false;
        appendJson(out, element, style, sorted);
      }
      out += ']';
      break;
    }
    case JsonValue::value_t::object: {
      std::vector<std::pair<const std::string*, const JsonValue*>> members;
      for (const auto& [key, member] : j.items()) members.emplace_back(&key, &member);
      if (sorted)
        std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
      out += '{';
      bool first = true;
      for (const auto& [key, member] : members) {
        if (!first) out += ',';
        first = false;
        appendQuoted(out, *key, style);
        out += ':';
        appendJson(out, *member, style, sorted);
      }
      out += '}';
      break;
    }
    default: out += "null";
  }
}

}  // namespace

void decodeJsonString(std::string_view raw, std::string& out) {
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\' || i + 1 >= raw.size()) {
      out += c;
      continue;
    }
    char e = raw[++i];
    switch (e) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        auto hex4 = [&](size_t at) {
          uint32_t v = 0;
          std::from_chars(raw.data() + at, raw.data() + at + 4, v, 16);
          return v;
        };
        uint32_t cp = i + 4 < raw.size() ? hex4(i + 1) : 0xFFFD;
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u') {
          uint32_t low = hex4(i + 3);
          if (low >= 0xDC00 && low < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        appendUtf8(out, cp);
        break;
      }
      default: out += e;
    }
  }
}

bool parseJson(std::string_view text, JsonValue& out, std::string& error) {
  Reader reader(text, nullptr);
  return reader.document(&out, error);
}

bool findInJsonText(std::string_view text, const JsonPath& path, JsonSpan& span, std::string& error,
                    bool& needsDocument) {
  Reader reader(text, &path);
  if (!reader.document(nullptr, error)) return false;
  span = reader.span;
  needsDocument = reader.needsDocument;
  return true;
}

const JsonValue& jsonArgument(const Call& call, const Value& v, JsonValue& storage) {
  if (v.isObject()) {
    if (auto* json = dynamic_cast<const JsonObject*>(v.asObject())) return json->json();
    // JSON that an event brought into an object attribute, or json:groupAsObject's result: the
    // JSON it holds, not a string of it.
    if (auto* text = dynamic_cast<const JsonText*>(v.asObject())) {
      std::string error;
      if (!parseJson(text->text(), storage, error))
        call.fail("the input is not valid JSON (" + error + "): " + text->text());
      return storage;
    }
    storage = v.toString();
    return storage;
  }
  if (v.isString()) {
    std::string error;
    if (!parseJson(v.asString(), storage, error))
      call.fail("the input is not valid JSON (" + error + "): " + std::string(v.asString()));
    return storage;
  }
  storage = valueToJson(v);
  return storage;
}

namespace {

void walk(const JsonValue& node, const JsonPath& path, size_t step, std::vector<const JsonValue*>& out);

void apply(const JsonValue& node, const JsonPath& path, size_t step, std::vector<const JsonValue*>& out) {
  const JsonPathStep& s = path.steps[step];
  switch (s.kind) {
    case JsonPathStep::Kind::Child:
      if (node.is_object())
        for (const auto& name : s.names) {
          auto it = node.find(name);
          if (it != node.end()) walk(*it, path, step + 1, out);
        }
      break;
    case JsonPathStep::Kind::Index:
      if (node.is_array())
        for (int64_t index : s.indices) {
          int64_t i = index < 0 ? static_cast<int64_t>(node.size()) + index : index;
          if (i >= 0 && i < static_cast<int64_t>(node.size())) walk(node[static_cast<size_t>(i)], path, step + 1, out);
        }
      break;
    case JsonPathStep::Kind::Slice:
      if (node.is_array()) {
        int64_t n = static_cast<int64_t>(node.size());
        int64_t from = s.from.value_or(0), to = s.to.value_or(n);
        if (from < 0) from = std::max<int64_t>(0, n + from);
        if (to < 0) to = n + to;
        for (int64_t i = from; i < std::min(to, n); ++i) walk(node[static_cast<size_t>(i)], path, step + 1, out);
      }
      break;
    case JsonPathStep::Kind::Wildcard:
      if (node.is_object() || node.is_array())
        for (const auto& child : node) walk(child, path, step + 1, out);
      break;
  }
}

void deep(const JsonValue& node, const JsonPath& path, size_t step, std::vector<const JsonValue*>& out) {
  apply(node, path, step, out);
  if (node.is_object() || node.is_array())
    for (const auto& child : node) deep(child, path, step, out);
}

void walk(const JsonValue& node, const JsonPath& path, size_t step, std::vector<const JsonValue*>& out) {
  if (step == path.steps.size()) {
    out.push_back(&node);
    return;
  }
  if (path.steps[step].deep) deep(node, path, step, out);
  else apply(node, path, step, out);
}

}  // namespace

void selectJson(const JsonValue& root, const JsonPath& path, std::vector<const JsonValue*>& out) {
  out.clear();
  walk(root, path, 0, out);
}

Value jsonToValue(const JsonValue& j) {
  switch (j.type()) {
    case JsonValue::value_t::null: return Value();
    case JsonValue::value_t::boolean: return Value::ofBool(j.get<bool>());
    case JsonValue::value_t::number_integer:
    case JsonValue::value_t::number_unsigned: {
      int64_t v = j.get<int64_t>();
      if (v >= INT32_MIN && v <= INT32_MAX) return Value::ofInt(static_cast<int32_t>(v));
      return Value::ofLong(v);
    }
    case JsonValue::value_t::number_float: return Value::ofDouble(j.get<double>());
    case JsonValue::value_t::string: return Value::ofString(j.get_ref<const std::string&>());
    default: return Value::ofObject(new JsonObject(j));
  }
}

JsonValue valueToJson(const Value& v) {
  switch (v.tag()) {
    case Value::Tag::Null: return nullptr;
    case Value::Tag::Int:
    case Value::Tag::Long: return v.asLong();
    case Value::Tag::Float: return static_cast<double>(v.asFloat());
    case Value::Tag::Double: return v.asDouble();
    case Value::Tag::Bool: return v.asBool();
    case Value::Tag::InlineString:
    case Value::Tag::HeapString: return std::string(v.asString());
    case Value::Tag::Object:
      if (auto* json = dynamic_cast<const JsonObject*>(v.asObject())) return json->json();
      return v.toString();
  }
  return nullptr;
}

void appendJsonText(std::string& out, const JsonValue& j, bool gson) {
  appendJson(out, j, gson ? Style::Gson : Style::Plain, false);
}

void appendJsonSmartText(std::string& out, const JsonValue& j, bool sortedMembers) {
  appendJson(out, j, Style::Smart, sortedMembers);
}

void appendJsonSmartString(std::string& out, std::string_view s) { appendQuoted(out, s, Style::Smart); }

std::string JsonObject::toString() const {
  std::string out;
  appendJsonText(out, json_, false);
  return out;
}

bool JsonObject::equals(const Object& other) const {
  auto* json = dynamic_cast<const JsonObject*>(&other);
  return json && json->json_ == json_;
}

size_t JsonObject::hash() const { return std::hash<JsonValue>()(json_); }

JsonPathSource::JsonPathSource(const TypedExpr& arg) {
  if (arg.isConstant()) {
    std::string error;
    constant_ = JsonPath::parse(arg.constant.asString(), error);
    if (!constant_) throw std::logic_error(error);  // the analyzer rejects these
  }
}

const JsonPath& JsonPathSource::get(const Call& call, const Value& path) const {
  if (constant_) return *constant_;
  std::string_view text = path.asString();
  if (!last_ || text != lastText_) {
    std::string error;
    last_ = JsonPath::parse(text, error);
    if (!last_) call.fail(error);
    lastText_.assign(text);
  }
  return *last_;
}

namespace {

class JsonGroupElement final : public TypedEvaluator<Value> {
 public:
  JsonGroupElement(EvaluatorPtr json, std::string function)
      : TypedEvaluator<Value>(Type::Object), json_(std::move(json)), function_(std::move(function)) {}

  bool eval(const EvalContext& ctx, Value& out) const override {
    Value v = json_->evalValue(ctx);
    if (v.isNull()) return false;
    const JsonValue* document = &storage_;
    auto* object = v.isObject() ? dynamic_cast<const JsonObject*>(v.asObject()) : nullptr;
    if (object) {
      document = &object->json();
    } else {
      std::string text = v.isString() ? std::string(v.asString()) : v.toString();
      std::string error;
      if (!parseJson(text, storage_, error)) fail("the input is not valid JSON (" + error + "): " + text);
    }
    if (!document->is_object()) fail("needs a JSON object, but the input is " + v.toString());
    std::string text, key;
    appendJsonSmartText(text, *document, false);
    appendJsonSmartText(key, *document, true);
    if (key == text) key.clear();
    out = Value::ofObject(new runtime::JsonElement(std::move(text), std::move(key)));
    return true;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw EvaluationError(function_ + "(): " + message); }

  EvaluatorPtr json_;
  std::string function_;
  mutable JsonValue storage_;
};

}  // namespace

EvaluatorPtr jsonGroupElement(EvaluatorPtr json, const std::string& function) {
  return std::make_unique<JsonGroupElement>(std::move(json), function);
}

}  // namespace cepheus::plan::fn
