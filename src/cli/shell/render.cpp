#include "cli/shell/render.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace cepheus::cli::shell {

using Json = nlohmann::json;

std::string cellText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string renderTable(const std::vector<std::string>& columns, const Json& rows) {
  std::vector<size_t> width;
  std::vector<bool> numeric(columns.size(), true);
  for (const std::string& name : columns) width.push_back(name.size());
  for (const Json& row : rows) {
    for (size_t c = 0; c < columns.size() && c < row.size(); ++c) {
      width[c] = std::max(width[c], cellText(row[c]).size());
      if (!row[c].is_number() && !row[c].is_null()) numeric[c] = false;
    }
  }
  auto line = [&](auto cell) {
    std::string text;
    for (size_t c = 0; c < columns.size(); ++c) {
      std::string value = cell(c);
      std::string pad(width[c] - std::min(width[c], value.size()), ' ');
      text += (c ? " | " : " ") + (numeric[c] ? pad + value : value + pad);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text + "\n";
  };
  std::string out = line([&](size_t c) { return columns[c]; });
  std::string rule;
  for (size_t c = 0; c < columns.size(); ++c) rule += (c ? "-+-" : "-") + std::string(width[c], '-');
  out += rule + "-\n";
  for (const Json& row : rows) out += line([&](size_t c) { return c < row.size() ? cellText(row[c]) : ""; });
  out += "(" + std::to_string(rows.size()) + (rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

std::string renderJsonRows(const std::vector<std::string>& columns, const Json& rows) {
  std::string out;
  for (const Json& row : rows) {
    Json object = Json::object();
    for (size_t c = 0; c < columns.size() && c < row.size(); ++c) object[columns[c]] = row[c];
    out += object.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  return out;
}

std::string caret(const std::string& text, int line, int col) {
  if (line < 1) return "";
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    start = text.find('\n', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  size_t end = text.find('\n', start);
  std::string source = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!source.empty() && source.back() == '\r') source.pop_back();
  // Tabs stay tabs under the caret, so it lines up whatever the terminal's tab width.
  std::string under;
  for (int c = 1; c < col && static_cast<size_t>(c) <= source.size(); ++c) under += source[c - 1] == '\t' ? '\t' : ' ';
  return "  " + source + "\n  " + under + "^\n";
}

std::string serverError(const RestResponse& response, const std::string& text, const std::string& file) {
  if (response.status == 0 && response.error == "interrupted") return "cancelled (Ctrl-C)";
  if (response.status == 0) return "error: no answer from the server: " + response.error;
  Json body = Json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("message")) {
    std::string first = response.body.substr(0, response.body.find('\n'));
    if (first.size() > 200 || first.find('<') != std::string::npos) first = "";
    return "error: the server answered " + std::to_string(response.status) + (first.empty() ? "" : ": " + first);
  }
  std::string out;
  const std::string prefix = file.empty() ? "" : file + ":";
  if (body.contains("diagnostics") && body["diagnostics"].is_array() && !body["diagnostics"].empty()) {
    for (const Json& d : body["diagnostics"]) {
      int line = d.value("line", 0);
      int col = d.value("column", 0);
      std::string severity = d.value("severity", "error");
      std::string where = line > 0 ? prefix + std::to_string(line) + ":" + std::to_string(col) + ": " : prefix.empty() ? "" : prefix + " ";
      out += where + severity + ": " + d.value("message", "") + "\n";
      if (!text.empty()) out += caret(text, line, col);
    }
  } else {
    out = "error: " + body.value("message", std::string()) + "\n";
  }
  if (body.contains("rejected") && body["rejected"].is_array()) {
    for (const Json& r : body["rejected"])
      out += "  event " + std::to_string(r.value("index", 0) + 1) + ": " + r.value("message", "") + "\n";
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace cepheus::cli::shell
