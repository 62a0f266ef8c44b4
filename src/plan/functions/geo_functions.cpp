// geo:distance — the haversine distance in metres on a sphere of radius 6,371,000 m, the
// formula of the geo extension. As there, a null coordinate fails the call.
#include <cmath>

#include "plan/functions/function_support.h"

namespace cepheus::plan::fn {

namespace {

EvaluatorPtr distance(const TypedExpr& e) {
  return make<double, double, double, double, double>(
      e, Nulls::Error, [](Call&, double lat1, double lon1, double lat2, double lon2, double& out) {
        constexpr double kRadius = 6371000;
        constexpr double kRadians = M_PI / 180;
        double phi1 = lat1 * kRadians, phi2 = lat2 * kRadians;
        double dLat = phi2 - phi1, dLon = (lon2 - lon1) * kRadians;
        double a = std::sin(dLat / 2) * std::sin(dLat / 2) +
                   std::cos(phi1) * std::cos(phi2) * std::sin(dLon / 2) * std::sin(dLon / 2);
        out = kRadius * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
        return true;
      });
}

}  // namespace

void addGeoFunctions(FactoryTable& t) { add(t, "geo:distance", distance); }

}  // namespace cepheus::plan::fn
