// The byte encoding of snapshots: every kind of value round-trips, and a reader given too few
// or nonsensical bytes refuses them instead of reading past the end.
#include <gtest/gtest.h>

#include "runtime/set_object.h"
#include "runtime/state/state_io.h"

namespace cepheus::runtime {
namespace {

std::vector<Value> roundTrip(const std::vector<Value>& values) {
  StateWriter out;
  out.values(values.data(), values.size());
  StateReader in(out.bytes());
  std::vector<Value> back(values.size());
  in.values(back.data(), back.size());
  EXPECT_TRUE(in.atEnd());
  return back;
}

TEST(StateIo, EveryKindOfValueRoundTrips) {
  auto* set = new SetObject();
  set->items.insert(Value::ofString("x"));
  set->items.insert(Value::ofLong(7));
  std::vector<Value> values = {Value(),
                               Value::ofInt(-5),
                               Value::ofInt(INT32_MIN),
                               Value::ofLong(INT64_MAX),
                               Value::ofLong(INT64_MIN),
                               Value::ofFloat(1.5f),
                               Value::ofDouble(-0.1),
                               Value::ofBool(true),
                               Value::ofBool(false),
                               Value::ofString("IBM"),
                               Value::ofString(std::string(100, 'z')),
                               Value::ofString(""),
                               Value::ofObject(set)};
  std::vector<Value> back = roundTrip(values);
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(back[i].tag(), values[i].tag()) << i;
    EXPECT_TRUE(back[i] == values[i]) << i << ": " << back[i].toString();
  }
}

TEST(StateIo, NumbersAreCompact) {
  StateWriter out;
  out.value(Value::ofLong(3));
  out.value(Value::ofBool(true));
  out.value(Value::ofString("IBM"));
  EXPECT_EQ(out.size(), 2u + 1u + 5u);  // tag+varint, one tag, tag+length+3 bytes
}

TEST(StateIo, ATruncatedStateIsRefusedAtEveryLength) {
  StateWriter out;
  out.string("hello");
  out.svarint(-123456789);
  out.value(Value::ofString(std::string(40, 'q')));
  out.f64(2.5);
  for (size_t cut = 0; cut < out.size(); ++cut) {
    std::vector<uint8_t> bytes(out.bytes().begin(), out.bytes().begin() + static_cast<std::ptrdiff_t>(cut));
    StateReader in(bytes);
    EXPECT_THROW(
        {
          in.string();
          in.svarint();
          in.value();
          in.f64();
        },
        SnapshotError)
        << "cut at " << cut;
  }
}

TEST(StateIo, ACountLargerThanTheBytesLeftIsRefusedBeforeAllocating) {
  StateWriter out;
  out.varint(uint64_t{1} << 40);
  StateReader in(out.bytes());
  EXPECT_THROW(in.count(16), SnapshotError);
}

TEST(StateIo, UnknownValueCodesAndBadFlagsAreRefused) {
  std::vector<uint8_t> code = {99};
  StateReader values(code);
  EXPECT_THROW(values.value(), SnapshotError);
  std::vector<uint8_t> flag = {2};
  StateReader flags(flag);
  EXPECT_THROW(flags.boolean(), SnapshotError);
}

TEST(StateIo, SectionsTellWhereAStateEnds) {
  StateWriter out;
  size_t at = out.beginSection();
  out.varint(300);
  out.endSection(at);
  out.u8(7);
  StateReader in(out.bytes());
  StateReader section(in.section());
  EXPECT_EQ(section.varint(), 300u);
  EXPECT_NO_THROW(section.expectEnd());
  EXPECT_EQ(in.u8(), 7);
}

}  // namespace
}  // namespace cepheus::runtime
