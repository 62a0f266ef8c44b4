#include "cepheus/diagnostic.h"

namespace cepheus {

std::string Diagnostic::format(const std::string& file) const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": error: " + message;
}

}  // namespace cepheus
