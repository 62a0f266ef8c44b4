#include "plan/expression_compiler.h"

#include <cmath>
#include <limits>

#include "common/json_text.h"
#include "plan/functions/extension_functions.h"
#include "plan/functions/json_support.h"
#include "runtime/clock.h"

namespace cepheus::plan {

using analyze::ExprOp;
using analyze::TypedExpr;

namespace {

template <class T>
class ConstantEval final : public TypedEvaluator<T> {
 public:
  ConstantEval(Type type, T value) : TypedEvaluator<T>(type), value_(value) {}
  bool eval(const EvalContext&, T& out) const override {
    out = value_;
    return true;
  }

 private:
  T value_;
};

template <class T>
class AttributeEval final : public TypedEvaluator<T> {
 public:
  AttributeEval(Type type, int slot, int index, bool optional)
      : TypedEvaluator<T>(type), slot_(slot), index_(index), optional_(optional) {}
  bool eval(const EvalContext& ctx, T& out) const override {
    const runtime::EventRow* row = ctx.slots[slot_];
    if (optional_ && !row) return false;
    const Value& v = row->data[index_];
    if (v.isNull()) return false;
    out = fromValue<T>(v);
    return true;
  }

 private:
  int slot_;
  int index_;
  bool optional_;
};

// `e1[k].x` / `e1[last-k].x`: one row of a slot that holds a list of rows.
template <class T>
class IndexedAttributeEval final : public TypedEvaluator<T> {
 public:
  IndexedAttributeEval(Type type, int slot, ast::EventIndex at, int index)
      : TypedEvaluator<T>(type), slot_(slot), at_(at), index_(index) {}
  bool eval(const EvalContext& ctx, T& out) const override {
    if (!ctx.lists) return false;
    const runtime::RowList& list = ctx.lists[slot_];
    int64_t k = at_.fromLast ? static_cast<int64_t>(list.count) - 1 - at_.offset : at_.offset;
    if (k < 0 || k >= static_cast<int64_t>(list.count)) return false;
    const Value& v = list.rows[k].data[index_];
    if (v.isNull()) return false;
    out = fromValue<T>(v);
    return true;
  }

 private:
  int slot_;
  ast::EventIndex at_;
  int index_;
};

// The row `at` of a slot's list (e1[0], e1[last-1]), or -1 when out of range.
inline int64_t rowAt(const runtime::RowList& list, ast::EventIndex at) {
  int64_t k = at.fromLast ? static_cast<int64_t>(list.count) - 1 - at.offset : at.offset;
  return k >= 0 && k < static_cast<int64_t>(list.count) ? k : -1;
}

// `e1.x` selected from a counted pattern state: x of every event it collected, as a JSON list
// (Siddhi gives a list object; as JSON it leaves `cepheus run` as an array).
class SlotValuesEval final : public TypedEvaluator<Value> {
 public:
  SlotValuesEval(int slot, int index) : TypedEvaluator<Value>(Type::Object), slot_(slot), index_(index) {}
  bool eval(const EvalContext& ctx, Value& out) const override {
    if (!ctx.lists) return false;
    const runtime::RowList& list = ctx.lists[slot_];
    fn::JsonValue values = fn::JsonValue::array();
    for (uint32_t i = 0; i < list.count; ++i) values.push_back(fn::valueToJson(list.rows[i].data[index_]));
    std::string text;
    fn::appendJsonText(text, values, false);
    out = Value::ofObject(new JsonText(std::move(text)));
    return true;
  }

 private:
  int slot_;
  int index_;
};

// `e1[k] is null`: the counted state has no k-th event.
class IndexedSlotIsNullEval final : public BoolEvaluator {
 public:
  IndexedSlotIsNullEval(int slot, ast::EventIndex at) : BoolEvaluator(Type::Bool), slot_(slot), at_(at) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    out = !ctx.lists || rowAt(ctx.lists[slot_], at_) < 0;
    return true;
  }

 private:
  int slot_;
  ast::EventIndex at_;
};

template <class T>
class AggregateEval final : public TypedEvaluator<T> {
 public:
  AggregateEval(Type type, int index) : TypedEvaluator<T>(type), index_(index) {}
  bool eval(const EvalContext& ctx, T& out) const override {
    const Value& v = ctx.aggregates[index_];
    if (v.isNull()) return false;
    out = fromValue<T>(v);
    return true;
  }

 private:
  int index_;
};

// Numeric widening (int -> long -> float -> double), as Java promotes operands.
template <class From, class To>
class PromoteEval final : public TypedEvaluator<To> {
 public:
  PromoteEval(Type type, std::unique_ptr<TypedEvaluator<From>> child)
      : TypedEvaluator<To>(type), child_(std::move(child)) {}
  bool eval(const EvalContext& ctx, To& out) const override {
    From v;
    if (!child_->eval(ctx, v)) return false;
    out = static_cast<To>(v);
    return true;
  }

 private:
  std::unique_ptr<TypedEvaluator<From>> child_;
};

// Reads any evaluator's Value result as T (for function results of a known type).
template <class T>
class FromValueEval final : public TypedEvaluator<T> {
 public:
  explicit FromValueEval(EvaluatorPtr child) : TypedEvaluator<T>(child->type()), child_(std::move(child)) {}
  bool eval(const EvalContext& ctx, T& out) const override {
    Value v = child_->evalValue(ctx);
    if (v.isNull()) return false;
    out = fromValue<T>(v);
    return true;
  }

 private:
  EvaluatorPtr child_;
};

// --- arithmetic, with Java's rules: wrap-around for integers, null for division by zero ---

template <class T> T wrapAdd(T a, T b) {
  if constexpr (std::is_integral_v<T>)
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) + static_cast<std::make_unsigned_t<T>>(b));
  else
    return a + b;
}
template <class T> T wrapSub(T a, T b) {
  if constexpr (std::is_integral_v<T>)
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) - static_cast<std::make_unsigned_t<T>>(b));
  else
    return a - b;
}
template <class T> T wrapMul(T a, T b) {
  if constexpr (std::is_integral_v<T>)
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) * static_cast<std::make_unsigned_t<T>>(b));
  else
    return a * b;
}

struct AddOp { template <class T> static bool apply(T a, T b, T& out) { out = wrapAdd(a, b); return true; } };
struct SubOp { template <class T> static bool apply(T a, T b, T& out) { out = wrapSub(a, b); return true; } };
struct MulOp { template <class T> static bool apply(T a, T b, T& out) { out = wrapMul(a, b); return true; } };
struct DivOp {
  template <class T> static bool apply(T a, T b, T& out) {
    if (b == 0) return false;
    if constexpr (std::is_integral_v<T>) {
      if (b == -1) {
        out = wrapSub(T{0}, a);  // MIN / -1 wraps to MIN in Java
        return true;
      }
    }
    out = a / b;
    return true;
  }
};
struct ModOp {
  template <class T> static bool apply(T a, T b, T& out) {
    if (b == 0) return false;
    if constexpr (std::is_integral_v<T>) {
      out = b == -1 ? 0 : a % b;
    } else {
      out = static_cast<T>(std::fmod(a, b));
    }
    return true;
  }
};

template <class T, class Op>
class ArithmeticEval final : public TypedEvaluator<T> {
 public:
  ArithmeticEval(Type type, std::unique_ptr<TypedEvaluator<T>> lhs, std::unique_ptr<TypedEvaluator<T>> rhs)
      : TypedEvaluator<T>(type), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  bool eval(const EvalContext& ctx, T& out) const override {
    T a, b;
    if (!lhs_->eval(ctx, a) || !rhs_->eval(ctx, b)) return false;
    return Op::apply(a, b, out);
  }

 private:
  std::unique_ptr<TypedEvaluator<T>> lhs_, rhs_;
};

// --- comparisons: false when an operand is null, except != which is then true ---

struct Eq { template <class T> static bool test(const T& a, const T& b) { return a == b; } static constexpr bool kNull = false; };
struct Ne { template <class T> static bool test(const T& a, const T& b) { return a != b; } static constexpr bool kNull = true; };
struct Lt { template <class T> static bool test(const T& a, const T& b) { return a < b; } static constexpr bool kNull = false; };
struct Le { template <class T> static bool test(const T& a, const T& b) { return a <= b; } static constexpr bool kNull = false; };
struct Gt { template <class T> static bool test(const T& a, const T& b) { return a > b; } static constexpr bool kNull = false; };
struct Ge { template <class T> static bool test(const T& a, const T& b) { return a >= b; } static constexpr bool kNull = false; };

template <class T, class Op>
class CompareEval final : public BoolEvaluator {
 public:
  CompareEval(std::unique_ptr<TypedEvaluator<T>> lhs, std::unique_ptr<TypedEvaluator<T>> rhs)
      : BoolEvaluator(Type::Bool), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    T a{}, b{};
    if (!lhs_->eval(ctx, a) || !rhs_->eval(ctx, b)) {
      out = Op::kNull;
      return true;
    }
    out = Op::test(a, b);
    return true;
  }

 private:
  std::unique_ptr<TypedEvaluator<T>> lhs_, rhs_;
};

// The most common filter shape, `attribute <op> constant`, in one virtual call.
template <class T, class Op>
class CompareAttributeConstantEval final : public BoolEvaluator {
 public:
  CompareAttributeConstantEval(int slot, int index, T constant)
      : BoolEvaluator(Type::Bool), slot_(slot), index_(index), constant_(constant) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    out = test(ctx.slots[slot_]->data[index_]);
    return true;
  }

  // Each row is written to the end of `out`, which only moves on when the row passes: no branch
  // to mispredict when about half the rows pass.
  bool selectRows(std::span<const runtime::EventRow> rows, std::vector<runtime::EventRow>& out) const override {
    size_t n = out.size();
    out.resize(n + rows.size());
    runtime::EventRow* at = out.data() + n;
    for (const runtime::EventRow& row : rows) {
      const runtime::EventRow* slot = row.parts ? row.parts->slots[slot_] : &row;
      bool control = row.kind == runtime::EventKind::Reset || row.kind == runtime::EventKind::Timer;
      *at = row;
      at += control || test(slot->data[index_]);
    }
    out.resize(static_cast<size_t>(at - out.data()));
    return true;
  }

 private:
  bool test(const Value& v) const { return v.isNull() ? Op::kNull : Op::test(fromValue<T>(v), constant_); }

  int slot_;
  int index_;
  T constant_;
};

// ==/!= on strings, bools and objects compare values.
template <class Op>
class ValueEqualityEval final : public BoolEvaluator {
 public:
  ValueEqualityEval(EvaluatorPtr lhs, EvaluatorPtr rhs)
      : BoolEvaluator(Type::Bool), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    Value a = lhs_->evalValue(ctx);
    Value b = rhs_->evalValue(ctx);
    if (a.isNull() || b.isNull()) {
      out = Op::kNull;
      return true;
    }
    out = Op::test(a, b);
    return true;
  }

 private:
  EvaluatorPtr lhs_, rhs_;
};

// `a == b` of two attributes that are not numbers (strings, bools, objects), compared where they
// are: a pattern state testing `symbol == e1.symbol` against every waiting match copies nothing.
template <class Op>
class AttributeEqualityEval final : public BoolEvaluator {
 public:
  AttributeEqualityEval(const TypedExpr& lhs, const TypedExpr& rhs)
      : BoolEvaluator(Type::Bool), lhsSlot_(lhs.slot), lhsIndex_(lhs.index), rhsSlot_(rhs.slot), rhsIndex_(rhs.index) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    const runtime::EventRow* a = ctx.slots[lhsSlot_];
    const runtime::EventRow* b = ctx.slots[rhsSlot_];
    if (!a || !b || a->data[lhsIndex_].isNull() || b->data[rhsIndex_].isNull()) {
      out = Op::kNull;
      return true;
    }
    out = Op::test(a->data[lhsIndex_], b->data[rhsIndex_]);
    return true;
  }

 private:
  int lhsSlot_, lhsIndex_, rhsSlot_, rhsIndex_;
};

// --- logic: null counts as false ---

class AndEval final : public BoolEvaluator {
 public:
  AndEval(std::unique_ptr<BoolEvaluator> lhs, std::unique_ptr<BoolEvaluator> rhs)
      : BoolEvaluator(Type::Bool), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    bool a = false, b = false;
    out = lhs_->eval(ctx, a) && a && rhs_->eval(ctx, b) && b;
    return true;
  }

 private:
  std::unique_ptr<BoolEvaluator> lhs_, rhs_;
};

class OrEval final : public BoolEvaluator {
 public:
  OrEval(std::unique_ptr<BoolEvaluator> lhs, std::unique_ptr<BoolEvaluator> rhs)
      : BoolEvaluator(Type::Bool), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    bool a = false, b = false;
    out = (lhs_->eval(ctx, a) && a) || (rhs_->eval(ctx, b) && b);
    return true;
  }

 private:
  std::unique_ptr<BoolEvaluator> lhs_, rhs_;
};

// not(x) is true unless x is exactly true (so a null passes).
class NotEval final : public BoolEvaluator {
 public:
  explicit NotEval(std::unique_ptr<BoolEvaluator> operand)
      : BoolEvaluator(Type::Bool), operand_(std::move(operand)) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    bool v = false;
    out = !(operand_->eval(ctx, v) && v);
    return true;
  }

 private:
  std::unique_ptr<BoolEvaluator> operand_;
};

class IsNullEval final : public BoolEvaluator {
 public:
  explicit IsNullEval(EvaluatorPtr operand) : BoolEvaluator(Type::Bool), operand_(std::move(operand)) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    out = operand_->evalValue(ctx).isNull();
    return true;
  }

 private:
  EvaluatorPtr operand_;
};

class SlotIsNullEval final : public BoolEvaluator {
 public:
  explicit SlotIsNullEval(int slot) : BoolEvaluator(Type::Bool), slot_(slot) {}
  bool eval(const EvalContext& ctx, bool& out) const override {
    out = ctx.slots[slot_] == nullptr;
    return true;
  }

 private:
  int slot_;
};

// --- dispatch on types, done once at plan time ---

template <template <class> class Make, class... Args>
EvaluatorPtr byType(Type type, Args&&... args) {
  switch (type) {
    case Type::Int: return Make<int32_t>::make(type, std::forward<Args>(args)...);
    case Type::Long: return Make<int64_t>::make(type, std::forward<Args>(args)...);
    case Type::Float: return Make<float>::make(type, std::forward<Args>(args)...);
    case Type::Double: return Make<double>::make(type, std::forward<Args>(args)...);
    case Type::Bool: return Make<bool>::make(type, std::forward<Args>(args)...);
    default: return Make<Value>::make(type, std::forward<Args>(args)...);
  }
}

template <class T> struct MakeConstant {
  static EvaluatorPtr make(Type type, const Value& v) {
    return std::make_unique<ConstantEval<T>>(type, fromValue<T>(v));
  }
};
template <class T> struct MakeAttribute {
  static EvaluatorPtr make(Type type, int slot, int index, bool optional) {
    return std::make_unique<AttributeEval<T>>(type, slot, index, optional);
  }
};
template <class T> struct MakeIndexedAttribute {
  static EvaluatorPtr make(Type type, int slot, ast::EventIndex at, int index) {
    return std::make_unique<IndexedAttributeEval<T>>(type, slot, at, index);
  }
};
template <class T> struct MakeAggregate {
  static EvaluatorPtr make(Type type, int index) { return std::make_unique<AggregateEval<T>>(type, index); }
};

template <class T> struct MakeFromValue {
  static EvaluatorPtr make(Type, EvaluatorPtr child) { return std::make_unique<FromValueEval<T>>(std::move(child)); }
};

template <class T>
std::unique_ptr<TypedEvaluator<T>> downcast(EvaluatorPtr e) {
  return std::unique_ptr<TypedEvaluator<T>>(static_cast<TypedEvaluator<T>*>(e.release()));
}

template <class Op, class T>
EvaluatorPtr arithmeticOf(const TypedExpr& e) {
  return std::make_unique<ArithmeticEval<T, Op>>(e.type, compileAs<T>(e.args[0], e.type),
                                                 compileAs<T>(e.args[1], e.type));
}

template <class Op>
EvaluatorPtr arithmetic(const TypedExpr& e) {
  switch (e.type) {
    case Type::Int: return arithmeticOf<Op, int32_t>(e);
    case Type::Long: return arithmeticOf<Op, int64_t>(e);
    case Type::Float: return arithmeticOf<Op, float>(e);
    default: return arithmeticOf<Op, double>(e);
  }
}

template <class Op, class T>
EvaluatorPtr numericComparisonOf(const TypedExpr& e, Type common) {
  const TypedExpr& lhs = e.args[0];
  const TypedExpr& rhs = e.args[1];
  if (lhs.op == ExprOp::Attribute && !lhs.slotOptional && !lhs.eventIndex && lhs.type == common && rhs.isConstant()) {
    T constant = static_cast<T>(rhs.constant.toDouble());
    if constexpr (std::is_integral_v<T>) constant = static_cast<T>(rhs.constant.toLong());
    return std::make_unique<CompareAttributeConstantEval<T, Op>>(lhs.slot, lhs.index, constant);
  }
  return std::make_unique<CompareEval<T, Op>>(compileAs<T>(lhs, common), compileAs<T>(rhs, common));
}

template <class Op>
EvaluatorPtr comparison(const TypedExpr& e) {
  Type lt = e.args[0].type, rt = e.args[1].type;
  if (isNumeric(lt) && isNumeric(rt)) {
    Type common = analyze::widerNumeric(lt, rt);
    switch (common) {
      case Type::Int: return numericComparisonOf<Op, int32_t>(e, common);
      case Type::Long: return numericComparisonOf<Op, int64_t>(e, common);
      case Type::Float: return numericComparisonOf<Op, float>(e, common);
      default: return numericComparisonOf<Op, double>(e, common);
    }
  }
  if constexpr (std::is_same_v<Op, Eq> || std::is_same_v<Op, Ne>) {
    const TypedExpr& lhs = e.args[0];
    const TypedExpr& rhs = e.args[1];
    if (lhs.op == ExprOp::Attribute && rhs.op == ExprOp::Attribute && !lhs.eventIndex && !rhs.eventIndex)
      return std::make_unique<AttributeEqualityEval<Op>>(lhs, rhs);
    return std::make_unique<ValueEqualityEval<Op>>(compileExpression(e.args[0]), compileExpression(e.args[1]));
  } else {
    throw std::logic_error("only numbers can be ordered");  // the analyzer rejects this
  }
}

}  // namespace

template <class T>
std::unique_ptr<TypedEvaluator<T>> compileAs(const TypedExpr& expr, Type target) {
  EvaluatorPtr e = compileExpression(expr);
  if (expr.type == target) return downcast<T>(std::move(e));
  if constexpr (std::is_same_v<T, Value> || std::is_same_v<T, bool>) {
    return std::make_unique<FromValueEval<T>>(std::move(e));
  } else {
  switch (expr.type) {
    case Type::Int: return std::make_unique<PromoteEval<int32_t, T>>(target, downcast<int32_t>(std::move(e)));
    case Type::Long: return std::make_unique<PromoteEval<int64_t, T>>(target, downcast<int64_t>(std::move(e)));
    case Type::Float: return std::make_unique<PromoteEval<float, T>>(target, downcast<float>(std::move(e)));
    case Type::Double: return std::make_unique<PromoteEval<double, T>>(target, downcast<double>(std::move(e)));
    default: return std::make_unique<FromValueEval<T>>(std::move(e));
  }
  }
}

template std::unique_ptr<TypedEvaluator<int32_t>> compileAs<int32_t>(const TypedExpr&, Type);
template std::unique_ptr<TypedEvaluator<int64_t>> compileAs<int64_t>(const TypedExpr&, Type);
template std::unique_ptr<TypedEvaluator<float>> compileAs<float>(const TypedExpr&, Type);
template std::unique_ptr<TypedEvaluator<double>> compileAs<double>(const TypedExpr&, Type);
template std::unique_ptr<TypedEvaluator<bool>> compileAs<bool>(const TypedExpr&, Type);
template std::unique_ptr<TypedEvaluator<Value>> compileAs<Value>(const TypedExpr&, Type);

bool usesClock(const TypedExpr& e) {
  if (e.op == ExprOp::Function && e.function == analyze::ScalarFunction::CurrentTimeMillis) return true;
  for (const auto& a : e.args)
    if (usesClock(a)) return true;
  return false;
}

EvaluatorPtr compileExpression(const TypedExpr& e) {
  switch (e.op) {
    case ExprOp::Constant: return byType<MakeConstant>(e.type, e.constant);
    case ExprOp::Attribute:
      if (e.eventIndex) return byType<MakeIndexedAttribute>(e.type, e.slot, *e.eventIndex, e.index);
      return byType<MakeAttribute>(e.type, e.slot, e.index, e.slotOptional);
    case ExprOp::Aggregate: return byType<MakeAggregate>(e.type, e.index);
    case ExprOp::Add: return arithmetic<AddOp>(e);
    case ExprOp::Subtract: return arithmetic<SubOp>(e);
    case ExprOp::Multiply: return arithmetic<MulOp>(e);
    case ExprOp::Divide: return arithmetic<DivOp>(e);
    case ExprOp::Modulo: return arithmetic<ModOp>(e);
    case ExprOp::Equal: return comparison<Eq>(e);
    case ExprOp::NotEqual: return comparison<Ne>(e);
    case ExprOp::Less: return comparison<Lt>(e);
    case ExprOp::LessEqual: return comparison<Le>(e);
    case ExprOp::Greater: return comparison<Gt>(e);
    case ExprOp::GreaterEqual: return comparison<Ge>(e);
    case ExprOp::And: return std::make_unique<AndEval>(compileCondition(e.args[0]), compileCondition(e.args[1]));
    case ExprOp::Or: return std::make_unique<OrEval>(compileCondition(e.args[0]), compileCondition(e.args[1]));
    case ExprOp::Not: return std::make_unique<NotEval>(compileCondition(e.args[0]));
    case ExprOp::IsNull: return std::make_unique<IsNullEval>(compileExpression(e.args[0]));
    case ExprOp::SlotIsNull:
      if (e.eventIndex) return std::make_unique<IndexedSlotIsNullEval>(e.slot, *e.eventIndex);
      return std::make_unique<SlotIsNullEval>(e.slot);
    case ExprOp::SlotValues: return std::make_unique<SlotValuesEval>(e.slot, e.index);
    case ExprOp::Function:
      // The extension library and user functions compile to evaluators of their own type.
      if (e.function == analyze::ScalarFunction::Extension || e.function == analyze::ScalarFunction::User)
        return compileExtensionFunction(e);
      return byType<MakeFromValue>(e.type, compileFunction(e));
  }
  throw std::logic_error("unknown expression operator");
}

std::unique_ptr<BoolEvaluator> compileCondition(const TypedExpr& expr) {
  return downcast<bool>(compileExpression(expr));
}

}  // namespace cepheus::plan
