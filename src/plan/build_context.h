// The app being planned, for compiled expressions that refer to something of the app beyond
// their own scope: `cond in T` searches the app's table T. Expressions are compiled by free
// functions called from everywhere in the planner; rather than thread the app through every
// call, the planner names the app for the duration of a build on its own thread.
#pragma once

#include "runtime/app_runtime.h"

namespace cepheus::plan {

class BuildContext {
 public:
  explicit BuildContext(const runtime::AppRuntime& app);
  ~BuildContext();
  BuildContext(const BuildContext&) = delete;
  BuildContext& operator=(const BuildContext&) = delete;

  // The app being built on this thread; std::logic_error outside a build.
  static const runtime::AppRuntime& app();

 private:
  const runtime::AppRuntime* app_;
  const BuildContext* outer_;
};

}  // namespace cepheus::plan
