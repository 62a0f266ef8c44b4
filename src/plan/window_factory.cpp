#include "plan/window_factory.h"

#include <stdexcept>

#include "runtime/windows/length_window.h"

namespace cepheus::plan {

std::unique_ptr<runtime::Operator> makeWindow(const analyze::WindowSpec& window, const WindowEnvironment& env) {
  const auto& args = window.args;
  if (window.name == "length")
    return std::make_unique<runtime::LengthWindow>(static_cast<size_t>(args[0].constant.asInt()), env.width, env.clock);
  throw std::logic_error("window '" + window.name + "' passed the analyzer but has no runtime");
}

bool windowExpiresInArrivalOrder(const analyze::WindowSpec& window) {
  return window.name != "sort" && window.name != "session" && window.name != "frequent" &&
         window.name != "lossyFrequent";
}

bool windowUsesTimers(const analyze::WindowSpec& window) { return false; }

}  // namespace cepheus::plan
