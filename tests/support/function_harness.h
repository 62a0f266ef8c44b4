// Evaluates function calls through a deployed app, one event at a time, for compact tests:
//   EXPECT_EQ(call("s string", "str:length(s)", {S("abc")}), "3");
// A null result reads "null"; a call that fails reads "error: MESSAGE" (the fault stream's
// _error), so tests assert failures as plainly as values.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/app_harness.h"

namespace cepheus::testing {

// The value of `expression` for one event of a stream with attributes `schema`.
inline std::string call(const std::string& schema, const std::string& expression, std::vector<Value> event,
                        const std::string& annotations = "@app:playback") {
  std::string app = annotations + " @OnError(action='STREAM') define stream T (" + schema + ");" +
                    "from T select " + expression + " as v insert into Out;" +
                    "from !T select _error as e insert into Faults;";
  AppHarness h(app);
  h.send("T", 1000, std::move(event));
  auto rows = h.rows("Out");
  auto faults = h.rows("Faults");
  if (!faults.empty()) return "error: " + faults[0].substr(1, faults[0].size() - 2);
  if (rows.size() != 1) return "no row";
  return rows[0].substr(1, rows[0].size() - 2);
}

// The same for an expression without attributes.
inline std::string call(const std::string& expression) { return call("x int", expression, {Value::ofInt(0)}); }

// Whether `text` starts with `prefix` (for error messages).
inline bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace cepheus::testing
