// Small lookups the definition and query passes share: schemas as text and compared, and
// annotations found by case-insensitive name (`@OnError` and `@onerror` are the same).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cepheus/stream.h"
#include "parse/ast.h"

namespace cepheus::analyze {

std::string schemaText(const std::vector<AttributeInfo>& attributes);  // "(a string, b int)"
bool sameSchema(const std::vector<AttributeInfo>& a, const std::vector<AttributeInfo>& b);

bool sameName(const std::string& a, const std::string& b);  // ASCII case-insensitive
const ast::Annotation* findAnnotation(const std::vector<ast::Annotation>& annotations, const std::string& name);
// The value of element `key` (case-insensitive; "" = the positional one), or "".
std::string annotationElement(const ast::Annotation& annotation, const std::string& key);
// Where element `key` of the annotation is written (the annotation's place when it is absent).
ast::SourcePos annotationElementPos(const ast::Annotation& annotation, const std::string& key);
bool hasAnnotationElement(const ast::Annotation& annotation, const std::string& key);

// An annotation's duration such as '100 millisecond' or '2 sec' (a time literal, as Siddhi reads
// them): its milliseconds when it is one greater than zero, else nothing.
std::optional<int64_t> durationText(const std::string& text);

}  // namespace cepheus::analyze
