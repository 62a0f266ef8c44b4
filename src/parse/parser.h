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

}  // namespace cepheus::parse
