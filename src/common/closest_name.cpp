#include "common/closest_name.h"

#include <algorithm>
#include <cctype>

namespace cepheus {

namespace {

char folded(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Optimal string alignment distance over case-folded text: insertions, deletions,
// substitutions and transpositions of adjacent characters each cost one.
size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = folded(a[i - 1]) == folded(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && folded(a[i - 1]) == folded(b[j - 2]) && folded(a[i - 2]) == folded(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// How many edits still read as a typo: about one in three letters (clang's bound for typo
// correction), and none for one or two letters, where any name is that close to any other.
size_t allowedEdits(size_t length) { return length <= 2 ? 0 : (length + 2) / 3; }

std::string_view unqualified(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

std::optional<std::string> closestName(std::string_view name, const std::vector<std::string>& candidates) {
  bool qualified = name.find(':') != std::string_view::npos;
  std::optional<std::string> best;
  size_t bestDistance = allowedEdits(unqualified(name).size()) + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;  // not a misspelling of itself
    // `ns:name` misspells another `ns:name`; a bare name may be one without its namespace
    // (`upper` for `str:upper`).
    bool candidateQualified = candidate.find(':') != std::string::npos;
    if (qualified && !candidateQualified) continue;
    // A name that differs only in case is always worth suggesting (`Price` for `price`).
    size_t distance = qualified || !candidateQualified ? editDistance(name, candidate)
                                                       : editDistance(name, unqualified(candidate));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates,
                       std::string_view prefix) {
  std::optional<std::string> best = closestName(name, candidates);
  if (!best) return "";
  return " (did you mean '" + std::string(prefix) + *best + "'?)";
}

}  // namespace cepheus
