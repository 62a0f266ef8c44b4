#include "plan/build_context.h"

#include <stdexcept>

namespace cepheus::plan {

namespace {

thread_local const BuildContext* current = nullptr;

}  // namespace

BuildContext::BuildContext(const runtime::AppRuntime& app) : app_(&app), outer_(current) { current = this; }

BuildContext::~BuildContext() { current = outer_; }

const runtime::AppRuntime& BuildContext::app() {
  if (!current) throw std::logic_error("an expression that refers to the app is compiled outside of a build");
  return *current->app_;
}

}  // namespace cepheus::plan
