// JSON for the json: functions: a permissive reader (json-smart's permissive mode, which the
// extension uses: single-quoted strings, unquoted keys and words are accepted, so the docs'
// {'name' : 'John'} works), documents held in object Values, paths evaluated on documents, and
// the text forms Siddhi gives (Gson's).
//
// Reading a value at a definite path out of JSON text needs no document: the reader checks the
// whole text and notes where the value is, so json:getInt(payload, '$.user.age') allocates
// nothing. Documents (nlohmann's ordered_json, which keeps member order) are built only for
// paths with wildcards, object results and edits.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/json_path.h"
#include "plan/functions/function_support.h"

namespace cepheus::plan::fn {

using JsonValue = nlohmann::ordered_json;

// An object Value holding a JSON object or array.
class JsonObject final : public Object {
 public:
  explicit JsonObject(JsonValue json) : json_(std::move(json)) {}
  const JsonValue& json() const { return json_; }
  std::string toString() const override;  // compact JSON text
  bool equals(const Object& other) const override;
  size_t hash() const override;

 private:
  JsonValue json_;
};

// Parses permissive JSON text into `out`; false with the reason.
bool parseJson(std::string_view text, JsonValue& out, std::string& error);

// Where the value at a definite path is in a JSON text (the text is checked whole).
struct JsonSpan {
  enum class Kind { None, String, Number, True, False, Null, Object, Array };
  Kind kind = Kind::None;  // None: the path names nothing
  std::string_view raw;    // the value's text (a string's without its quotes)
  bool escaped = false;    // a string with escapes (decode with decodeJsonString)
};
// False (with the reason) when the text is not JSON, or when the path cannot be followed without a
// document (negative indices): the caller then builds one.
bool findInJsonText(std::string_view text, const JsonPath& path, JsonSpan& span, std::string& error,
                    bool& needsDocument);
void decodeJsonString(std::string_view raw, std::string& out);

// The document of a json argument: a JsonObject's own, or `storage` filled from JSON text (or
// with a scalar). Fails the call on invalid JSON.
const JsonValue& jsonArgument(const Call& call, const Value& v, JsonValue& storage);

// The values a path selects, in document order (at most one for a definite path).
void selectJson(const JsonValue& root, const JsonPath& path, std::vector<const JsonValue*>& out);

// Value <-> JSON: objects and arrays become JsonObject values; integers fitting an int are
// ints (as Java's parsers give Integer), others longs; decimals doubles.
Value jsonToValue(const JsonValue& j);
JsonValue valueToJson(const Value& v);

// JSON text. `gson`: as Gson writes it (the extension's toString), escaping <, >, &, = and '
// as \u003c...; doubles are written as Java prints them (12000.0).
void appendJsonText(std::string& out, const JsonValue& j, bool gson);
// As json-smart's toJSONString writes it (json:group's arrays): '/' as \/, U+007F..U+009F and
// U+2000..U+20FF as \uXXXX. `sortedMembers`: every object's members in name order, a text that
// objects equal as maps share.
void appendJsonSmartText(std::string& out, const JsonValue& j, bool sortedMembers = false);
void appendJsonSmartString(std::string& out, std::string_view s);  // a string, quoted

// What json:group and json:groupAsObject aggregate: the value of `json` (a string of JSON text
// or an object) as a runtime::JsonElement; null stays null. The event fails on text that is not
// JSON, or JSON that is not an object, as it does in the extension (which casts to JSONObject).
EvaluatorPtr jsonGroupElement(EvaluatorPtr json, const std::string& function);

// A JSON path argument: parsed at plan time when constant, else for each event's path.
class JsonPathSource {
 public:
  explicit JsonPathSource(const TypedExpr& arg);
  const JsonPath& get(const Call& call, const Value& path) const;

 private:
  std::optional<JsonPath> constant_;
  mutable std::string lastText_;
  mutable std::optional<JsonPath> last_;
};

}  // namespace cepheus::plan::fn
