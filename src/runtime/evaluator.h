// Compiled expressions. The planner turns every TypedExpr into a tree of evaluators whose
// result type is fixed at plan time: a `double` filter operand is a TypedEvaluator<double>,
// read with no type switch, no name lookup and no allocation.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

#include "cepheus/value.h"
#include "runtime/chunk.h"

namespace cepheus::runtime {

class AppState;
class Clock;

// What an expression reads while it runs: the events in scope (one per slot: the input event,
// join sides, pattern references), the current aggregate results, the engine clock, and the
// app's state (the tables an `in` condition searches).
struct EvalContext {
  const EventRow* const* slots = nullptr;  // a null slot is an absent event
  const Value* aggregates = nullptr;
  const Clock* clock = nullptr;
  const RowList* lists = nullptr;  // per slot, all its rows (indexed pattern references)
  AppState* app = nullptr;
  // The event whose slots these are: a joined event's own timestamp is its trigger's, whichever
  // side that was (eventTimestamp() of a join).
  const EventRow* event = nullptr;

  // The context of one row: its own slot, or the slots of its parts.
  static EvalContext of(const EventRow* const& row, const Value* aggregates, const Clock* clock, AppState* app) {
    if (row->parts) return {row->parts->slots, aggregates, clock, row->parts->lists, app, row};
    return {&row, aggregates, clock, nullptr, app, row};
  }
};

// Raised by an expression that cannot produce a value for an event (e.g. sizeOfSet on a
// value that is not a set). The operator routes the event to the fault stream or logs it.
class EvaluationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Evaluator {
 public:
  explicit Evaluator(Type type) : type_(type) {}
  virtual ~Evaluator() = default;
  Type type() const { return type_; }
  // The result as a Value (for projections and generic functions).
  virtual Value evalValue(const EvalContext& ctx) const = 0;

  // A bool condition that can test a whole chunk in one call (an attribute against a constant,
  // without a branch per row): appends the rows that pass, and control rows (Reset, Timer), to
  // `out` in order and returns true. False when it has no such path; nothing is appended then.
  virtual bool selectRows(std::span<const EventRow> rows, std::vector<EventRow>& out) const { return false; }

 private:
  Type type_;
};

// The C++ type that carries each SiddhiQL type through typed evaluation.
template <Type T> struct Native;
template <> struct Native<Type::Int> { using type = int32_t; };
template <> struct Native<Type::Long> { using type = int64_t; };
template <> struct Native<Type::Float> { using type = float; };
template <> struct Native<Type::Double> { using type = double; };
template <> struct Native<Type::Bool> { using type = bool; };
template <> struct Native<Type::String> { using type = Value; };
template <> struct Native<Type::Object> { using type = Value; };

template <class T> inline Value toValue(const T& v);
template <> inline Value toValue(const int32_t& v) { return Value::ofInt(v); }
template <> inline Value toValue(const int64_t& v) { return Value::ofLong(v); }
template <> inline Value toValue(const float& v) { return Value::ofFloat(v); }
template <> inline Value toValue(const double& v) { return Value::ofDouble(v); }
template <> inline Value toValue(const bool& v) { return Value::ofBool(v); }
template <> inline Value toValue(const Value& v) { return v; }

// Reads a value known (by the schema) to hold T.
template <class T> inline T fromValue(const Value& v);
template <> inline int32_t fromValue(const Value& v) { return v.asInt(); }
template <> inline int64_t fromValue(const Value& v) { return v.asLong(); }
template <> inline float fromValue(const Value& v) { return v.asFloat(); }
template <> inline double fromValue(const Value& v) { return v.asDouble(); }
template <> inline bool fromValue(const Value& v) { return v.asBool(); }
template <> inline Value fromValue(const Value& v) { return v; }

template <class T>
class TypedEvaluator : public Evaluator {
 public:
  using Evaluator::Evaluator;
  // Writes the result into `out` and returns true, or returns false for null.
  virtual bool eval(const EvalContext& ctx, T& out) const = 0;
  Value evalValue(const EvalContext& ctx) const final {
    T v{};
    return eval(ctx, v) ? toValue<T>(v) : Value();
  }
};

using EvaluatorPtr = std::unique_ptr<Evaluator>;
using BoolEvaluator = TypedEvaluator<bool>;

}  // namespace cepheus::runtime
