// Compiles calls of the extension library and of user functions into typed evaluators.
#include "plan/functions/extension_functions.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>

#include "plan/functions/function_support.h"

namespace cepheus::plan {

using analyze::TypedExpr;

namespace fn {

struct FactoryTable {
  std::map<std::string, Factory, std::less<>> factories;
};

void add(FactoryTable& table, const char* name, Factory factory) { table.factories[name] = factory; }

std::string ordinalArgument(size_t index) {
  static const char* words[] = {"first", "second", "third", "fourth", "fifth", "sixth"};
  return std::string("the ") + (index < 6 ? words[index] : std::to_string(index + 1) + "th") + " argument";
}

ArgumentRef::ArgumentRef(const TypedExpr& arg) {
  if (arg.op == analyze::ExprOp::Attribute) {
    slot_ = arg.slot;
    index_ = arg.index;
  } else if (arg.isConstant()) {
    constant_ = arg.constant;
  } else {
    evaluator_ = compileExpression(arg);
  }
}

ValueArguments::ValueArguments(std::vector<EvaluatorPtr> evaluators) : evaluators_(std::move(evaluators)) {
  for (const auto& e : evaluators_) direct_.push_back(e->type() == Type::String || e->type() == Type::Object);
  values_.resize(evaluators_.size());
}

ValueArguments::ValueArguments(const TypedExpr& call, size_t from) {
  for (size_t i = from; i < call.args.size(); ++i) {
    const TypedExpr& arg = call.args[i];
    if (arg.isConstant()) {
      evaluators_.push_back(nullptr);
      direct_.push_back(false);
      values_.push_back(arg.constant);
      continue;
    }
    evaluators_.push_back(compileExpression(arg));
    direct_.push_back(arg.type == Type::String || arg.type == Type::Object);
    values_.emplace_back();
  }
}

namespace {

// Java's Double.toString / Float.toString: plain notation with at least one fraction digit for
// 1e-3 <= |d| < 1e7, else computerized scientific notation (1.0E10); the shortest digits that
// read back to the same value.
void appendJavaFloating(std::string& out, double d, bool isFloat) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
    return;
  }
  if (d == 0) {
    out += std::signbit(d) ? "-0.0" : "0.0";
    return;
  }
  double magnitude = std::fabs(d);
  if (!isFloat && magnitude >= 1e-3 && magnitude < 1e7) {
    // Most values in events have few decimals (prices, readings): the first k for which
    // N / 10^k reads back as the value gives its shortest text directly. Both N (< 2^53) and
    // 10^k are exact doubles, so the division is the correctly rounded value of N / 10^k.
    static const double kPowers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    for (int k = 0; k < 7; ++k) {
      int64_t n = static_cast<int64_t>(magnitude * kPowers[k] + 0.5);  // < 1e13: exact
      if (static_cast<double>(n) / kPowers[k] != magnitude) continue;
      char digits[24];
      char* last = std::to_chars(digits, digits + sizeof digits, n).ptr;
      int length = static_cast<int>(last - digits);
      if (d < 0) out += '-';
      if (length <= k) {  // 0.00ddd
        out += "0.";
        out.append(static_cast<size_t>(k - length), '0');
        out.append(digits, length);
      } else {
        out.append(digits, length - k);
        out += '.';
        if (k == 0) out += '0';
        else out.append(digits + length - k, k);
      }
      return;
    }
  }
  char sci[48];
  auto end = isFloat ? std::to_chars(sci, sci + sizeof sci, static_cast<float>(d), std::chars_format::scientific).ptr
                     : std::to_chars(sci, sci + sizeof sci, d, std::chars_format::scientific).ptr;
  const char* p = sci;
  if (*p == '-') {
    out += '-';
    ++p;
  }
  char digits[32];
  int nDigits = 0;
  const char* e = p;
  while (e < end && *e != 'e') {
    if (*e != '.') digits[nDigits++] = *e;
    ++e;
  }
  int exponent = 0;
  std::from_chars(e + 1 + (e[1] == '+' ? 1 : 0), end, exponent);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      for (int i = 0; i <= exponent; ++i) out += i < nDigits ? digits[i] : '0';
      out += '.';
      if (nDigits > exponent + 1) out.append(digits + exponent + 1, nDigits - exponent - 1);
      else out += '0';
    } else {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out.append(digits, nDigits);
    }
    return;
  }
  out += digits[0];
  out += '.';
  if (nDigits > 1) out.append(digits + 1, nDigits - 1);
  else out += '0';
  out += 'E';
  char exp[8];
  out.append(exp, std::to_chars(exp, exp + sizeof exp, exponent).ptr);
}

}  // namespace

void appendJavaText(std::string& out, const Value& v) {
  char buffer[24];
  switch (v.tag()) {
    case Value::Tag::Null: out += "null"; break;
    case Value::Tag::Int:
    case Value::Tag::Long: out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, v.asLong()).ptr); break;
    case Value::Tag::Float: appendJavaFloating(out, v.asFloat(), true); break;
    case Value::Tag::Double: appendJavaFloating(out, v.asDouble(), false); break;
    case Value::Tag::Bool: out += v.asBool() ? "true" : "false"; break;
    case Value::Tag::InlineString:
    case Value::Tag::HeapString: out += v.asString(); break;
    case Value::Tag::Object: out += v.toString(); break;
  }
}

}  // namespace fn

namespace {

const fn::FactoryTable& factories() {
  static const fn::FactoryTable table = [] {
    fn::FactoryTable t;
    fn::addStringFunctions(t);
    fn::addRegexFunctions(t);
    fn::addMathFunctions(t);
    fn::addTimeFunctions(t);
    fn::addJsonFunctions(t);
    fn::addGeoFunctions(t);
    return t;
  }();
  return table;
}

// Reads a user function's Value result as the declared type.
template <class R>
bool userResult(const fn::Call& c, const Value& v, Type declared, R& out) {
  if (v.isNull()) return false;
  using Tag = Value::Tag;
  Tag tag = v.tag();
  bool ok = false;
  switch (declared) {
    case Type::String: ok = v.isString(); break;
    case Type::Int: ok = tag == Tag::Int; break;
    case Type::Long: ok = tag == Tag::Long || tag == Tag::Int; break;
    case Type::Float: ok = tag == Tag::Float; break;
    case Type::Double: ok = tag == Tag::Double || tag == Tag::Float; break;
    case Type::Bool: ok = tag == Tag::Bool; break;
    case Type::Object: ok = true; break;
  }
  if (!ok) c.fail("returned " + fn::inQuotes(v.toString()) + ", but its signature declares " + typeName(declared));
  if constexpr (std::is_same_v<R, Value>) out = v;
  else if constexpr (std::is_same_v<R, int64_t>) out = v.asLong();
  else if constexpr (std::is_same_v<R, double>) out = tag == Tag::Float ? v.asFloat() : v.asDouble();
  else out = fromValue<R>(v);
  return true;
}

template <class R>
EvaluatorPtr userFunction(const TypedExpr& e) {
  std::shared_ptr<const UserFunction> user = e.user;
  const FunctionSignature& signature = user->signature;
  std::vector<EvaluatorPtr> args;
  for (size_t i = 0; i < e.args.size(); ++i) {
    Type wanted = signature.parameters[std::min(i, signature.parameters.size() - 1)];
    // Arguments arrive converted to the declared parameter types (ints as doubles, ...).
    if (wanted == Type::Object || wanted == e.args[i].type) {
      args.push_back(compileExpression(e.args[i]));
    } else if (wanted == Type::Long) {
      args.push_back(compileAs<int64_t>(e.args[i], Type::Long));
    } else if (wanted == Type::Float) {
      args.push_back(compileAs<float>(e.args[i], Type::Float));
    } else {
      args.push_back(compileAs<double>(e.args[i], Type::Double));
    }
  }
  Type declared = signature.result;
  bool nullGivesNull = signature.nullGivesNull;
  auto call = [user, declared, nullGivesNull](fn::Call& c, const Value* values, size_t n, R& out) {
    if (nullGivesNull)
      for (size_t i = 0; i < n; ++i)
        if (values[i].isNull()) return false;
    Value result;
    try {
      result = user->body(std::span<const Value>(values, n));
    } catch (const EvaluationError&) {
      throw;
    } catch (const std::exception& error) {
      c.fail(error.what());
    }
    return userResult(c, result, declared, out);
  };
  return fn::makeVariadic<R>(e, call, fn::ValueArguments(std::move(args)));
}

}  // namespace

EvaluatorPtr compileExtensionFunction(const TypedExpr& e) {
  if (e.function == analyze::ScalarFunction::User) {
    switch (e.type) {
      case Type::Int: return userFunction<int32_t>(e);
      case Type::Long: return userFunction<int64_t>(e);
      case Type::Float: return userFunction<float>(e);
      case Type::Double: return userFunction<double>(e);
      case Type::Bool: return userFunction<bool>(e);
      default: return userFunction<Value>(e);
    }
  }
  auto it = factories().factories.find(e.name);
  if (it == factories().factories.end()) throw std::logic_error("no evaluator for function " + e.name);
  EvaluatorPtr evaluator = it->second(e);
  if (evaluator->type() != e.type)
    throw std::logic_error("evaluator of " + e.name + " has type " + typeName(evaluator->type()) + ", not " +
                           typeName(e.type));
  return evaluator;
}

}  // namespace cepheus::plan
