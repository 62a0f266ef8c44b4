// regex: — siddhi-execution-regex, on RE2 (common/java_regex.h). A constant pattern is
// compiled once, when the app is deployed. As in the extension, a null pattern fails the call
// and a null input does not match (regex:group fails on either).
#include "plan/functions/function_support.h"
#include "plan/functions/text_support.h"

namespace cepheus::plan::fn {

namespace {

using V = Value;

// Answers for recently seen short inputs of a constant pattern. CEP inputs repeat (symbols,
// codes, hosts): most events are answered by one 16-byte comparison instead of a match.
// Only inline strings (at most 14 bytes) are remembered, so the table stays small.
class MatchMemo {
 public:
  bool find(const Value& input, bool& answer) const {
    const Slot& slot = slots_[input.hash() & (kSlots - 1)];
    if (!slot.used || !(slot.input == input)) return false;
    answer = slot.answer;
    return true;
  }
  void remember(const Value& input, bool answer) {
    Slot& slot = slots_[input.hash() & (kSlots - 1)];
    slot.input = input;
    slot.answer = answer;
    slot.used = true;
  }

 private:
  static constexpr size_t kSlots = 256;
  struct Slot {
    Value input;
    bool answer = false;
    bool used = false;
  };
  Slot slots_[kSlots];
};

// matches / lookingAt / find with a constant pattern: the input is read in place and short
// inputs are answered from the memo.
template <bool (JavaRegex::*Test)(std::string_view) const>
class ConstantPatternEval final : public TypedEvaluator<bool> {
 public:
  explicit ConstantPatternEval(const TypedExpr& e)
      : TypedEvaluator<bool>(Type::Bool), regex_(e.args[0]), input_(e.args[1]) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    const Value& input = input_.get(ctx);
    if (input.isNull()) {
      out = false;
      return true;
    }
    bool remembered = input.tag() == Value::Tag::InlineString;
    if (remembered && memo_.find(input, out)) return true;
    out = (regex_.constant()->*Test)(input.asString());
    if (remembered) memo_.remember(input, out);
    return true;
  }

 private:
  RegexSource regex_;
  ArgumentRef input_;
  mutable MatchMemo memo_;
};

template <bool (JavaRegex::*Test)(std::string_view) const>
EvaluatorPtr test(const TypedExpr& e) {
  if (e.args[0].isConstant()) return std::make_unique<ConstantPatternEval<Test>>(e);
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
