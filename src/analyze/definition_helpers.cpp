#include "analyze/definition_helpers.h"

#include <algorithm>
#include <cctype>

#include "parse/parser.h"

namespace cepheus::analyze {

std::string schemaText(const std::vector<AttributeInfo>& attributes) {
  std::string out = "(";
  for (size_t i = 0; i < attributes.size(); ++i)
    out += (i ? ", " : "") + attributes[i].name + " " + typeName(attributes[i].type);
  return out + ")";
}

bool sameSchema(const std::vector<AttributeInfo>& a, const std::vector<AttributeInfo>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.name == y.name && x.type == y.type;
  });
}

bool sameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const ast::Annotation* findAnnotation(const std::vector<ast::Annotation>& annotations, const std::string& name) {
  for (const auto& a : annotations)
    if (sameName(a.name, name)) return &a;
  return nullptr;
}

std::string annotationElement(const ast::Annotation& annotation, const std::string& key) {
  for (const auto& [k, v] : annotation.elements)
    if (sameName(k, key)) return v;
  return "";
}

ast::SourcePos annotationElementPos(const ast::Annotation& annotation, const std::string& key) {
  for (size_t i = 0; i < annotation.elements.size() && i < annotation.elementPos.size(); ++i)
    if (sameName(annotation.elements[i].first, key)) return annotation.elementPos[i];
  return annotation.pos;
}

bool hasAnnotationElement(const ast::Annotation& annotation, const std::string& key) {
  for (const auto& [k, v] : annotation.elements)
    if (sameName(k, key)) return true;
  return false;
}

std::optional<int64_t> durationText(const std::string& text) {
  parse::ExpressionParse parsed = parse::parseExpression(text);
  const ast::Expr* e = parsed.expr.get();
  if (!e || e->kind != ast::ExprKind::Constant || !e->isTime || e->intValue <= 0) return std::nullopt;
  return e->intValue;
}

}  // namespace cepheus::analyze
