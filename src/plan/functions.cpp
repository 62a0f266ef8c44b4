// SiddhiQL's built-in scalar functions (feature inventory §6). They work on Values: they are
// rarer than arithmetic and comparisons, and several take arguments of any type.
#include <cctype>
#include <charconv>
#include <random>

#include "plan/expression_compiler.h"
#include "runtime/clock.h"
#include "runtime/set_object.h"

namespace cepheus::plan {

using analyze::ScalarFunction;
using analyze::TypedExpr;

namespace {

class FunctionEval : public Evaluator {
 public:
  FunctionEval(Type type, std::vector<EvaluatorPtr> args) : Evaluator(type), args_(std::move(args)) {}

 protected:
  Value arg(const EvalContext& ctx, size_t i) const { return args_[i]->evalValue(ctx); }
  std::vector<EvaluatorPtr> args_;
};

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Java's Integer.parseInt / Long.parseLong: optional sign, digits only.
std::optional<int64_t> parseInteger(std::string_view text, int64_t min, int64_t max) {
  std::string s(text);
  size_t start = (!s.empty() && s[0] == '+') ? 1 : 0;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data() + start, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.size() == start) return std::nullopt;
  if (v < min || v > max) return std::nullopt;
  return v;
}

// Java's Double.parseDouble: surrounding blanks allowed, an optional d/f suffix.
std::optional<double> parseReal(std::string_view text) {
  std::string s = trim(text);
  if (!s.empty() && (s.back() == 'd' || s.back() == 'D' || s.back() == 'f' || s.back() == 'F'))
    s.pop_back();
  if (s.empty()) return std::nullopt;
  size_t start = s[0] == '+' ? 1 : 0;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data() + start, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// Java's narrowing of a double to an integer type: truncation, NaN -> 0, saturation.
template <class I>
I truncate(double d) {
  if (std::isnan(d)) return 0;
  if (d >= static_cast<double>(std::numeric_limits<I>::max())) return std::numeric_limits<I>::max();
  if (d <= static_cast<double>(std::numeric_limits<I>::min())) return std::numeric_limits<I>::min();
  return static_cast<I>(d);
}

Value convertValue(const Value& v, Type target) {
  if (v.isNull()) return v;
  if (v.isObject()) return target == Type::String ? Value::ofString(v.toString()) : Value();
  if (target == Type::String) return Value::ofString(v.toString());
  if (v.isString()) {
    std::string_view s = v.asString();
    switch (target) {
      case Type::Int: {
        auto n = parseInteger(s, INT32_MIN, INT32_MAX);
        return n ? Value::ofInt(static_cast<int32_t>(*n)) : Value();
      }
      case Type::Long: {
        auto n = parseInteger(s, INT64_MIN, INT64_MAX);
        return n ? Value::ofLong(*n) : Value();
      }
      case Type::Float: {
        auto d = parseReal(s);
        return d ? Value::ofFloat(static_cast<float>(*d)) : Value();
      }
      case Type::Double: {
        auto d = parseReal(s);
        return d ? Value::ofDouble(*d) : Value();
      }
      case Type::Bool: {
        std::string lower(s);
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return Value::ofBool(lower == "true");
      }
      default: return Value();
    }
  }
  if (v.tag() == Value::Tag::Bool) {
    int one = v.asBool() ? 1 : 0;
    switch (target) {
      case Type::Int: return Value::ofInt(one);
      case Type::Long: return Value::ofLong(one);
      case Type::Float: return Value::ofFloat(static_cast<float>(one));
      case Type::Double: return Value::ofDouble(one);
      case Type::Bool: return v;
      default: return Value();
    }
  }
  // A number.
  bool integral = v.tag() == Value::Tag::Int || v.tag() == Value::Tag::Long;
  switch (target) {
    case Type::Int:
      return Value::ofInt(integral ? static_cast<int32_t>(v.asLong()) : truncate<int32_t>(v.toDouble()));
    case Type::Long: return Value::ofLong(integral ? v.asLong() : truncate<int64_t>(v.toDouble()));
    case Type::Float: return Value::ofFloat(static_cast<float>(integral ? static_cast<double>(v.asLong()) : v.toDouble()));
    case Type::Double: return Value::ofDouble(v.tag() == Value::Tag::Float ? static_cast<double>(v.asFloat()) : v.toDouble());
    case Type::Bool: return Value::ofBool(v.toDouble() == 1.0);
    default: return Value();
  }
}

class ConvertEval final : public FunctionEval {
 public:
  ConvertEval(Type type, std::vector<EvaluatorPtr> args) : FunctionEval(type, std::move(args)) {}
  Value evalValue(const EvalContext& ctx) const override { return convertValue(arg(ctx, 0), type()); }
};

// cast() re-labels a value whose run-time type already is the target (int widens to long).
class CastEval final : public FunctionEval {
 public:
  CastEval(Type type, std::vector<EvaluatorPtr> args) : FunctionEval(type, std::move(args)) {}
  Value evalValue(const EvalContext& ctx) const override {
    Value v = arg(ctx, 0);
    if (v.isNull() || type() == Type::Object) return v;
    using Tag = Value::Tag;
    switch (type()) {
      case Type::String: if (v.isString()) return v; break;
      case Type::Int: if (v.tag() == Tag::Int) return v; break;
      case Type::Long:
        if (v.tag() == Tag::Long) return v;
        if (v.tag() == Tag::Int) return Value::ofLong(v.asLong());
        break;
      case Type::Float: if (v.tag() == Tag::Float) return v; break;
      case Type::Double: if (v.tag() == Tag::Double) return v; break;
      case Type::Bool: if (v.tag() == Tag::Bool) return v; break;
      default: break;
    }
    throw EvaluationError("cast(): value '" + v.toString() + "' is not a " + typeName(type()));
  }
};

class CoalesceEval final : public FunctionEval {
 public:
  using FunctionEval::FunctionEval;
  Value evalValue(const EvalContext& ctx) const override {
    for (const auto& a : args_) {
      Value v = a->evalValue(ctx);
      if (!v.isNull()) return v;
    }
    return Value();
  }
};

class IfThenElseEval final : public FunctionEval {
 public:
  using FunctionEval::FunctionEval;
  Value evalValue(const EvalContext& ctx) const override {
    Value c = arg(ctx, 0);
    return (!c.isNull() && c.asBool()) ? arg(ctx, 1) : arg(ctx, 2);  // only one branch runs
  }
};

class InstanceOfEval final : public FunctionEval {
 public:
  InstanceOfEval(std::vector<EvaluatorPtr> args, std::vector<Value::Tag> tags)
      : FunctionEval(Type::Bool, std::move(args)), tags_(std::move(tags)) {}
  Value evalValue(const EvalContext& ctx) const override {
    Value v = arg(ctx, 0);
    for (auto t : tags_)
      if (v.tag() == t) return Value::ofBool(true);
    return Value::ofBool(false);
  }

 private:
  std::vector<Value::Tag> tags_;
};

// maximum()/minimum() skip nulls. (Siddhi's maximum starts from Double.MIN_VALUE and so gets
// all-negative inputs wrong; we return the true maximum.)
class ExtremeEval final : public FunctionEval {
 public:
  ExtremeEval(Type type, std::vector<EvaluatorPtr> args, bool maximum)
      : FunctionEval(type, std::move(args)), maximum_(maximum) {}
  Value evalValue(const EvalContext& ctx) const override {
    Value best;
    for (const auto& a : args_) {
      Value v = a->evalValue(ctx);
      if (v.isNull()) continue;
      if (best.isNull() || (maximum_ ? greater(v, best) : greater(best, v))) best = v;
    }
    return best;
  }

 private:
  // Integers compare as integers (a double cannot hold every long exactly).
  bool greater(const Value& a, const Value& b) const {
    if (type() == Type::Int || type() == Type::Long) return a.asLong() > b.asLong();
    return a.toDouble() > b.toDouble();
  }
  bool maximum_;
};

class EventTimestampEval final : public FunctionEval {
 public:
  // Slot -1: the event itself (a joined event's timestamp is its trigger's).
  explicit EventTimestampEval(int slot) : FunctionEval(Type::Long, {}), slot_(slot) {}
  Value evalValue(const EvalContext& ctx) const override {
    const runtime::EventRow* row = slot_ < 0 ? ctx.event : ctx.slots[slot_];
    return row ? Value::ofLong(row->timestamp) : Value();
  }

 private:
  int slot_;
};

class CurrentTimeEval final : public FunctionEval {
 public:
  CurrentTimeEval() : FunctionEval(Type::Long, {}) {}
  Value evalValue(const EvalContext& ctx) const override { return Value::ofLong(ctx.clock->now()); }
};

class UuidEval final : public FunctionEval {
 public:
  UuidEval() : FunctionEval(Type::String, {}) {}
  Value evalValue(const EvalContext&) const override {
    thread_local std::mt19937_64 random{std::random_device{}()};
    uint64_t hi = random(), lo = random();
    hi = (hi & ~0xF000ULL) | 0x4000ULL;                       // version 4
    lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);        // variant 10
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return Value::ofString(text);
  }
};

class CreateSetEval final : public FunctionEval {
 public:
  using FunctionEval::FunctionEval;
  Value evalValue(const EvalContext& ctx) const override {
    auto* set = new runtime::SetObject();
    Value v = arg(ctx, 0);
    if (!v.isNull()) set->items.insert(v);
    return Value::ofObject(set);
  }
};

class SizeOfSetEval final : public FunctionEval {
 public:
  using FunctionEval::FunctionEval;
  Value evalValue(const EvalContext& ctx) const override {
    Value v = arg(ctx, 0);
    if (v.isNull()) return Value::ofInt(0);
    auto* set = v.isObject() ? dynamic_cast<const runtime::SetObject*>(v.asObject()) : nullptr;
    if (!set) throw EvaluationError("sizeOfSet(): '" + v.toString() + "' is not a set");
    return Value::ofInt(static_cast<int32_t>(set->items.size()));
  }
};

}  // namespace

EvaluatorPtr compileFunction(const TypedExpr& e) {
  std::vector<EvaluatorPtr> args;
  for (const auto& a : e.args) args.push_back(compileExpression(a));
  using Tag = Value::Tag;
  switch (e.function) {
    case ScalarFunction::Convert: return std::make_unique<ConvertEval>(e.type, std::move(args));
    case ScalarFunction::Cast: return std::make_unique<CastEval>(e.type, std::move(args));
    case ScalarFunction::Coalesce:
    case ScalarFunction::Default: return std::make_unique<CoalesceEval>(e.type, std::move(args));
    case ScalarFunction::IfThenElse: return std::make_unique<IfThenElseEval>(e.type, std::move(args));
    case ScalarFunction::InstanceOfBoolean: return std::make_unique<InstanceOfEval>(std::move(args), std::vector{Tag::Bool});
    case ScalarFunction::InstanceOfDouble: return std::make_unique<InstanceOfEval>(std::move(args), std::vector{Tag::Double});
    case ScalarFunction::InstanceOfFloat: return std::make_unique<InstanceOfEval>(std::move(args), std::vector{Tag::Float});
    case ScalarFunction::InstanceOfInteger: return std::make_unique<InstanceOfEval>(std::move(args), std::vector{Tag::Int});
    case ScalarFunction::InstanceOfLong: return std::make_unique<InstanceOfEval>(std::move(args), std::vector{Tag::Long});
    case ScalarFunction::InstanceOfString:
      return std::make_unique<InstanceOfEval>(std::move(args), std::vector{Tag::InlineString, Tag::HeapString});
    case ScalarFunction::Maximum: return std::make_unique<ExtremeEval>(e.type, std::move(args), true);
    case ScalarFunction::Minimum: return std::make_unique<ExtremeEval>(e.type, std::move(args), false);
    case ScalarFunction::EventTimestamp: return std::make_unique<EventTimestampEval>(e.slot);
    case ScalarFunction::CurrentTimeMillis: return std::make_unique<CurrentTimeEval>();
    case ScalarFunction::Uuid: return std::make_unique<UuidEval>();
    case ScalarFunction::CreateSet: return std::make_unique<CreateSetEval>(e.type, std::move(args));
    case ScalarFunction::SizeOfSet: return std::make_unique<SizeOfSetEval>(e.type, std::move(args));
    case ScalarFunction::Extension:
    case ScalarFunction::User: break;  // compileExpression() compiles them (functions/)
  }
  throw std::logic_error("unknown function");
}

}  // namespace cepheus::plan
