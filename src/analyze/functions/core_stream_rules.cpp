// The core's stream functions: #pol2Cart(theta, rho[, z]) turns polar coordinates into x and y
// (theta in degrees), passing z through. Siddhi requires double arguments, so does Cepheus.
#include "analyze/function_catalog.h"

namespace cepheus::analyze {

void addCoreStreamRules(std::vector<FunctionRule>& streamRules) {
  using namespace types;
  const Param theta{"theta", Double}, rho{"rho", Double}, z{"z", Double};
  Overload plane{{theta, rho}, Type::Double};
  plane.outputs = {{"x", Type::Double}, {"y", Type::Double}};
  Overload space{{theta, rho, z}, Type::Double};
  space.outputs = {{"x", Type::Double}, {"y", Type::Double}, {"z", Type::Double}};
  streamRules.push_back({"pol2Cart", {plane, space}});
}

}  // namespace cepheus::analyze
