#include "cepheus/diagnostic.h"

#include <algorithm>

namespace cepheus {

std::string Diagnostic::format(const std::string& file) const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(col) +
         (isError() ? ": error: " : ": warning: ") + message;
}

bool hasErrors(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.isError(); });
}

}  // namespace cepheus
