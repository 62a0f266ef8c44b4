// regex: — siddhi-execution-regex, on RE2 (common/java_regex.h). A constant pattern is
// compiled once, when the app is deployed. As in the extension, a null pattern fails the call
// and a null input does not match (regex:group fails on either).
#include "plan/functions/function_support.h"
#include "plan/functions/text_support.h"

namespace cepheus::plan::fn {

namespace {

using V = Value;

template <bool (JavaRegex::*Test)(std::string_view) const>
EvaluatorPtr test(const TypedExpr& e) {
  auto regex = std::make_shared<RegexSource>(e.args[0]);
  return makeVariadic<bool>(
      e,
      [regex](Call& c, const V* v, size_t, bool& out) {
        if (v[0].isNull()) c.fail("the first argument (the pattern) cannot be null");
        out = !v[1].isNull() && (regex->get(c, v[0]).*Test)(v[1].asString());
        return true;
      },
      compileArguments(e));
}


// regex:find(regex, input[, starting.index]): a match at or after the start (a character index).
EvaluatorPtr find(const TypedExpr& e) {
  auto regex = std::make_shared<RegexSource>(e.args[0]);
  return makeVariadic<bool>(
      e,
      [regex](Call& c, const V* v, size_t n, bool& out) {
        if (v[0].isNull()) c.fail("the first argument (the pattern) cannot be null");
        out = false;
        if (v[1].isNull() || (n > 2 && v[2].isNull())) return true;
        const JavaRegex& re = regex->get(c, v[0]);
        std::string_view text = v[1].asString();
        size_t from = 0;
        if (n > 2) {
          int32_t start = v[2].asInt();
          from = start < 0 ? std::string_view::npos : isAscii(text) ? static_cast<size_t>(start) : byteOffsetOfChar(text, start);
          if (from == std::string_view::npos || from > text.size())
            c.fail("the starting index " + std::to_string(start) + " is out of the range of '" + std::string(text) + "'");
        }
        out = re.find(text, from);
        return true;
      },
      compileArguments(e));
}

// regex:group(regex, input, group.id): the group of the first match; null when nothing
// matches or the group does not exist or took no part.
EvaluatorPtr group(const TypedExpr& e) {
  auto regex = std::make_shared<RegexSource>(e.args[0]);
  return makeVariadic<V>(
      e,
      [regex](Call& c, const V* v, size_t, V& out) {
        for (size_t i = 0; i < 3; ++i)
          if (v[i].isNull()) c.fail(ordinalArgument(i) + " cannot be null");
        const JavaRegex& re = regex->get(c, v[0]);
        int32_t id = v[2].asInt();
        if (id < 0) c.fail("group " + std::to_string(id) + " does not exist");
        std::string_view found;
        if (id > re.groupCount() || !re.findGroup(v[1].asString(), id, found)) return false;
        out = Value::ofString(found);
        return true;
      },
      compileArguments(e));
}

}  // namespace

void addRegexFunctions(FactoryTable& t) {
  add(t, "regex:find", find);
  add(t, "regex:group", group);
  add(t, "regex:lookingAt", test<&JavaRegex::lookingAt>);
  add(t, "regex:matches", test<&JavaRegex::matches>);
}

}  // namespace cepheus::plan::fn
