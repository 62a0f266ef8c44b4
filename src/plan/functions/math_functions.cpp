// math: — siddhi-execution-math, which wraps java.lang.Math: numbers are widened to double,
// and a null argument gives null. Results follow Java's (NaN where Math gives NaN).
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "plan/functions/function_support.h"

namespace cepheus::plan::fn {

namespace {

using V = Value;

template <double (*F)(double)>
EvaluatorPtr unary(const TypedExpr& e) {
  return make<double, double>(e, Nulls::Null, [](Call&, double x, double& out) {
    out = F(x);
    return true;
  });
}

// Wrappers: the std:: functions are overloaded, so their addresses are ambiguous.
double acosOf(double x) { return std::acos(x); }
double asinOf(double x) { return std::asin(x); }
double atanOf(double x) { return std::atan(x); }
double cbrtOf(double x) { return std::cbrt(x); }
double ceilOf(double x) { return std::ceil(x); }
double cosOf(double x) { return std::cos(x); }
double coshOf(double x) { return std::cosh(x); }
double expOf(double x) { return std::exp(x); }
double floorOf(double x) { return std::floor(x); }
double logOf(double x) { return std::log(x); }
double log10Of(double x) { return std::log10(x); }
double sinOf(double x) { return std::sin(x); }
double sinhOf(double x) { return std::sinh(x); }
double sqrtOf(double x) { return std::sqrt(x); }
double tanOf(double x) { return std::tan(x); }
double tanhOf(double x) { return std::tanh(x); }
double absolute(double x) { return std::fabs(x); }
// As Java 8's Math (Siddhi's docs): a division and a multiplication, not one constant factor.
double toDegrees(double x) { return x * 180.0 / M_PI; }
double toRadians(double x) { return x / 180.0 * M_PI; }
double log2Java(double x) { return std::log(x) / std::log(2.0); }

EvaluatorPtr atan(const TypedExpr& e) {
  if (e.args.size() == 1) return unary<atanOf>(e);
  return make<double, double, double>(e, Nulls::Null, [](Call&, double y, double x, double& out) {
    out = std::atan2(y, x);
    return true;
  });
}

template <double (*F)(double, double)>
EvaluatorPtr binary(const TypedExpr& e) {
  return make<double, double, double>(e, Nulls::Null, [](Call&, double a, double b, double& out) {
    out = F(a, b);
    return true;
  });
}

// Java's Math.max/min: NaN if either is NaN, and -0.0 below 0.0.
double maxJava(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return NAN;
  if (a == 0 && b == 0) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}
double minJava(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return NAN;
  if (a == 0 && b == 0) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
double copySign(double a, double b) { return std::copysign(a, b); }
double power(double a, double b) { return std::pow(a, b); }

EvaluatorPtr log(const TypedExpr& e) {
  return make<double, double, double>(e, Nulls::Null, [](Call& c, double number, double base, double& out) {
    if (base == 1) c.fail("the base cannot be 1");
    out = std::log(number) / std::log(base);
    return true;
  });
}

// Integer.toBinaryString / toOctalString / toHexString: the two's complement bits, unsigned.
template <int Bits>
void appendUnsigned(std::string& out, uint64_t v, int base) {
  if constexpr (Bits == 32) v &= 0xFFFFFFFFULL;
  char digits[80];
  auto end = std::to_chars(digits, digits + sizeof digits, v, base).ptr;
  out.append(digits, end);
}

EvaluatorPtr radixString(const TypedExpr& e, int base) {
  if (e.args[0].type == Type::Int)
    return make<V, int32_t>(e, Nulls::Null, [base](Call& c, int32_t v, V& out) {
      c.scratch.clear();
      appendUnsigned<32>(c.scratch, static_cast<uint64_t>(static_cast<int64_t>(v)), base);
      return c.result(out);
    });
  return make<V, int64_t>(e, Nulls::Null, [base](Call& c, int64_t v, V& out) {
    c.scratch.clear();
    appendUnsigned<64>(c.scratch, static_cast<uint64_t>(v), base);
    return c.result(out);
  });
}

// Double.toHexString: 0x1.8p1 for 3.0; subnormals as 0x0.<digits>p-1022.
void appendHexDouble(std::string& out, double d, bool isFloat) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
    return;
  }
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  if (bits >> 63) out += '-';
  uint64_t mantissa = bits & ((1ULL << 52) - 1);
  int exponent = static_cast<int>((bits >> 52) & 0x7FF);
  if (exponent == 0 && mantissa == 0) {
    out += "0x0.0p0";
    return;
  }
  bool subnormal = exponent == 0;
  if (isFloat && !subnormal && exponent - 1023 < -126) subnormal = true;  // a float subnormal
  out += subnormal ? "0x0." : "0x1.";
  int shownExponent = subnormal ? (isFloat ? -126 : -1022) : exponent - 1023;
  if (subnormal && isFloat) {  // re-express the value's bits on the float subnormal scale
    double scaled = std::ldexp(std::fabs(d), 126);  // < 1
    mantissa = static_cast<uint64_t>(std::ldexp(scaled, 52));
  }
  char digits[16];
  int n = 13;
  for (int i = 0; i < 13; ++i) digits[i] = "0123456789abcdef"[(mantissa >> (48 - 4 * i)) & 15];
  while (n > 1 && digits[n - 1] == '0') --n;
  out.append(digits, n);
  out += 'p';
  out += std::to_string(shownExponent);
}

EvaluatorPtr hex(const TypedExpr& e) {
  switch (e.args[0].type) {
    case Type::Int:
    case Type::Long: return radixString(e, 16);
    default: {
      bool isFloat = e.args[0].type == Type::Float;
      return make<V, double>(e, Nulls::Null, [isFloat](Call& c, double d, V& out) {
        c.scratch.clear();
        appendHexDouble(c.scratch, d, isFloat);
        return c.result(out);
      });
    }
  }
}

// Integer.toString(Integer.parseInt(a, from), to).
EvaluatorPtr conv(const TypedExpr& e) {
  return make<V, V, int32_t, int32_t>(e, Nulls::Null, [](Call& c, const V& a, int32_t from, int32_t to, V& out) {
    std::string_view text = a.asString();
    if (from < 2 || from > 36) c.fail("radix " + std::to_string(from) + " is out of the range 2 to 36");
    if (to < 2 || to > 36) to = 10;
    std::string_view digits = text;
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
    int64_t value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, from);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
      c.fail(inQuotes(text) + " is not a number in base " + std::to_string(from));
    if (!text.empty() && text[0] == '-') value = -value;
    if (value < INT32_MIN || value > INT32_MAX) c.fail(inQuotes(text) + " does not fit an int");
    c.scratch.clear();
    if (value < 0) c.scratch += '-';
    char buffer[40];
    c.scratch.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value < 0 ? -value : value, to).ptr);
    return c.result(out);
  });
}

EvaluatorPtr constant(const TypedExpr& e, double value) {
  return make<double>(e, Nulls::Null, [value](Call&, double& out) {
    out = value;
    return true;
  });
}

// Math.getExponent: the unbiased exponent; 1024 for NaN and infinities, -1023 for 0 and subnormals.
EvaluatorPtr getExponent(const TypedExpr& e) {
  if (e.args[0].type == Type::Float)
    return make<int32_t, float>(e, Nulls::Null, [](Call&, float f, int32_t& out) {
      uint32_t bits;
      std::memcpy(&bits, &f, sizeof bits);
      out = static_cast<int32_t>((bits >> 23) & 0xFF) - 127;
      return true;
    });
  return make<int32_t, double>(e, Nulls::Null, [](Call&, double d, int32_t& out) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    out = static_cast<int32_t>((bits >> 52) & 0x7FF) - 1023;
    return true;
  });
}

template <bool (*Test)(double)>
EvaluatorPtr test(const TypedExpr& e) {
  return make<bool, double>(e, Nulls::Null, [](Call&, double d, bool& out) {
    out = Test(d);
    return true;
  });
}
bool isInfinite(double d) { return std::isinf(d); }
bool isNan(double d) { return std::isnan(d); }

// Java's parsers: Integer.parseInt and Long.parseLong take an optional sign and digits only;
// Double.parseDouble also surrounding blanks, NaN, Infinity and a d/f suffix.
template <class I>
EvaluatorPtr parseInteger(const TypedExpr& e) {
  return make<I, V>(e, Nulls::Null, [](Call& c, const V& s, I& out) {
    std::string_view t = s.asString();
    std::string_view digits = !t.empty() && t[0] == '+' ? t.substr(1) : t;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
      c.fail(inQuotes(t) + " is not " + (sizeof(I) == 4 ? "an int" : "a long"));
    return true;
  });
}

bool parseJavaDouble(std::string_view t, double& out) {
  while (!t.empty() && static_cast<unsigned char>(t.front()) <= ' ') t.remove_prefix(1);
  while (!t.empty() && static_cast<unsigned char>(t.back()) <= ' ') t.remove_suffix(1);
  if (!t.empty() && std::string_view("dDfF").find(t.back()) != std::string_view::npos) t.remove_suffix(1);
  bool negative = !t.empty() && t[0] == '-';
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t == "NaN") out = NAN;
  else if (t == "Infinity") out = INFINITY;
  else {
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (t.empty() || (ec != std::errc() && ec != std::errc::result_out_of_range) || end != t.data() + t.size())
      return false;
  }
  if (negative) out = -out;
  return true;
}

template <class R>
EvaluatorPtr parseReal(const TypedExpr& e) {
  return make<R, V>(e, Nulls::Null, [](Call& c, const V& s, R& out) {
    double d = 0;
    if (!parseJavaDouble(s.asString(), d)) c.fail(inQuotes(s.asString()) + " is not a number");
    out = static_cast<R>(d);
    return true;
  });
}

// java.util.Random: a seeded rand() gives the same sequence as in Siddhi.
class JavaRandom {
 public:
  explicit JavaRandom(int64_t seed) : seed_((static_cast<uint64_t>(seed) ^ 0x5DEECE66DULL) & kMask) {}
  double nextDouble() { return static_cast<double>((static_cast<int64_t>(next(26)) << 27) + next(27)) * 0x1.0p-53; }

 private:
  static constexpr uint64_t kMask = (1ULL << 48) - 1;
  int32_t next(int bits) {
    seed_ = (seed_ * 0x5DEECE66DULL + 0xBULL) & kMask;
    return static_cast<int32_t>(static_cast<int64_t>(seed_) >> (48 - bits));
  }
  uint64_t seed_;
};

EvaluatorPtr rand(const TypedExpr& e) {
  int64_t seed = e.args.empty() ? static_cast<int64_t>(std::random_device{}()) << 32 ^ std::random_device{}()
                                : e.args[0].constant.asLong();
  auto random = std::make_shared<JavaRandom>(seed);
  TypedExpr call = e;
  call.args.clear();  // the seed is used at plan time only
  return make<double>(call, Nulls::Null, [random](Call&, double& out) {
    out = random->nextDouble();
    return true;
  });
}

// Math.round: half up, NaN to 0, saturating at the type's range.
template <class I, class F>
I roundJava(F x) {
  if (std::isnan(x)) return 0;
  F f = std::floor(x);
  F r = x - f >= F(0.5) ? f + 1 : f;
  if (r >= static_cast<F>(std::numeric_limits<I>::max())) return std::numeric_limits<I>::max();
  if (r <= static_cast<F>(std::numeric_limits<I>::min())) return std::numeric_limits<I>::min();
  return static_cast<I>(r);
}

EvaluatorPtr round(const TypedExpr& e) {
  if (e.args[0].type == Type::Float)
    return make<int32_t, float>(e, Nulls::Null, [](Call&, float x, int32_t& out) {
      out = roundJava<int32_t>(x);
      return true;
    });
  return make<int64_t, double>(e, Nulls::Null, [](Call&, double x, int64_t& out) {
    out = roundJava<int64_t>(x);
    return true;
  });
}

EvaluatorPtr signum(const TypedExpr& e) {
  return make<int32_t, double>(e, Nulls::Null, [](Call&, double x, int32_t& out) {
    out = x > 0 ? 1 : x < 0 ? -1 : 0;  // (int) Math.signum(x): NaN gives 0
    return true;
  });
}

}  // namespace

void addMathFunctions(FactoryTable& t) {
  add(t, "math:abs", unary<absolute>);
  add(t, "math:acos", unary<acosOf>);
  add(t, "math:asin", unary<asinOf>);
  add(t, "math:atan", atan);
  add(t, "math:bin", [](const TypedExpr& e) { return radixString(e, 2); });
  add(t, "math:cbrt", unary<cbrtOf>);
  add(t, "math:ceil", unary<ceilOf>);
  add(t, "math:conv", conv);
  add(t, "math:copySign", binary<copySign>);
  add(t, "math:cos", unary<cosOf>);
  add(t, "math:cosh", unary<coshOf>);
  add(t, "math:e", [](const TypedExpr& e) { return constant(e, M_E); });
  add(t, "math:exp", unary<expOf>);
  add(t, "math:floor", unary<floorOf>);
  add(t, "math:getExponent", getExponent);
  add(t, "math:hex", hex);
  add(t, "math:isInfinite", test<isInfinite>);
  add(t, "math:isNan", test<isNan>);
  add(t, "math:ln", unary<logOf>);
  add(t, "math:log", log);
  add(t, "math:log10", unary<log10Of>);
  add(t, "math:log2", unary<log2Java>);
  add(t, "math:max", binary<maxJava>);
  add(t, "math:min", binary<minJava>);
  add(t, "math:oct", [](const TypedExpr& e) { return radixString(e, 8); });
  add(t, "math:parseDouble", parseReal<double>);
  add(t, "math:parseFloat", parseReal<float>);
  add(t, "math:parseInt", parseInteger<int32_t>);
  add(t, "math:parseLong", parseInteger<int64_t>);
  add(t, "math:pi", [](const TypedExpr& e) { return constant(e, M_PI); });
  add(t, "math:power", binary<power>);
  add(t, "math:rand", rand);
  add(t, "math:round", round);
  add(t, "math:signum", signum);
  add(t, "math:sin", unary<sinOf>);
  add(t, "math:sinh", unary<sinhOf>);
  add(t, "math:sqrt", unary<sqrtOf>);
  add(t, "math:tan", unary<tanOf>);
  add(t, "math:tanh", unary<tanhOf>);
  add(t, "math:toDegrees", unary<toDegrees>);
  add(t, "math:toRadians", unary<toRadians>);
}

}  // namespace cepheus::plan::fn
