// Compiling a condition for searching a source (a join's other side, the table of `in`, the rows
// a table change touches): the conjuncts `S.col == <value of the probing event>` that cover one
// of the source's hash indexes become a key probe into it; the other conjuncts are all that is
// tested per row found. A source without a usable index is scanned with the whole condition.
#pragma once

#include <optional>
#include <vector>

#include "analyze/typed_expr.h"
#include "cepheus/stream.h"
#include "runtime/join/findable.h"

namespace cepheus::plan {

// `condition` (none: every row matches) is over a scope whose slot `candidateSlot` holds the
// source's rows, of the types `columns`.
runtime::FindPlan compileFind(const std::optional<analyze::TypedExpr>& condition, int candidateSlot,
                              const runtime::Findable& source, const std::vector<AttributeInfo>& columns);

// Whether the expression reads slot `slot` (an attribute of it, its presence, its timestamp).
bool readsSlot(const analyze::TypedExpr& e, int slot);

}  // namespace cepheus::plan
