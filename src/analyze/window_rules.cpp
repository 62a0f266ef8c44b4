#include "analyze/window_rules.h"

#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "common/cron_schedule.h"
#include "common/message_text.h"
#include "parse/parser.h"

namespace cepheus::analyze {

namespace {

const std::set<std::string> kKnownWindows = {
    "length",       "lengthBatch",       "time",     "timeBatch",     "timeLength",
    "externalTime", "externalTimeBatch", "sort",     "frequent",      "lossyFrequent",
    "session",      "delay",             "batch",    "expression",    "expressionBatch",
    "cron",
};

bool intConstant(const TypedExpr& e, int64_t min) {
  return e.isConstant() && e.type == Type::Int && e.constant.asInt() >= min;
}

// A duration: a time literal (long milliseconds) or an int/long constant, greater than zero.
bool timePeriod(const TypedExpr& e) {
  return e.isConstant() && (e.type == Type::Int || e.type == Type::Long) && e.constant.asLong() > 0;
}

// An int/long constant that may be zero (a start time, a timeout, an allowed latency).
bool longConstant(const TypedExpr& e) {
  return e.isConstant() && (e.type == Type::Int || e.type == Type::Long) && e.constant.asLong() >= 0;
}

bool boolConstant(const TypedExpr& e) { return e.isConstant() && e.type == Type::Bool; }

bool stringConstant(const TypedExpr& e) { return e.isConstant() && e.type == Type::String; }

bool numberConstant(const TypedExpr& e) { return e.isConstant() && isNumeric(e.type); }

bool attribute(const TypedExpr& e) { return e.op == ExprOp::Attribute && e.slot == 0; }

bool attributeOf(const TypedExpr& e, Type type) { return attribute(e) && e.type == type; }

bool sortOrder(const TypedExpr& e) {
  if (!e.isConstant() || e.type != Type::String) return false;
  std::string order(e.constant.asString());
  for (char& c : order) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return order == "asc" || order == "desc";
}

bool allAttributes(const std::vector<TypedExpr>& args, size_t from) {
  for (size_t i = from; i < args.size(); ++i)
    if (!attribute(args[i])) return false;
  return true;
}

using Args = std::vector<TypedExpr>;

// Each runnable window: whether its arguments fit, and the signature shown when they do not.
struct Signature {
  std::function<bool(const Args&)> fits;
  std::string usage;
};

const std::map<std::string, Signature>& signatures() {
  static const std::map<std::string, Signature> table = {
      {"length",
       {[](const Args& a) { return a.size() == 1 && intConstant(a[0], 1); },
        "takes one positive int constant, e.g. length(10)"}},
      {"lengthBatch",
       {[](const Args& a) {
          return (a.size() == 1 || a.size() == 2) && intConstant(a[0], 0) && (a.size() == 1 || boolConstant(a[1]));
        },
        "takes an int count and an optional bool streamCurrent, e.g. lengthBatch(10) or lengthBatch(10, true)"}},
      {"time",
       {[](const Args& a) { return a.size() == 1 && timePeriod(a[0]); },
        "takes a time period, e.g. time(1 sec)"}},
      {"timeBatch",
       {[](const Args& a) {
          if (a.empty() || a.size() > 3 || !timePeriod(a[0])) return false;
          if (a.size() == 2) return longConstant(a[1]) || boolConstant(a[1]);
          return a.size() == 1 || (longConstant(a[1]) && boolConstant(a[2]));
        },
        "takes a time period, an optional start time (int/long) and an optional bool streamCurrent, "
        "e.g. timeBatch(1 sec), timeBatch(1 sec, 0) or timeBatch(1 sec, 0, true)"}},
      {"timeLength",
       {[](const Args& a) { return a.size() == 2 && timePeriod(a[0]) && intConstant(a[1], 1); },
        "takes a time period and a positive int count, e.g. timeLength(10 sec, 100)"}},
      {"externalTime",
       {[](const Args& a) { return a.size() == 2 && attributeOf(a[0], Type::Long) && timePeriod(a[1]); },
        "takes a long timestamp attribute and a time period, e.g. externalTime(ts, 1 sec)"}},
      {"externalTimeBatch",
       {[](const Args& a) {
          if (a.size() < 2 || a.size() > 5 || !attributeOf(a[0], Type::Long) || !timePeriod(a[1])) return false;
          if (a.size() >= 3 && !longConstant(a[2]) && !attributeOf(a[2], Type::Long)) return false;
          if (a.size() >= 4 && !longConstant(a[3])) return false;
          return a.size() < 5 || boolConstant(a[4]);
        },
        "takes a long timestamp attribute, a time period and optionally a start time (constant or long "
        "attribute), a timeout and a bool replaceTimestamp, e.g. externalTimeBatch(ts, 1 sec) or "
        "externalTimeBatch(ts, 1 sec, 0, 5 sec, false)"}},
      {"sort",
       {[](const Args& a) {
          if (a.size() < 2 || !intConstant(a[0], 1)) return false;
          for (size_t i = 1; i < a.size(); ++i) {
            if (!attribute(a[i])) return false;
            if (i + 1 < a.size() && a[i + 1].isConstant()) {
              if (!sortOrder(a[i + 1])) return false;
              ++i;
            }
          }
          return true;
        },
        "takes a positive int count and attributes, each optionally followed by 'asc' or 'desc', "
        "e.g. sort(5, price, 'desc', symbol)"}},
      {"delay",
       {[](const Args& a) { return a.size() == 1 && timePeriod(a[0]); },
        "takes a time period, e.g. delay(1 sec)"}},
      {"batch",
       {[](const Args& a) { return a.empty() || (a.size() == 1 && intConstant(a[0], 0)); },
        "takes no parameter or an int chunk length, e.g. batch() or batch(10)"}},
      {"session",
       {[](const Args& a) {
          if (a.empty() || a.size() > 3 || !timePeriod(a[0])) return false;
          auto latencyFits = [&](const TypedExpr& l) { return longConstant(l) && l.constant.asLong() <= a[0].constant.asLong(); };
          if (a.size() == 2) return attributeOf(a[1], Type::String) || latencyFits(a[1]);
          return a.size() == 1 || (attributeOf(a[1], Type::String) && latencyFits(a[2]));
        },
        "takes a time period gap, an optional string key attribute and an optional allowed latency "
        "no greater than the gap, e.g. session(5 sec), session(5 sec, user) or session(5 sec, user, 1 sec)"}},
      {"frequent",
       {[](const Args& a) { return !a.empty() && intConstant(a[0], 1) && allAttributes(a, 1); },
        "takes a positive int count and optional key attributes, e.g. frequent(2) or frequent(2, cardNo)"}},
      {"lossyFrequent",
       {[](const Args& a) {
          if (a.empty() || !numberConstant(a[0])) return false;
          double support = a[0].constant.toDouble();
          if (support <= 0 || support > 1) return false;
          if (a.size() == 1) return true;
          if (!numberConstant(a[1])) return false;
          double error = a[1].constant.toDouble();
          return error > 0 && error <= 1 && allAttributes(a, 2);
        },
        "takes a support in (0, 1], an optional error in (0, 1] and optional key attributes, "
        "e.g. lossyFrequent(0.1) or lossyFrequent(0.1, 0.01, cardNo)"}},
      {"expression",
       {[](const Args& a) { return a.size() == 1 && stringConstant(a[0]); },
        "takes the condition over the window content as a string, e.g. expression('count() <= 20') or "
        "expression('eventTimestamp(last) - eventTimestamp(first) < 3000')"}},
      {"expressionBatch",
       {[](const Args& a) {
          if (a.empty() || a.size() > 3 || !stringConstant(a[0])) return false;
          return (a.size() < 2 || boolConstant(a[1])) && (a.size() < 3 || boolConstant(a[2]));
        },
        "takes the condition over the batch as a string, an optional bool includeTriggeringEvent and an optional "
        "bool streamCurrent, e.g. expressionBatch('sum(price) < 100') or expressionBatch('count() <= 20', true, false)"}},
      {"cron",
       {[](const Args& a) { return a.size() == 1 && stringConstant(a[0]); },
        "takes a Quartz cron expression as a string, e.g. cron('*/5 * * * * ?')"}},
  };
  return table;
}

// Unqualified attributes of a window condition read the event being added or removed (slot 0),
// not `first` or `last`, which share its attributes: qualify them with the input stream so the
// checker does not find them ambiguous. The argument of eventTimestamp() names an event.
void qualifyBareAttributes(ast::Expr& e, const std::string& stream) {
  if (e.kind == ast::ExprKind::Attribute && e.streamRef.empty()) e.streamRef = stream;
  if (e.kind == ast::ExprKind::Function && e.ns.empty() && e.name == "eventTimestamp") return;
  for (ast::Expr* child : {e.lhs.get(), e.rhs.get()})
    if (child) qualifyBareAttributes(*child, stream);
  for (auto& arg : e.args) qualifyBareAttributes(*arg, stream);
}

// expression / expressionBatch: parses and checks the condition text. Its problems are reported
// at the window, since positions inside the string would point nowhere in the app.
bool checkCondition(WindowSpec& window, const ScopeSlot& input, ExpressionChecker& reporter) {
  const std::string text(window.args[0].constant.asString());
  auto report = [&](const Diagnostics& problems) {
    for (const Diagnostic& d : problems) reporter.error(window.pos, "window expression " + quoteSource(text) + ": " + d.message);
    return false;
  };
  parse::ExpressionParse parsed = parse::parseExpression(text);
  if (!parsed.expr) return report(parsed.errors);
  qualifyBareAttributes(*parsed.expr, input.stream);

  Scope scope;
  scope.slots = {{input.stream, "", input.attributes}, {input.stream, "first", input.attributes},
                 {input.stream, "last", input.attributes}};
  scope.aggregates = &window.conditionAggregates;
  scope.place = "window";
  Diagnostics problems;
  const Symbols none;
  ExpressionChecker checker(problems, none);
  auto condition = checker.checkCondition(*parsed.expr, scope);
  if (!condition) return report(problems);
  window.condition = std::move(*condition);
  return true;
}

bool checkCron(const WindowSpec& window, ExpressionChecker& reporter) {
  const std::string_view text = window.args[0].constant.asString();
  std::string why;
  if (CronSchedule::parse(text, why)) return true;
  reporter.error(window.pos, "window 'cron': " + quoteSource(text) + " is not a valid cron expression: " + why);
  return false;
}

}  // namespace

bool isKnownWindow(const std::string& name) { return kKnownWindows.count(name) > 0; }
bool isRunnableWindow(const std::string& name) { return signatures().count(name) > 0; }
std::vector<std::string> knownWindows() { return {kKnownWindows.begin(), kKnownWindows.end()}; }

bool checkWindowParameters(WindowSpec& window, const Scope& input, ExpressionChecker& reporter) {
  auto it = signatures().find(window.name);
  if (it == signatures().end()) {
    reporter.error(window.pos, "window '" + window.name + "' is not supported yet");
    return false;
  }
  if (!it->second.fits(window.args)) {
    reporter.error(window.pos, "window '" + window.name + "' " + it->second.usage);
    return false;
  }
  if (window.name == "expression" || window.name == "expressionBatch")
    return checkCondition(window, input.slots[0], reporter);
  if (window.name == "cron") return checkCron(window, reporter);
  return true;
}

}  // namespace cepheus::analyze
