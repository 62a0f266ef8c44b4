// Tables as the analyzer proves them: their schema and keys, and what a query's output does to
// one (insert, delete, update, update or insert).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/typed_expr.h"
#include "cepheus/stream.h"
#include "parse/ast.h"

namespace cepheus::analyze {

// `@store(type='redis', ...)`: the table's rows live in an external store, built by the store
// factory the engine has for `type`, which checks `options`. `@cache(size=..., retention.period=...)`
// inside it keeps rows read from the store for a while (Siddhi's spelling).
struct TableStoreModel {
  std::string type;  // lower case
  std::vector<std::pair<std::string, std::string>> options;  // but `type`; keys lower case, in source order
  size_t cacheSize = 0;          // rows; 0: no cache (every chunk reads the store again)
  int64_t cacheRetentionMs = 0;  // how long a cached row (or its absence) is believed
  ast::SourcePos pos;
};

struct TableModel {
  std::string name;
  std::vector<AttributeInfo> attributes;
  std::vector<int> primaryKey;  // @PrimaryKey columns, in the order written; empty: none
  std::vector<int> indexed;     // @Index columns: one hash index each
  std::optional<TableStoreModel> store;  // none: the rows are kept in memory
  ast::SourcePos pos;
};

// A change to a table's rows. `on` and the right sides of `set` see two slots: the row being
// written (a query's output row, or an on-demand query's selected row) and the table row.
struct TableChangeModel {
  enum class Kind { Insert, Delete, Update, UpdateOrInsert };
  Kind kind = Kind::Insert;
  int table = -1;  // in AppModel::tables
  std::optional<TypedExpr> on;  // Delete, Update, UpdateOrInsert
  struct Assignment {
    int column = 0;   // of the table
    TypedExpr value;  // of a type the column holds (the planner widens numbers to it)
  };
  // Update, UpdateOrInsert. Without `set` in the text: every table attribute the written row has
  // by name, assigned from it.
  std::vector<Assignment> set;
};

}  // namespace cepheus::analyze
