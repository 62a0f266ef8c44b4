// A problem found in an app's text, with the place it was found.
#pragma once

#include <string>
#include <vector>

namespace cepheus {

struct Diagnostic {
  int line = 0;  // 1-based; 0 when the problem has no position
  int col = 0;   // 1-based
  std::string message;

  // "FILE:LINE:COL: error: MESSAGE", the format `cepheus check` prints.
  std::string format(const std::string& file) const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace cepheus
