// geo: — geo:distance of the geo extension: the great-circle distance in metres.
#include "analyze/function_catalog.h"

namespace cepheus::analyze {

void addGeoRules(std::vector<FunctionRule>& rules) {
  using namespace types;
  rules.push_back({"geo:distance",
                   {{{{"location1.latitude", Number},
                      {"location1.longitude", Number},
                      {"location2.latitude", Number},
                      {"location2.longitude", Number}},
                     Type::Double}}});
}

}  // namespace cepheus::analyze
