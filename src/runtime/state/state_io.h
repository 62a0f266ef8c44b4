// The byte encoding of state in snapshots: compact (varints, zigzag for signed numbers, raw
// IEEE floats, length-prefixed strings), written and read by two concrete classes with no
// virtual call per value. The reader checks every read against the bytes it was given and
// throws SnapshotError on anything malformed, so a truncated or corrupted snapshot is refused,
// never half-read past its end.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/snapshot.h"
#include "cepheus/value.h"

namespace cepheus::runtime {

class StateWriter {
 public:
  std::vector<uint8_t>& bytes() { return bytes_; }
  size_t size() const { return bytes_.size(); }

  void u8(uint8_t v) { bytes_.push_back(v); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void varint(uint64_t v) {
    while (v >= 0x80) {
      bytes_.push_back(static_cast<uint8_t>(v) | 0x80);
      v >>= 7;
    }
    bytes_.push_back(static_cast<uint8_t>(v));
  }
  void svarint(int64_t v) { varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void fixed32(uint32_t v) { raw(&v, sizeof v); }
  void fixed64(uint64_t v) { raw(&v, sizeof v); }
  void f32(float v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void string(std::string_view s) {
    varint(s.size());
    raw(s.data(), s.size());
  }
  void value(const Value& v);
  void values(const Value* v, size_t n) {
    for (size_t i = 0; i < n; ++i) value(v[i]);
  }

  // A length-prefixed section: begin() reserves the length, end() fills it in.
  size_t beginSection() {
    size_t at = bytes_.size();
    bytes_.resize(at + 4);
    return at;
  }
  void endSection(size_t at) {
    uint32_t length = static_cast<uint32_t>(bytes_.size() - at - 4);
    std::memcpy(bytes_.data() + at, &length, 4);
  }

 private:
  void raw(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    bytes_.insert(bytes_.end(), b, b + n);
  }
  std::vector<uint8_t> bytes_;
};

class StateReader {
 public:
  explicit StateReader(std::span<const uint8_t> bytes) : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  bool atEnd() const { return at_ == end_; }
  size_t remaining() const { return static_cast<size_t>(end_ - at_); }
  // Throws unless every byte was read: a state that reads less (or more) than was written for
  // it does not fit the operator reading it.
  void expectEnd() const {
    if (!atEnd()) fail("state has " + std::to_string(remaining()) + " bytes more than its operator reads");
  }

  uint8_t u8() {
    need(1);
    return *at_++;
  }
  bool boolean() {
    uint8_t b = u8();
    if (b > 1) fail("a flag holds " + std::to_string(b));
    return b == 1;
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = u8();
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("a number runs past 64 bits");
  }
  int64_t svarint() {
    uint64_t v = varint();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  // A count of items that take at least `minBytes` each: larger than what is left means the
  // snapshot is corrupt, and is refused before anything that size is allocated.
  size_t count(size_t minBytes = 1) {
    uint64_t n = varint();
    if (minBytes > 0 && n > remaining() / minBytes) fail("a count of " + std::to_string(n) + " is larger than the snapshot");
    return static_cast<size_t>(n);
  }
  uint32_t fixed32() { return rawAs<uint32_t>(); }
  uint64_t fixed64() { return rawAs<uint64_t>(); }
  float f32() { return rawAs<float>(); }
  double f64() { return rawAs<double>(); }
  std::string_view string() {
    size_t n = count(1);
    std::string_view s(reinterpret_cast<const char*>(at_), n);
    at_ += n;
    return s;
  }
  Value value();
  void values(Value* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = value();
  }
  // The bytes of a section written by StateWriter::beginSection/endSection.
  std::span<const uint8_t> section() {
    uint32_t n = fixed32();
    need(n);
    std::span<const uint8_t> bytes(at_, n);
    at_ += n;
    return bytes;
  }

  [[noreturn]] static void fail(const std::string& why) { throw SnapshotError("corrupt state: " + why); }

 private:
  void need(size_t n) const {
    if (remaining() < n) fail("it ends early");
  }
  template <class T>
  T rawAs() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  const uint8_t* at_;
  const uint8_t* end_;
};

}  // namespace cepheus::runtime
