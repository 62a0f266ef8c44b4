#include "common/json_path.h"

#include <cctype>
#include <charconv>

namespace cepheus {

namespace {

bool nameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::optional<int64_t> integer(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<JsonPath> JsonPath::parse(std::string_view input, std::string& error) {
  JsonPath path;
  path.text = std::string(input);
  std::string normalized(input);
  if (normalized.empty() || (normalized[0] != '$' && normalized[0] != '@'))
    normalized = normalized.empty() || normalized[0] == '[' ? "$" + normalized : "$." + normalized;
  std::string_view p = normalized;
  auto fail = [&](const std::string& why) {
    error = "JSON path '" + std::string(input) + "' " + why;
    return std::nullopt;
  };
  if (p[0] == '@') return fail("must start with '$' (filters are not supported)");
  size_t i = 1;
  while (i < p.size()) {
    JsonPathStep step;
    if (p[i] == '.') {
      ++i;
      if (i < p.size() && p[i] == '.') {
        step.deep = true;
        ++i;
      }
      if (i < p.size() && p[i] == '[') {
        if (!step.deep) return fail("has '.[' (write '[' or '.name')");
      } else if (i < p.size() && p[i] == '*') {
        step.kind = JsonPathStep::Kind::Wildcard;
        ++i;
        path.steps.push_back(step);
        continue;
      } else {
        size_t start = i;
        while (i < p.size() && nameChar(p[i])) ++i;
        if (i == start) return fail("has an empty property name at index " + std::to_string(start));
        if (i < p.size() && p[i] == '(') return fail("uses a path function, which is not supported");
        step.kind = JsonPathStep::Kind::Child;
        step.names.emplace_back(p.substr(start, i - start));
        path.steps.push_back(step);
        continue;
      }
    }
    if (i >= p.size() || p[i] != '[') return fail("has an unexpected '" + std::string(1, p[i]) + "' at index " + std::to_string(i));
    size_t close = std::string_view::npos;
    // Find the closing bracket outside quotes.
    char quote = 0;
    for (size_t j = i + 1; j < p.size(); ++j) {
      if (quote) {
        if (p[j] == '\\') {
          ++j;
        } else if (p[j] == quote) {
          quote = 0;
        }
      } else if (p[j] == '\'' || p[j] == '"') {
        quote = p[j];
      } else if (p[j] == ']') {
        close = j;
        break;
      }
    }
    if (close == std::string_view::npos) return fail("has an unclosed '['");
    std::string_view inside = p.substr(i + 1, close - i - 1);
    i = close + 1;
    while (!inside.empty() && inside.front() == ' ') inside.remove_prefix(1);
    while (!inside.empty() && inside.back() == ' ') inside.remove_suffix(1);
    if (inside.empty()) return fail("has an empty '[]'");
    if (inside[0] == '?') return fail("uses a filter expression ([?(...)]), which is not supported");
    if (inside == "*") {
      step.kind = JsonPathStep::Kind::Wildcard;
    } else if (inside[0] == '\'' || inside[0] == '"') {
      step.kind = JsonPathStep::Kind::Child;
      size_t j = 0;
      while (j < inside.size()) {
        char q = inside[j];
        if (q != '\'' && q != '"') return fail("has a malformed property list in '[" + std::string(inside) + "]'");
        std::string name;
        size_t k = j + 1;
        for (; k < inside.size() && inside[k] != q; ++k) {
          if (inside[k] == '\\' && k + 1 < inside.size()) ++k;
          name += inside[k];
        }
        if (k >= inside.size()) return fail("has an unclosed quote");
        step.names.push_back(name);
        j = k + 1;
        while (j < inside.size() && inside[j] == ' ') ++j;
        if (j < inside.size()) {
          if (inside[j] != ',') return fail("has a malformed property list in '[" + std::string(inside) + "]'");
          ++j;
          while (j < inside.size() && inside[j] == ' ') ++j;
        }
      }
    } else if (inside.find(':') != std::string_view::npos) {
      step.kind = JsonPathStep::Kind::Slice;
      size_t colon = inside.find(':');
      std::string_view a = inside.substr(0, colon), b = inside.substr(colon + 1);
      if (b.find(':') != std::string_view::npos) return fail("uses a slice step, which is not supported");
      if (!a.empty()) {
        auto v = integer(a);
        if (!v) return fail("has a malformed slice '[" + std::string(inside) + "]'");
        step.from = *v;
      }
      if (!b.empty()) {
        auto v = integer(b);
        if (!v) return fail("has a malformed slice '[" + std::string(inside) + "]'");
        step.to = *v;
      }
    } else {
      step.kind = JsonPathStep::Kind::Index;
      size_t start = 0;
      while (start <= inside.size()) {
        size_t comma = inside.find(',', start);
        std::string_view item = inside.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        auto v = integer(item);
        if (!v) return fail("has a malformed index '[" + std::string(inside) + "]'");
        step.indices.push_back(*v);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
    }
    path.steps.push_back(step);
  }
  for (const auto& step : path.steps) {
    if (step.deep || step.kind == JsonPathStep::Kind::Wildcard || step.kind == JsonPathStep::Kind::Slice ||
        step.names.size() > 1 || step.indices.size() > 1)
      path.definite = false;
  }
  return path;
}

}  // namespace cepheus
