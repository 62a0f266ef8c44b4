// A SiddhiQL value: 16 bytes, copied by value on the hot path.
//
// Why this shape: events move through queries by the million per second, so a value must be
// cheap to copy and must never allocate for the common cases. Numbers and bools live inline;
// strings of up to 14 bytes live inline too (stock symbols, ids, enum-like fields); longer
// strings and objects (sets, arbitrary payloads) live in a reference-counted heap block that a
// copy shares instead of duplicating.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cepheus {

// The attribute types of SiddhiQL.
enum class Type : uint8_t { String, Int, Long, Float, Double, Bool, Object };

const char* typeName(Type type);
bool isNumeric(Type type);

// A heap block shared by values (long strings, sets, other objects).
class RefCounted {
 public:
  virtual ~RefCounted() = default;
  void retain() const { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() const {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

 private:
  mutable std::atomic<int32_t> refs_{1};
};

class Value;

// Base of every object payload (`object` attributes): sets and anything a function returns.
class Object : public RefCounted {
 public:
  virtual std::string toString() const = 0;
  virtual bool equals(const Object& other) const { return this == &other; }
  virtual size_t hash() const { return reinterpret_cast<size_t>(this); }
};

class Value {
 public:
  // What a value holds at run time. An `object` attribute may hold any of these.
  enum class Tag : uint8_t { Null, Int, Long, Float, Double, Bool, InlineString, HeapString, Object };

  Value() { setWords(0, 0); }  // null: all sixteen bytes zero
  static Value null() { return Value(); }
  static Value ofInt(int32_t v) { return number(Tag::Int, int64_t{v}); }
  static Value ofLong(int64_t v) { return number(Tag::Long, v); }
  static Value ofFloat(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return number(Tag::Float, bits);
  }
  static Value ofDouble(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return number(Tag::Double, static_cast<int64_t>(bits));
  }
  static Value ofBool(bool v) { return number(Tag::Bool, v ? 1 : 0); }
  static Value ofString(std::string_view s);
  // Takes over one reference of `object` (a freshly created object has one).
  static Value ofObject(const Object* object);

  Value(const Value& other) { copyFrom(other); }
  Value(Value&& other) noexcept {
    std::memcpy(static_cast<void*>(this), &other, sizeof(Value));
    other.tag_ = Tag::Null;
  }
  Value& operator=(const Value& other) {
    if (this != &other) {
      drop();
      copyFrom(other);
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      drop();
      std::memcpy(static_cast<void*>(this), &other, sizeof(Value));
      other.tag_ = Tag::Null;
    }
    return *this;
  }
  ~Value() { drop(); }

  Tag tag() const { return tag_; }
  bool isNull() const { return tag_ == Tag::Null; }
  bool isString() const { return tag_ == Tag::InlineString || tag_ == Tag::HeapString; }
  bool isObject() const { return tag_ == Tag::Object; }
  bool isNumber() const {
    return tag_ == Tag::Int || tag_ == Tag::Long || tag_ == Tag::Float || tag_ == Tag::Double;
  }

  // Unchecked accessors: the caller knows the tag (typed evaluation decided it at plan time).
  int32_t asInt() const { return static_cast<int32_t>(raw64()); }
  int64_t asLong() const { return raw64(); }
  float asFloat() const {
    float f;
    std::memcpy(&f, bytes_, sizeof f);
    return f;
  }
  double asDouble() const {
    double d;
    std::memcpy(&d, bytes_, sizeof d);
    return d;
  }
  bool asBool() const { return raw64() != 0; }
  std::string_view asString() const;  // empty when the value is not a string
  const Object* asObject() const { return static_cast<const Object*>(heap()); }

  // A number, a bool or null as its eight payload bytes and its tag, and back: storage that
  // knows an attribute holds no strings or objects keeps nine bytes of it, not sixteen.
  uint64_t numberBits() const { return static_cast<uint64_t>(raw64()); }
  static Value ofNumberBits(Tag tag, uint64_t bits) { return number(tag, static_cast<int64_t>(bits)); }

  // Numeric widening for any numeric tag (used by conversions and aggregators).
  double toDouble() const {
    switch (tag_) {
      case Tag::Double: return asDouble();
      case Tag::Int:
      case Tag::Long: return static_cast<double>(asLong());
      case Tag::Float: return asFloat();
      default: return 0;
    }
  }
  int64_t toLong() const {
    switch (tag_) {
      case Tag::Int:
      case Tag::Long: return asLong();
      case Tag::Float: return static_cast<int64_t>(asFloat());
      case Tag::Double: return static_cast<int64_t>(asDouble());
      default: return 0;
    }
  }

  // Value equality as SiddhiQL compares keys (group by, partitions, tables): same tag family
  // and same content; numbers of different tags are different keys, as in Java.
  bool operator==(const Value& other) const {
    // Inline strings are zero-padded, so the common key case is two 16-byte comparisons.
    if (tag_ == Tag::InlineString && other.tag_ == Tag::InlineString)
      return std::memcmp(this, &other, sizeof(Value)) == 0;
    return equalsSlow(other);
  }
  bool operator!=(const Value& other) const { return !(*this == other); }
  size_t hash() const {
    if (tag_ == Tag::InlineString) {  // mix the two words of the padded inline text
      const auto* raw = reinterpret_cast<const unsigned char*>(this);
      uint64_t a, b;
      std::memcpy(&a, raw, 8);
      std::memcpy(&b, raw + 8, 8);  // the last 6 text bytes, the length and the tag
      uint64_t h = (a ^ (b * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;
      return static_cast<size_t>(h ^ (h >> 32));
    }
    return hashSlow();
  }

  // Java-style text form: 10.0 for doubles, true/false, the raw string.
  std::string toString() const;

 private:
  struct Uninitialized {};
  explicit Value(Uninitialized) {}
  static Value number(Tag tag, int64_t bits) {
    Value v{Uninitialized{}};
    v.setWords(static_cast<uint64_t>(bits), static_cast<uint64_t>(tag) << 56);  // tag in the last byte
    return v;
  }
  // Writes the value's sixteen bytes in one store. A value is often read soon after it is made
  // (a projection copying a fresh aggregate result); a 16-byte copy of bytes written by narrower
  // stores cannot be forwarded from the store buffer and stalls the pipeline, one written whole
  // can.
  void setWords(uint64_t low, uint64_t high) {
#if defined(__SSE2__)
    _mm_storeu_si128(reinterpret_cast<__m128i*>(this), _mm_set_epi64x(static_cast<long long>(high), static_cast<long long>(low)));
#else
    std::memcpy(bytes_, &low, sizeof low);
    std::memcpy(bytes_ + 8, &high, sizeof high);
#endif
  }
  int64_t raw64() const {
    int64_t v;
    std::memcpy(&v, bytes_, sizeof v);
    return v;
  }
  const RefCounted* heap() const {
    const RefCounted* p;
    std::memcpy(&p, bytes_, sizeof p);
    return p;
  }
  bool equalsSlow(const Value& other) const;
  size_t hashSlow() const;
  void copyFrom(const Value& other) {
    std::memcpy(static_cast<void*>(this), &other, sizeof(Value));
    if (tag_ == Tag::HeapString || tag_ == Tag::Object) retainHeap();
  }
  void drop() {
    if (tag_ == Tag::HeapString || tag_ == Tag::Object) releaseHeap();
  }
  // Out of line: the shared-block path is rare, and keeping it opaque stops GCC 12 from
  // reporting false -Warray-bounds errors where it inlines through a Value temporary.
  void retainHeap() const;
  void releaseHeap() const;

  alignas(8) unsigned char bytes_[14];
  uint8_t length_;  // inline string length (every constructor writes it)
  Tag tag_;
};

static_assert(sizeof(Value) == 16, "Value must stay 16 bytes");

struct ValueHash {
  size_t operator()(const Value& v) const { return v.hash(); }
};

}  // namespace cepheus
