// How results look: rows as an aligned table with column names, or as JSON objects; problems
// with the line they are on and a caret under the column.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "cli/shell/rest_client.h"

namespace cepheus::cli::shell {

enum class Format { Table, Json };

// A value as a table cell: strings as they are, numbers and booleans as JSON writes them.
std::string cellText(const nlohmann::json& value);

// Rows under a header, each column as wide as its widest cell; numbers right-aligned. Ends with
// a "(N rows)" line.
std::string renderTable(const std::vector<std::string>& columns, const nlohmann::json& rows);
// One JSON object a row ({"column": value, ...}), one a line.
std::string renderJsonRows(const std::vector<std::string>& columns, const nlohmann::json& rows);

// "  TEXT OF THE LINE\n  ^\n" under column `col` (1-based) of line `line` of `text`; "" when
// the text has no such line.
std::string caret(const std::string& text, int line, int col);

// "LINE:COL: error: MESSAGE" for each of the diagnostics of a server's error body (or its
// message), each followed by its caret in `text` when the text is known; for an answer that is
// not JSON, its status and first line.
std::string serverError(const RestResponse& response, const std::string& text = "",
                        const std::string& file = "");

}  // namespace cepheus::cli::shell
