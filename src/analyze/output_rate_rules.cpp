// Output rate limiting: `output [all|first|last] every N events | T`, `output snapshot every T`.
#include "analyze/app_analyzer.h"

namespace cepheus::analyze {

bool AppAnalyzer::outputRate(const ast::OutputRate& rate, QueryModel& model) {
  if (rate.kind == ast::OutputRate::Kind::None) return true;
  error(rate.pos, "output rate limiting is not supported yet");
  return false;
}

}  // namespace cepheus::analyze
