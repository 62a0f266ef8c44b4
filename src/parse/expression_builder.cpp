#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "parse/ast_builder.h"
#include "parse/builder_support.h"
#include "parse/syntax_checks.h"

namespace cepheus::parse {

namespace {

std::optional<ast::EventIndex> eventIndex(P::EventIndexContext* ctx) {
  if (ctx == nullptr) return std::nullopt;
  if (ctx->K_LAST() == nullptr)
    return ast::EventIndex{false, static_cast<int>(integer(ctx->getText()))};
  int offset =
      ctx->INT_LITERAL() != nullptr ? static_cast<int>(integer(ctx->INT_LITERAL()->getText())) : 0;
  return ast::EventIndex{true, offset};
}

}  // namespace

// =============================================================================================
// Expressions

ast::ExprPtr AstBuilder::newExpr(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->pos = pos(ctx);
  e->text = sourceText(ctx);
  return e;
}

ast::ExprPtr AstBuilder::binary(P::ExpressionContext* ctx, ast::ExprKind kind,
                                P::ExpressionContext* lhs, P::ExpressionContext* rhs) {
  ast::ExprPtr e = newExpr(kind, ctx);
  e->lhs = expr(lhs);
  e->rhs = expr(rhs);
  return e;
}

ast::ExprPtr AstBuilder::expr(P::ExpressionContext* ctx) {
  using K = ast::ExprKind;
  if (auto* paren = dynamic_cast<P::ParenExprContext*>(ctx)) return expr(paren->expression());
  if (auto* c = dynamic_cast<P::ConstantExprContext*>(ctx)) return constant(c->constant());
  if (auto* a = dynamic_cast<P::AttributeExprContext*>(ctx))
    return attribute(a->attributeReference());
  if (auto* f = dynamic_cast<P::FunctionExprContext*>(ctx)) return function(f->functionCall());
  if (auto* n = dynamic_cast<P::NotExprContext*>(ctx)) {
    ast::ExprPtr e = newExpr(K::Not, ctx);
    e->lhs = expr(n->expression());
    return e;
  }
  if (auto* isNull = dynamic_cast<P::IsNullExprContext*>(ctx)) {
    ast::ExprPtr operand = expr(isNull->expression());
    // `e2 is null` on a pattern alias tests whether that state matched an event.
    bool streamRef = operand->kind == K::Attribute && operand->streamRef.empty() &&
                     patternRefs_.count(operand->name) > 0;
    ast::ExprPtr e = newExpr(streamRef ? K::IsNullStream : K::IsNull, ctx);
    if (streamRef) {
      e->streamRef = operand->name;
    } else {
      e->lhs = std::move(operand);
    }
    return e;
  }
  if (auto* streamIsNull = dynamic_cast<P::StreamIsNullExprContext*>(ctx)) {
    P::IndexedStreamRefContext* ref = streamIsNull->indexedStreamRef();
    ast::ExprPtr e = newExpr(K::IsNullStream, ctx);
    e->streamRef = nameOf(ref->name());
    e->streamRefInner = ref->HASH() != nullptr;
    e->index = eventIndex(ref->eventIndex());
    return e;
  }
  if (auto* in = dynamic_cast<P::InExprContext*>(ctx)) {
    ast::ExprPtr e = newExpr(K::In, ctx);
    e->lhs = expr(in->expression());
    e->name = nameOf(in->name());
    return e;
  }
  if (auto* m = dynamic_cast<P::MultiplicativeExprContext*>(ctx)) {
    K kind = m->op->getType() == P::STAR    ? K::Multiply
             : m->op->getType() == P::SLASH ? K::Divide
                                            : K::Modulo;
    return binary(ctx, kind, m->expression(0), m->expression(1));
  }
  if (auto* a = dynamic_cast<P::AdditiveExprContext*>(ctx)) {
    K kind = a->op->getType() == P::PLUS ? K::Add : K::Subtract;
    return binary(ctx, kind, a->expression(0), a->expression(1));
  }
  if (auto* r = dynamic_cast<P::RelationalExprContext*>(ctx)) {
    K kind = K::GreaterEqual;
    switch (r->op->getType()) {
      case P::LT:
        kind = K::Less;
        break;
      case P::LE:
        kind = K::LessEqual;
        break;
      case P::GT:
        kind = K::Greater;
        break;
      default:
        break;
    }
    return binary(ctx, kind, r->expression(0), r->expression(1));
  }
  if (auto* eq = dynamic_cast<P::EqualityExprContext*>(ctx)) {
    K kind = eq->op->getType() == P::EQ ? K::Equal : K::NotEqual;
    return binary(ctx, kind, eq->expression(0), eq->expression(1));
  }
  if (auto* a = dynamic_cast<P::AndExprContext*>(ctx)) {
    return binary(ctx, K::And, a->expression(0), a->expression(1));
  }
  auto* o = static_cast<P::OrExprContext*>(ctx);
  return binary(ctx, K::Or, o->expression(0), o->expression(1));
}

ast::ExprPtr AstBuilder::function(P::FunctionCallContext* ctx) {
  ast::ExprPtr e = newExpr(ast::ExprKind::Function, ctx);
  if (ctx->ns != nullptr) e->ns = nameOf(ctx->ns);
  e->name = functionName(ctx);
  e->star = ctx->STAR() != nullptr;
  for (P::ExpressionContext* arg : ctx->expression()) e->args.push_back(expr(arg));
  return e;
}

ast::ExprPtr AstBuilder::attribute(P::AttributeReferenceContext* ctx) {
  ast::ExprPtr e = newExpr(ast::ExprKind::Attribute, ctx);
  e->name = nameOf(ctx->name());
  if (P::StreamQualifierContext* qualifier = ctx->streamQualifier()) {
    e->streamRef = nameOf(qualifier->name());
    e->streamRefInner = qualifier->HASH() != nullptr;
    e->index = eventIndex(qualifier->eventIndex());
  }
  return e;
}

ast::ExprPtr AstBuilder::constant(P::ConstantContext* ctx) {
  if (ctx->timeValue() != nullptr) return timeValue(ctx->timeValue());
  if (ctx->signedNumber() != nullptr) return number(ctx->signedNumber());
  ast::ExprPtr e = newExpr(ast::ExprKind::Constant, ctx);
  if (ctx->stringLiteral() != nullptr) {
    e->constKind = ast::ConstKind::String;
    e->stringValue = stringValue(ctx->stringLiteral());
  } else {
    e->constKind = ast::ConstKind::Bool;
    e->boolValue = ctx->K_TRUE() != nullptr;
  }
  return e;
}

ast::ExprPtr AstBuilder::number(P::SignedNumberContext* ctx) {
  ast::ExprPtr e = newExpr(ast::ExprKind::Constant, ctx);
  bool negative = ctx->MINUS() != nullptr;
  antlr4::Token* literal = ctx->getStop();
  std::string text = literal->getText();
  switch (literal->getType()) {
    case P::INT_LITERAL:
    case P::LONG_LITERAL: {
      bool isLong = literal->getType() == P::LONG_LITERAL;
      if (isLong) text.pop_back();
      // Parsed as unsigned so that -2147483648 and -9223372036854775808 fit.
      uint64_t magnitude = 0;
      std::from_chars(text.data(), text.data() + text.size(), magnitude);
      e->constKind = isLong ? ast::ConstKind::Long : ast::ConstKind::Int;
      e->intValue =
          negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
      break;
    }
    case P::FLOAT_LITERAL: {
      double value = std::strtod(text.c_str(), nullptr);
      e->constKind = ast::ConstKind::Float;
      e->doubleValue = static_cast<float>(negative ? -value : value);
      break;
    }
    default: {  // double; strtod stops at a d/D suffix
      double value = std::strtod(text.c_str(), nullptr);
      e->constKind = ast::ConstKind::Double;
      e->doubleValue = negative ? -value : value;
      break;
    }
  }
  return e;
}

ast::ExprPtr AstBuilder::timeValue(P::TimeValueContext* ctx) {
  ast::ExprPtr e = newExpr(ast::ExprKind::Constant, ctx);
  e->constKind = ast::ConstKind::Long;
  e->isTime = true;
  for (P::TimePartContext* part : ctx->timePart()) {
    e->intValue += integer(part->INT_LITERAL()->getText()) * unit(part->timeUnit()).millis;
  }
  return e;
}

}  // namespace cepheus::parse
