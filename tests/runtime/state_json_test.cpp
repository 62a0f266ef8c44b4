// JSON that events bring into object attributes is state like any other value: it is saved in
// a snapshot and restored as the same JSON; a forged snapshot cannot restore text that is not
// compact JSON.
#include <gtest/gtest.h>

#include "common/json_text.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {
namespace {

TEST(StateJson, JsonValuesRoundTrip) {
  Value json = Value::ofObject(new JsonText("{\"k\":[1,\"x\",null]}"));
  StateWriter out;
  out.value(json);
  StateReader in(out.bytes());
  Value back = in.value();
  EXPECT_TRUE(in.atEnd());
  ASSERT_TRUE(back.isObject());
  ASSERT_NE(dynamic_cast<const JsonText*>(back.asObject()), nullptr);
  EXPECT_EQ(back.toString(), "{\"k\":[1,\"x\",null]}");
  EXPECT_TRUE(back == json);
}

TEST(StateJson, TextThatIsNotCompactJsonIsRefused) {
  for (const char* forged : {"{\"k\": 1}", "[1,", "not json", "\"a string\"", "12", ""}) {
    StateWriter out;
    out.value(Value::ofObject(new JsonText(forged)));
    StateReader in(out.bytes());
    EXPECT_THROW(in.value(), SnapshotError) << forged;
  }
}

}  // namespace
}  // namespace cepheus::runtime
