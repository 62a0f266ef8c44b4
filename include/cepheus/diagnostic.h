// A problem found in an app's text, with the place it was found.
#pragma once

#include <string>
#include <vector>

namespace cepheus {

enum class Severity {
  Error,    // the app is rejected
  Warning,  // the app runs, but something in it is ignored (an unknown annotation, a misspelt key)
};

struct Diagnostic {
  int line = 0;  // 1-based; 0 when the problem has no position
  int col = 0;   // 1-based
  std::string message;
  Severity severity = Severity::Error;

  bool isError() const { return severity == Severity::Error; }

  // "FILE:LINE:COL: error: MESSAGE" (or "warning:"), the format `cepheus check` prints.
  std::string format(const std::string& file) const;
};

using Diagnostics = std::vector<Diagnostic>;

// Whether any diagnostic is an error (warnings alone do not stop an app).
bool hasErrors(const Diagnostics& diagnostics);

}  // namespace cepheus
