// Text -> syntax tree. The only entry points into the ANTLR-generated code.
#pragma once

#include <memory>
#include <string_view>

#include "cepheus/diagnostic.h"
#include "parse/ast.h"

namespace cepheus::parse {

struct AppParse {
  std::unique_ptr<ast::App> app;  // null when there were syntax errors
  Diagnostics errors;             // every syntax error, in source order
};

AppParse parseApp(std::string_view text);

struct OnDemandParse {
  std::unique_ptr<ast::OnDemandQuery> query;
  Diagnostics errors;
};

OnDemandParse parseOnDemandQuery(std::string_view text);

struct ExpressionParse {
  ast::ExprPtr expr;  // null when there were syntax errors
  Diagnostics errors;  // positions are within `text`
};

// A lone expression, e.g. the condition of `#window.expression('count() <= 20')`.
ExpressionParse parseExpression(std::string_view text);

}  // namespace cepheus::parse
