// Building blocks of the extension library's evaluators (plan/functions/*_functions.cpp).
//
// A function of fixed arity is a lambda over its arguments' native values, wrapped in Fn<R, A...>:
// arguments are evaluated by typed evaluators (numbers promoted at plan time, as everywhere),
// a null argument either makes the result null or fails the call, and the lambda writes the
// native result. String results are built in a per-evaluator scratch buffer, reused from event
// to event, so only a result longer than a Value's inline 14 bytes allocates.
#pragma once

#include <string>
#include <tuple>
#include <utility>

#include "analyze/typed_expr.h"
#include "plan/expression_compiler.h"

namespace cepheus::plan::fn {

using analyze::TypedExpr;

// What a function does with a null argument.
enum class Nulls {
  Null,   // the result is null (math:, time:, json:)
  Error,  // the call fails, as most str: functions do in Siddhi ("argument cannot be null")
};

// The call a lambda is in: its name for messages, the evaluation context, the scratch buffer.
struct Call {
  const char* name;
  const EvalContext& ctx;
  std::string& scratch;

  [[noreturn]] void fail(const std::string& message) const {
    throw EvaluationError(std::string(name) + "(): " + message);
  }
  // `scratch` as the string result.
  bool result(Value& out) const {
    out = Value::ofString(scratch);
    return true;
  }
};

std::string ordinalArgument(size_t index);  // "the first argument"

// 'text', for messages. (Built by appending: GCC 12 at -O3 reports a false -Wrestrict for
// "'" + std::string(...).)
inline std::string inQuotes(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out.append(text);
  out += '\'';
  return out;
}

template <class T> constexpr Type nativeType() {
  if constexpr (std::is_same_v<T, int32_t>) return Type::Int;
  else if constexpr (std::is_same_v<T, int64_t>) return Type::Long;
  else if constexpr (std::is_same_v<T, float>) return Type::Float;
  else if constexpr (std::is_same_v<T, double>) return Type::Double;
  else if constexpr (std::is_same_v<T, bool>) return Type::Bool;
  else return Type::Object;
}

// An argument compiled to produce T (numbers widened to T; Value for strings and objects).
template <class T>
std::unique_ptr<TypedEvaluator<T>> argument(const TypedExpr& arg) {
  if constexpr (std::is_same_v<T, Value>) return compileAs<Value>(arg, arg.type);
  else return compileAs<T>(arg, nativeType<T>());
}

template <class R, class F, class... A>
class Fn final : public TypedEvaluator<R> {
 public:
  Fn(Type type, const std::string& name, Nulls nulls, F f, std::unique_ptr<TypedEvaluator<A>>... args)
      : TypedEvaluator<R>(type), name_(name), nulls_(nulls), f_(std::move(f)), args_(std::move(args)...) {}

  bool eval(const EvalContext& ctx, R& out) const override {
    return call(ctx, out, std::index_sequence_for<A...>{});
  }

 private:
  template <size_t... I>
  bool call(const EvalContext& ctx, R& out, std::index_sequence<I...>) const {
    std::tuple<A...> values{};
    bool present[sizeof...(A) + 1] = {std::get<I>(args_)->eval(ctx, std::get<I>(values))..., true};
    for (size_t i = 0; i < sizeof...(A); ++i) {
      if (present[i]) continue;
      if (nulls_ == Nulls::Null) return false;
      throw EvaluationError(name_ + "(): " + ordinalArgument(i) + " cannot be null");
    }
    Call c{name_.c_str(), ctx, scratch_};
    return f_(c, std::get<I>(values)..., out);
  }

  std::string name_;
  Nulls nulls_;
  F f_;
  std::tuple<std::unique_ptr<TypedEvaluator<A>>...> args_;
  mutable std::string scratch_;
};

template <class R, class... A, class F, size_t... I>
EvaluatorPtr makeFn(const TypedExpr& e, Nulls nulls, F f, std::index_sequence<I...>) {
  return std::make_unique<Fn<R, F, A...>>(e.type, e.name, nulls, std::move(f), argument<A>(e.args[I])...);
}

// The evaluator of call `e` computing R from arguments of native types A...:
//   fn::make<int32_t, Value>(e, Nulls::Error, [](Call& c, const Value& s, int32_t& out) {...})
template <class R, class... A, class F>
EvaluatorPtr make(const TypedExpr& e, Nulls nulls, F f) {
  return makeFn<R, A...>(e, nulls, std::move(f), std::index_sequence_for<A...>{});
}

// One argument read where it is when it can be: an attribute of the event by reference, a
// constant from the plan, anything else evaluated into a temporary. For the hottest functions
// (str:concat, regex: with a constant pattern), which then copy no Value per event.
class ArgumentRef {
 public:
  explicit ArgumentRef(const TypedExpr& arg);
  const Value& get(const EvalContext& ctx) const {
    if (slot_ >= 0) {
      const runtime::EventRow* row = ctx.slots[slot_];
      return row ? row->data[index_] : null_;
    }
    if (!evaluator_) return constant_;
    temporary_ = evaluator_->evalValue(ctx);
    return temporary_;
  }

 private:
  int slot_ = -1, index_ = 0;
  Value constant_;
  EvaluatorPtr evaluator_;
  mutable Value temporary_;
  static inline const Value null_{};
};

// The arguments of a call as Values, for VariadicFn: constants are evaluated once, strings and
// objects are evaluated straight into their slot (no temporary Value), numbers through
// evalValue().
class ValueArguments {
 public:
  ValueArguments() = default;
  explicit ValueArguments(std::vector<EvaluatorPtr> evaluators);  // none constant
  ValueArguments(const TypedExpr& call, size_t from);

  size_t size() const { return values_.size(); }
  const Value* evaluate(const EvalContext& ctx) const {
    for (size_t i = 0; i < evaluators_.size(); ++i) {
      const Evaluator* e = evaluators_[i].get();
      if (!e) continue;  // a constant, already in place
      if (direct_[i]) {
        if (!static_cast<const TypedEvaluator<Value>*>(e)->eval(ctx, values_[i])) values_[i] = Value();
      } else {
        values_[i] = e->evalValue(ctx);
      }
    }
    return values_.data();
  }

 private:
  std::vector<EvaluatorPtr> evaluators_;
  std::vector<bool> direct_;
  mutable std::vector<Value> values_;  // reused: no allocation per event
};

// A function taking any number of arguments, all evaluated as Values (str:concat, user
// functions): F is bool(Call&, const Value* args, size_t n, R& out); nulls are passed through.
template <class R, class F>
class VariadicFn final : public TypedEvaluator<R> {
 public:
  VariadicFn(Type type, const std::string& name, F f, ValueArguments args)
      : TypedEvaluator<R>(type), name_(name), f_(std::move(f)), args_(std::move(args)) {}

  bool eval(const EvalContext& ctx, R& out) const override {
    const Value* values = args_.evaluate(ctx);
    Call c{name_.c_str(), ctx, scratch_};
    return f_(c, values, args_.size(), out);
  }

 private:
  std::string name_;
  F f_;
  ValueArguments args_;
  mutable std::string scratch_;
};

template <class R, class F>
EvaluatorPtr makeVariadic(const TypedExpr& e, F f, ValueArguments args) {
  return std::make_unique<VariadicFn<R, F>>(e.type, e.name, std::move(f), std::move(args));
}

// Every argument from `from` on, compiled as-is (its own type), for makeVariadic.
inline ValueArguments compileArguments(const TypedExpr& e, size_t from = 0) { return ValueArguments(e, from); }

// Appends a value's Java text form (String.valueOf) without allocating: 10.0, true, the string.
void appendJavaText(std::string& out, const Value& v);

// The constant string argument `i` of `e`, when it is one.
inline const Value* constantArgument(const TypedExpr& e, size_t i) {
  return i < e.args.size() && e.args[i].isConstant() ? &e.args[i].constant : nullptr;
}

// Registration: each namespace's file adds its factories.
using Factory = EvaluatorPtr (*)(const TypedExpr& call);
struct FactoryTable;
void add(FactoryTable& table, const char* name, Factory factory);

void addStringFunctions(FactoryTable& table);
void addRegexFunctions(FactoryTable& table);
void addMathFunctions(FactoryTable& table);
void addTimeFunctions(FactoryTable& table);
void addJsonFunctions(FactoryTable& table);
void addGeoFunctions(FactoryTable& table);

}  // namespace cepheus::plan::fn
