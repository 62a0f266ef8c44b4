#include "analyze/expression_checker.h"

#include <map>

#include "analyze/definition_helpers.h"
#include "common/closest_name.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

const char* operatorText(ast::ExprKind kind) {
  switch (kind) {
    case ast::ExprKind::Add: return "+";
    case ast::ExprKind::Subtract: return "-";
    case ast::ExprKind::Multiply: return "*";
    case ast::ExprKind::Divide: return "/";
    case ast::ExprKind::Modulo: return "%";
    case ast::ExprKind::Equal: return "==";
    case ast::ExprKind::NotEqual: return "!=";
    case ast::ExprKind::Less: return "<";
    case ast::ExprKind::LessEqual: return "<=";
    case ast::ExprKind::Greater: return ">";
    case ast::ExprKind::GreaterEqual: return ">=";
    case ast::ExprKind::And: return "and";
    case ast::ExprKind::Or: return "or";
    default: return "?";
  }
}

ExprOp binaryOp(ast::ExprKind kind) {
  switch (kind) {
    case ast::ExprKind::Add: return ExprOp::Add;
    case ast::ExprKind::Subtract: return ExprOp::Subtract;
    case ast::ExprKind::Multiply: return ExprOp::Multiply;
    case ast::ExprKind::Divide: return ExprOp::Divide;
    case ast::ExprKind::Modulo: return ExprOp::Modulo;
    case ast::ExprKind::Equal: return ExprOp::Equal;
    case ast::ExprKind::NotEqual: return ExprOp::NotEqual;
    case ast::ExprKind::Less: return ExprOp::Less;
    case ast::ExprKind::LessEqual: return ExprOp::LessEqual;
    case ast::ExprKind::Greater: return ExprOp::Greater;
    case ast::ExprKind::GreaterEqual: return ExprOp::GreaterEqual;
    case ast::ExprKind::And: return ExprOp::And;
    default: return ExprOp::Or;
  }
}

std::string attributeList(const std::vector<AttributeInfo>& attributes) {
  std::string out;
  for (const auto& a : attributes) out += (out.empty() ? "" : ", ") + a.name;
  return out;
}

std::vector<std::string> attributeNames(const std::vector<AttributeInfo>& attributes) {
  std::vector<std::string> names;
  for (const auto& a : attributes) names.push_back(a.name);
  return names;
}

// What follows "unknown attribute 'x' in ...": the likely intended name when one is close,
// otherwise what `owner` has, so the right name is one look away either way.
std::string attributeHint(const std::string& name, const std::string& owner,
                          const std::vector<AttributeInfo>& attributes) {
  std::string suggestion = didYouMean(name, attributeNames(attributes));
  if (!suggestion.empty()) return suggestion;
  return " (" + owner + " has: " + attributeList(attributes) + ")";
}

TypedExpr node(ExprOp op, Type type, const ast::Expr& source) {
  TypedExpr e;
  e.op = op;
  e.type = type;
  e.text = source.text;
  e.pos = source.pos;
  return e;
}

}  // namespace

Type widerNumeric(Type a, Type b) {
  auto rank = [](Type t) {
    switch (t) {
      case Type::Int: return 0;
      case Type::Long: return 1;
      case Type::Float: return 2;
      default: return 3;
    }
  };
  return rank(a) >= rank(b) ? a : b;
}

void ExpressionChecker::error(const ast::SourcePos& pos, std::string message) {
  diagnostics_.push_back({pos.line, pos.col, std::move(message)});
}

std::optional<TypedExpr> ExpressionChecker::checkCondition(const ast::Expr& expr,
                                                           const Scope& scope) {
  auto typed = check(expr, scope);
  if (typed && typed->type != Type::Bool) {
    error(expr.pos, "a " + scope.place + " condition must be bool, but " + quoteSource(expr.text) + " is " +
                        typeName(typed->type));
    return std::nullopt;
  }
  return typed;
}

std::optional<TypedExpr> ExpressionChecker::check(const ast::Expr& expr, const Scope& scope) {
  switch (expr.kind) {
    case ast::ExprKind::Constant: return constant(expr);
    case ast::ExprKind::Attribute: return attribute(expr, scope);
    case ast::ExprKind::Add:
    case ast::ExprKind::Subtract:
    case ast::ExprKind::Multiply:
    case ast::ExprKind::Divide:
    case ast::ExprKind::Modulo: return arithmetic(expr, scope);
    case ast::ExprKind::Equal:
    case ast::ExprKind::NotEqual:
    case ast::ExprKind::Less:
    case ast::ExprKind::LessEqual:
    case ast::ExprKind::Greater:
    case ast::ExprKind::GreaterEqual: return comparison(expr, scope);
    case ast::ExprKind::And:
    case ast::ExprKind::Or:
    case ast::ExprKind::Not: return logical(expr, scope);
    case ast::ExprKind::IsNull: {
      auto operand = check(*expr.lhs, scope);
      if (!operand) return std::nullopt;
      TypedExpr e = node(ExprOp::IsNull, Type::Bool, expr);
      e.args.push_back(std::move(*operand));
      return e;
    }
    case ast::ExprKind::IsNullStream: {
      int slot = findSlot(expr, scope);
      if (slot < 0) return std::nullopt;
      TypedExpr e = node(ExprOp::SlotIsNull, Type::Bool, expr);
      e.slot = slot;
      if (expr.index) {
        if (!scope.slots[slot].patternState) {
          error(expr.pos, "indexed event references (" + quoteSource(expr.text) +
                              ") read the events of a pattern or sequence state");
          return std::nullopt;
        }
        e.eventIndex = ownIndex(*expr.index, slot, scope);
      }
      return e;
    }
    case ast::ExprKind::In:
      if (!symbols_.tables.count(expr.name) && !symbols_.windows.count(expr.name)) {
        std::vector<std::string> known(symbols_.tables.begin(), symbols_.tables.end());
      known.insert(known.end(), symbols_.windows.begin(), symbols_.windows.end());
      error(expr.pos, "unknown table '" + expr.name + "' in 'in' condition" + didYouMean(expr.name, known));
      } else {
        error(expr.pos, "'in' conditions on tables are not supported yet");
      }
      return std::nullopt;
    case ast::ExprKind::Function: return function(expr, scope);
  }
  return std::nullopt;
}

std::optional<TypedExpr> ExpressionChecker::constant(const ast::Expr& expr) {
  TypedExpr e = node(ExprOp::Constant, Type::Int, expr);
  switch (expr.constKind) {
    case ast::ConstKind::String:
      e.type = Type::String;
      e.constant = Value::ofString(expr.stringValue);
      break;
    case ast::ConstKind::Int:
      e.type = Type::Int;
      e.constant = Value::ofInt(static_cast<int32_t>(expr.intValue));
      break;
    case ast::ConstKind::Long:
      e.type = Type::Long;
      e.constant = Value::ofLong(expr.intValue);
      break;
    case ast::ConstKind::Float:
      e.type = Type::Float;
      e.constant = Value::ofFloat(static_cast<float>(expr.doubleValue));
      break;
    case ast::ConstKind::Double:
      e.type = Type::Double;
      e.constant = Value::ofDouble(expr.doubleValue);
      break;
    case ast::ConstKind::Bool:
      e.type = Type::Bool;
      e.constant = Value::ofBool(expr.boolValue);
      break;
  }
  return e;
}

int ExpressionChecker::findSlot(const ast::Expr& expr, const Scope& scope) {
  for (size_t i = 0; i < scope.slots.size(); ++i) {
    const ScopeSlot& slot = scope.slots[i];
    if (slot.absent) continue;  // `not S for t` holds no event a name could read
    if ((!slot.alias.empty() && slot.alias == expr.streamRef) ||
        (slot.alias.empty() && slot.stream == expr.streamRef) ||
        (scope.slots.size() == 1 && slot.stream == expr.streamRef))
      return static_cast<int>(i);
  }
  std::vector<std::string> known;
  for (const ScopeSlot& slot : scope.slots)
    if (!slot.absent) known.push_back(slot.alias.empty() ? slot.stream : slot.alias);
  error(expr.pos, "unknown stream or reference '" + expr.streamRef + "' in " + quoteSource(expr.text) +
                      didYouMean(expr.streamRef, known));
  return -1;
}

// Inside a counted state's own filter the event being tested is already the state's last row,
// so `e1[last]` there means the one before it (as in Siddhi: the last event collected so far).
ast::EventIndex ExpressionChecker::ownIndex(ast::EventIndex index, int slot, const Scope& scope) {
  if (slot == scope.currentSlot && index.fromLast) ++index.offset;
  return index;
}

std::optional<TypedExpr> ExpressionChecker::attribute(const ast::Expr& expr, const Scope& scope) {
  int foundSlot = -1;
  int foundIndex = -1;
  if (scope.currentSlot >= 0 && expr.streamRef.empty()) {
    // A pattern state's filter: an unqualified name is an attribute of the event being tested.
    const ScopeSlot& own = scope.slots[scope.currentSlot];
    const auto& attrs = *own.attributes;
    for (size_t i = 0; i < attrs.size(); ++i)
      if (attrs[i].name == expr.name) foundIndex = static_cast<int>(i);
    if (foundIndex < 0) {
      error(expr.pos, "unknown attribute '" + expr.name + "' in stream '" + own.stream + "'" +
                          attributeHint(expr.name, "it", attrs) +
                          (own.absent ? "" : " (qualify an earlier state's attribute: e1.x)"));
      return std::nullopt;
    }
    foundSlot = scope.currentSlot;
  } else if (!expr.streamRef.empty()) {
    foundSlot = findSlot(expr, scope);
    if (foundSlot < 0) return std::nullopt;
    const auto& attrs = *scope.slots[foundSlot].attributes;
    for (size_t i = 0; i < attrs.size(); ++i)
      if (attrs[i].name == expr.name) foundIndex = static_cast<int>(i);
    if (foundIndex < 0) {
      error(expr.pos, "unknown attribute '" + expr.name + "' in stream '" +
                          scope.slots[foundSlot].stream + "'" + attributeHint(expr.name, "it", attrs));
      return std::nullopt;
    }
  } else {
    for (size_t s = 0; s < scope.slots.size(); ++s) {
      if (scope.slots[s].absent) continue;
      const auto& attrs = *scope.slots[s].attributes;
      for (size_t i = 0; i < attrs.size(); ++i) {
        if (attrs[i].name != expr.name) continue;
        if (foundSlot >= 0 && foundSlot != static_cast<int>(s)) {
          auto name = [](const ScopeSlot& slot) { return slot.alias.empty() ? slot.stream : slot.alias; };
          error(expr.pos, "attribute '" + expr.name + "' is ambiguous: qualify it with '" +
                              name(scope.slots[foundSlot]) + ".' or '" + name(scope.slots[s]) + ".'");
          return std::nullopt;
        }
        foundSlot = static_cast<int>(s);
        foundIndex = static_cast<int>(i);
      }
    }
    if (foundIndex < 0 && sameName(expr.name, "null")) {
      // `null` is a name like any keyword (an attribute may be called that), so `x == null`
      // parses; without such an attribute, it is the common mistake.
      error(expr.pos, "'null' is not a value: test for null with 'is null'");
      return std::nullopt;
    }
    if (foundIndex < 0) {
      std::string hint;
      if (scope.slots.size() == 1) {
        hint = attributeHint(expr.name, scope.slots[0].stream, *scope.slots[0].attributes);
      } else {
        std::vector<std::string> known;
        for (const ScopeSlot& slot : scope.slots)
          for (const auto& a : *slot.attributes) known.push_back(a.name);
        hint = didYouMean(expr.name, known);
      }
      error(expr.pos, "unknown attribute '" + expr.name + "' in " + scope.place + hint);
      return std::nullopt;
    }
  }
  const ScopeSlot& slot = scope.slots[foundSlot];
  if (expr.index && !slot.patternState) {
    error(expr.pos, "indexed event references (" + quoteSource(expr.text) +
                        ") read the events of a pattern or sequence state");
    return std::nullopt;
  }
  TypedExpr e = node(ExprOp::Attribute, (*slot.attributes)[foundIndex].type, expr);
  e.slot = foundSlot;
  e.index = foundIndex;
  e.slotOptional = slot.optional;
  if (expr.index) {
    e.eventIndex = ownIndex(*expr.index, foundSlot, scope);
  } else if (slot.counted && scope.currentSlot < 0) {
    // Selecting from a counted state: `e1.x` is every collected event's x (a list, as in
    // Siddhi); a bare `x` is the first event's.
    if (expr.streamRef.empty()) {
      e.eventIndex = ast::EventIndex{false, 0};
    } else {
      e.op = ExprOp::SlotValues;
      e.type = Type::Object;
    }
  }
  return e;
}

std::optional<TypedExpr> ExpressionChecker::arithmetic(const ast::Expr& expr, const Scope& scope) {
  auto lhs = check(*expr.lhs, scope);
  auto rhs = check(*expr.rhs, scope);
  if (!lhs || !rhs) return std::nullopt;
  for (const TypedExpr* operand : {&*lhs, &*rhs}) {
    if (!isNumeric(operand->type)) {
      error(operand->pos, std::string("operator '") + operatorText(expr.kind) +
                              "' needs numeric operands, but " + quoteSource(operand->text) + " is " +
                              typeName(operand->type) +
                              (operand->type == Type::String && expr.kind == ast::ExprKind::Add
                                   ? " (SiddhiQL has no string concatenation operator)"
                                   : ""));
      return std::nullopt;
    }
  }
  TypedExpr e = node(binaryOp(expr.kind), widerNumeric(lhs->type, rhs->type), expr);
  e.args.push_back(std::move(*lhs));
  e.args.push_back(std::move(*rhs));
  return e;
}

std::optional<TypedExpr> ExpressionChecker::comparison(const ast::Expr& expr, const Scope& scope) {
  auto lhs = check(*expr.lhs, scope);
  auto rhs = check(*expr.rhs, scope);
  if (!lhs || !rhs) return std::nullopt;
  bool equality = expr.kind == ast::ExprKind::Equal || expr.kind == ast::ExprKind::NotEqual;
  bool ok = isNumeric(lhs->type) && isNumeric(rhs->type);
  if (equality) {
    ok = ok || (lhs->type == rhs->type) || lhs->type == Type::Object || rhs->type == Type::Object;
  }
  if (!ok) {
    std::string why = equality ? "" : " (only numbers can be ordered)";
    error(expr.pos, std::string("cannot compare ") + typeName(lhs->type) + " " + quoteSource(lhs->text) +
                        " with " + typeName(rhs->type) + " " + quoteSource(rhs->text) + " using '" +
                        operatorText(expr.kind) + "'" + why);
    return std::nullopt;
  }
  TypedExpr e = node(binaryOp(expr.kind), Type::Bool, expr);
  e.args.push_back(std::move(*lhs));
  e.args.push_back(std::move(*rhs));
  return e;
}

std::optional<TypedExpr> ExpressionChecker::logical(const ast::Expr& expr, const Scope& scope) {
  std::vector<TypedExpr> operands;
  for (const ast::Expr* operand : {expr.lhs.get(), expr.rhs.get()}) {
    if (!operand) continue;
    auto typed = check(*operand, scope);
    if (!typed) return std::nullopt;
    if (typed->type != Type::Bool) {
      const char* op = expr.kind == ast::ExprKind::Not ? "not" : operatorText(expr.kind);
      error(operand->pos, std::string("'") + op + "' needs bool operands, but " + quoteSource(operand->text) +
                              " is " + typeName(typed->type));
      return std::nullopt;
    }
    operands.push_back(std::move(*typed));
  }
  ExprOp op = expr.kind == ast::ExprKind::Not ? ExprOp::Not : binaryOp(expr.kind);
  TypedExpr e = node(op, Type::Bool, expr);
  e.args = std::move(operands);
  return e;
}

}  // namespace cepheus::analyze
