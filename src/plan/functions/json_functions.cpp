// json: — siddhi-execution-json. A path names values as Jayway's JsonPath.read does; a null
// JSON gives null (false for isExists); text that is not JSON fails the call; a value that is
// not of the asked type gives null, as in the extension (getInt of "John" is null).
#include <charconv>
#include <cmath>

#include "plan/functions/function_support.h"
#include "plan/functions/json_support.h"

namespace cepheus::plan::fn {

namespace {

using V = Value;

// What a path gives for getInt/getDouble/...: the text of one scalar (a string's own text,
// a number or bool's literal), or nothing. Lists of one value count as that value.
class ScalarReader {
 public:
  explicit ScalarReader(const TypedExpr& pathArg) : path_(pathArg) {}

  // False when the path gives nothing usable; `text` may point into `v` or into scratch.
  bool read(const Call& c, const V& json, const V& pathValue, std::string_view& text) const {
    const JsonPath& path = path_.get(c, pathValue);
    if (json.isString() && path.definite) {
      JsonSpan span;
      std::string error;
      bool needsDocument = false;
      if (!findInJsonText(json.asString(), path, span, error, needsDocument))
        c.fail("the input is not valid JSON (" + error + "): " + std::string(json.asString()));
      if (!needsDocument && span.kind != JsonSpan::Kind::Array) {
        switch (span.kind) {
          case JsonSpan::Kind::None:
          case JsonSpan::Kind::Null:
          case JsonSpan::Kind::Object: return false;
          case JsonSpan::Kind::String:
            if (span.escaped) {
              c.scratch.clear();
              decodeJsonString(span.raw, c.scratch);
              text = c.scratch;
            } else {
              text = span.raw;
            }
            return true;
          default: text = span.raw; return true;
        }
      }
    }
    const JsonValue& root = jsonArgument(c, json, storage_);
    selectJson(root, path, matches_);
    const JsonValue* node = nullptr;
    if (path.definite) {
      if (!matches_.empty()) node = matches_[0];
      if (node && node->is_array()) node = node->size() == 1 ? &(*node)[0] : nullptr;
    } else if (matches_.size() == 1) {
      node = matches_[0];
    }
    if (!node) return false;
    c.scratch.clear();
    switch (node->type()) {
      case JsonValue::value_t::string: text = node->get_ref<const std::string&>(); return true;
      case JsonValue::value_t::boolean:
      case JsonValue::value_t::number_integer:
      case JsonValue::value_t::number_unsigned:
      case JsonValue::value_t::number_float:
        appendJsonText(c.scratch, *node, false);
        text = c.scratch;
        return true;
      default: return false;
    }
  }

 private:
  JsonPathSource path_;
  mutable JsonValue storage_;
  mutable std::vector<const JsonValue*> matches_;
};

// Java's Integer.parseInt / Long.parseLong: optional sign, decimal digits, in range.
template <class I>
bool parseJavaInteger(std::string_view t, I& out) {
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  return !t.empty() && ec == std::errc() && end == t.data() + t.size();
}

// Java's Double.parseDouble: surrounding blanks, NaN, Infinity and a d/f suffix allowed.
bool parseJavaReal(std::string_view t, double& out) {
  while (!t.empty() && static_cast<unsigned char>(t.front()) <= ' ') t.remove_prefix(1);
  while (!t.empty() && static_cast<unsigned char>(t.back()) <= ' ') t.remove_suffix(1);
  if (!t.empty() && std::string_view("dDfF").find(t.back()) != std::string_view::npos) t.remove_suffix(1);
  bool negative = !t.empty() && t[0] == '-';
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t == "NaN") out = NAN;
  else if (t == "Infinity") out = INFINITY;
  else {
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return false;
  }
  if (negative) out = -out;
  return true;
}

template <class R>
EvaluatorPtr getScalar(const TypedExpr& e) {
  auto reader = std::make_shared<ScalarReader>(e.args[1]);
  return makeVariadic<R>(
      e,
      [reader](Call& c, const V* v, size_t, R& out) {
        if (v[1].isNull()) c.fail("the path cannot be null");
        std::string_view text;
        if (v[0].isNull() || !reader->read(c, v[0], v[1], text)) return false;
        if constexpr (std::is_same_v<R, bool>) {
          auto is = [&](std::string_view word) {
            if (text.size() != word.size()) return false;
            for (size_t i = 0; i < word.size(); ++i)
              if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
            return true;
          };
          if (is("true")) out = true;
          else if (is("false")) out = false;
          else return false;
          return true;
        } else if constexpr (std::is_same_v<R, int32_t> || std::is_same_v<R, int64_t>) {
          return parseJavaInteger(text, out);
        } else {
          double d = 0;
          if (!parseJavaReal(text, d)) return false;
          out = static_cast<R>(d);
          return true;
        }
      },
      compileArguments(e));
}

// The document and the values a path selects in it, for the functions that need the document.
struct Selection {
  JsonValue storage;
  std::vector<const JsonValue*> matches;
  const JsonValue* root = nullptr;
};

void select(const Call& c, const V& json, const JsonPath& path, Selection& s) {
  s.root = &jsonArgument(c, json, s.storage);
  selectJson(*s.root, path, s.matches);
}

// A string value itself; anything else as Gson writes it; an indefinite path gives the JSON
// array of its matches.
EvaluatorPtr getString(const TypedExpr& e) {
  auto path = std::make_shared<JsonPathSource>(e.args[1]);
  auto selection = std::make_shared<Selection>();
  return makeVariadic<V>(
      e,
      [path, selection](Call& c, const V* v, size_t, V& out) {
        if (v[1].isNull()) c.fail("the path cannot be null");
        if (v[0].isNull()) return false;
        const JsonPath& p = path->get(c, v[1]);
        if (v[0].isString() && p.definite) {
          JsonSpan span;
          std::string error;
          bool needsDocument = false;
          if (!findInJsonText(v[0].asString(), p, span, error, needsDocument))
            c.fail("the input is not valid JSON (" + error + "): " + std::string(v[0].asString()));
          if (!needsDocument) {
            switch (span.kind) {
              case JsonSpan::Kind::None:
              case JsonSpan::Kind::Null: return false;
              case JsonSpan::Kind::String:
                if (!span.escaped) {
                  out = Value::ofString(span.raw);
                  return true;
                }
                c.scratch.clear();
                decodeJsonString(span.raw, c.scratch);
                return c.result(out);
              case JsonSpan::Kind::True:
              case JsonSpan::Kind::False:
                out = Value::ofString(span.raw);
                return true;
              default: break;  // numbers are printed as Java prints them; objects via the document
            }
          }
        }
        select(c, v[0], p, *selection);
        c.scratch.clear();
        if (!p.definite) {
          c.scratch += '[';
          for (size_t i = 0; i < selection->matches.size(); ++i) {
            if (i) c.scratch += ',';
            appendJsonText(c.scratch, *selection->matches[i], true);
          }
          c.scratch += ']';
          return c.result(out);
        }
        if (selection->matches.empty() || selection->matches[0]->is_null()) return false;
        const JsonValue& node = *selection->matches[0];
        if (node.is_string()) {
          out = Value::ofString(node.get_ref<const std::string&>());
          return true;
        }
        appendJsonText(c.scratch, node, true);
        return c.result(out);
      },
      compileArguments(e));
}

EvaluatorPtr getObject(const TypedExpr& e) {
  auto path = std::make_shared<JsonPathSource>(e.args[1]);
  auto selection = std::make_shared<Selection>();
  return makeVariadic<V>(
      e,
      [path, selection](Call& c, const V* v, size_t, V& out) {
        if (v[1].isNull()) c.fail("the path cannot be null");
        if (v[0].isNull()) return false;
        const JsonPath& p = path->get(c, v[1]);
        select(c, v[0], p, *selection);
        const auto& m = selection->matches;
        if (p.definite) {
          if (m.empty()) return false;
          const JsonValue& node = *m[0];
          out = jsonToValue(node.is_array() && node.size() == 1 ? node[0] : node);
          return !out.isNull();
        }
        if (m.size() == 1) {
          out = jsonToValue(*m[0]);
          return !out.isNull();
        }
        JsonValue list = JsonValue::array();
        for (const JsonValue* node : m) list.push_back(*node);
        out = Value::ofObject(new JsonObject(std::move(list)));
        return true;
      },
      compileArguments(e));
}

// A definite path exists when it names a value (null included); an indefinite one when it
// selects anything.
EvaluatorPtr isExists(const TypedExpr& e) {
  auto path = std::make_shared<JsonPathSource>(e.args[1]);
  auto selection = std::make_shared<Selection>();
  return makeVariadic<bool>(
      e,
      [path, selection](Call& c, const V* v, size_t, bool& out) {
        if (v[1].isNull()) c.fail("the path cannot be null");
        out = false;
        if (v[0].isNull()) return true;
        const JsonPath& p = path->get(c, v[1]);
        if (v[0].isString() && p.definite) {
          JsonSpan span;
          std::string error;
          bool needsDocument = false;
          if (!findInJsonText(v[0].asString(), p, span, error, needsDocument))
            c.fail("the input is not valid JSON (" + error + "): " + std::string(v[0].asString()));
          if (!needsDocument) {
            out = span.kind != JsonSpan::Kind::None;
            return true;
          }
        }
        select(c, v[0], p, *selection);
        out = !selection->matches.empty();
        return true;
      },
      compileArguments(e));
}

// The element to insert: a string holding a JSON object or array is inserted as that
// structure, anything else as the value it is.
JsonValue elementOf(const V& v) {
  if (v.isString()) {
    JsonValue parsed;
    std::string error;
    if (parseJson(v.asString(), parsed, error) && (parsed.is_object() || parsed.is_array())) return parsed;
  }
  return valueToJson(v);
}

// Walks `doc` along a definite path to the node it names, or null.
JsonValue* nodeAt(JsonValue& doc, const JsonPath& path) {
  JsonValue* node = &doc;
  for (const auto& step : path.steps) {
    if (step.kind == JsonPathStep::Kind::Child && node->is_object()) {
      auto it = node->find(step.names[0]);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (step.kind == JsonPathStep::Kind::Index && node->is_array()) {
      int64_t i = step.indices[0] < 0 ? static_cast<int64_t>(node->size()) + step.indices[0] : step.indices[0];
      if (i < 0 || i >= static_cast<int64_t>(node->size())) return nullptr;
      node = &(*node)[static_cast<size_t>(i)];
    } else {
      return nullptr;
    }
  }
  return node;
}

// As Jayway's DocumentContext: a path naming an array appends the element; with a key the
// element becomes that member of the object the path names; otherwise it replaces the value
// there. A path that names nothing (or the wrong kind of value) leaves the JSON as it was.
EvaluatorPtr setElement(const TypedExpr& e) {
  auto path = std::make_shared<JsonPathSource>(e.args[1]);
  bool withKey = e.overload == 1;
  return makeVariadic<V>(
      e,
      [path, withKey](Call& c, const V* v, size_t, V& out) {
        if (v[1].isNull()) c.fail("the path cannot be null");
        if (withKey && v[3].isNull()) c.fail("the key cannot be null");
        if (v[0].isNull()) return false;
        JsonValue storage;
        JsonValue doc = jsonArgument(c, v[0], storage);  // a copy: documents in values are shared
        const JsonPath& p = path->get(c, v[1]);
        JsonValue element = elementOf(v[2]);
        if (p.definite) {
          JsonValue* node = nodeAt(doc, p);
          if (node && node->is_array()) {
            node->push_back(std::move(element));
          } else if (node && withKey) {
            if (node->is_object()) (*node)[std::string(v[3].asString())] = std::move(element);
          } else if (node && !p.steps.empty()) {
            *node = std::move(element);
          }
        } else {
          std::vector<const JsonValue*> matches;
          selectJson(doc, p, matches);
          bool allArrays = !matches.empty();
          for (const JsonValue* m : matches) allArrays = allArrays && m->is_array();
          if (allArrays)
            for (const JsonValue* m : matches) const_cast<JsonValue*>(m)->push_back(element);
        }
        out = jsonToValue(doc);
        return true;
      },
      compileArguments(e));
}

// JSON text to a value; text that is not JSON gives null, as in the extension.
EvaluatorPtr toObject(const TypedExpr& e) {
  return make<V, V>(e, Nulls::Null, [](Call&, const V& text, V& out) {
    JsonValue parsed;
    std::string error;
    if (!parseJson(text.asString(), parsed, error)) return false;
    out = jsonToValue(parsed);
    return !out.isNull();
  });
}

// Gson's toJson: a string becomes a quoted JSON string, an object its JSON text; with
// allow.escape the result is quoted once more.
EvaluatorPtr toString(const TypedExpr& e) {
  bool twoArguments = e.args.size() == 2;
  return makeVariadic<V>(
      e,
      [twoArguments](Call& c, const V* v, size_t, V& out) {
        if (twoArguments && (v[0].isNull() || v[1].isNull()))
          c.fail(std::string("null value passed: ") + (v[0].isNull() ? "json is null" : "allow.escape is null"));
        c.scratch.clear();
        JsonValue storage;
        appendJsonText(c.scratch, v[0].isObject() ? jsonArgument(c, v[0], storage) : valueToJson(v[0]), true);
        if (twoArguments && v[1].asBool()) {
          std::string quoted;
          appendJsonText(quoted, JsonValue(c.scratch), true);
          c.scratch = std::move(quoted);
        }
        return c.result(out);
      },
      compileArguments(e));
}

}  // namespace

void addJsonFunctions(FactoryTable& t) {
  add(t, "json:getBool", getScalar<bool>);
  add(t, "json:getDouble", getScalar<double>);
  add(t, "json:getFloat", getScalar<float>);
  add(t, "json:getInt", getScalar<int32_t>);
  add(t, "json:getLong", getScalar<int64_t>);
  add(t, "json:getObject", getObject);
  add(t, "json:getString", getString);
  add(t, "json:isExists", isExists);
  add(t, "json:setElement", setElement);
  add(t, "json:toObject", toObject);
  add(t, "json:toString", toString);
}

}  // namespace cepheus::plan::fn
