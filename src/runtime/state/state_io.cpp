#include "runtime/state/state_io.h"

#include "common/json_text.h"
#include "runtime/set_object.h"

namespace cepheus::runtime {

namespace {

// The tags of the encoding. Bools are two tags, so a bool costs one byte. New tags go last, so
// older snapshots keep their meaning.
enum class Code : uint8_t { Null, Int, Long, Float, Double, False, True, String, Set, Json };

}  // namespace

void StateWriter::value(const Value& v) {
  using Tag = Value::Tag;
  switch (v.tag()) {
    case Tag::Null: u8(static_cast<uint8_t>(Code::Null)); return;
    case Tag::Int:
      u8(static_cast<uint8_t>(Code::Int));
      svarint(v.asInt());
      return;
    case Tag::Long:
      u8(static_cast<uint8_t>(Code::Long));
      svarint(v.asLong());
      return;
    case Tag::Float:
      u8(static_cast<uint8_t>(Code::Float));
      f32(v.asFloat());
      return;
    case Tag::Double:
      u8(static_cast<uint8_t>(Code::Double));
      f64(v.asDouble());
      return;
    case Tag::Bool: u8(static_cast<uint8_t>(v.asBool() ? Code::True : Code::False)); return;
    case Tag::InlineString:
    case Tag::HeapString:
      u8(static_cast<uint8_t>(Code::String));
      string(v.asString());
      return;
    case Tag::Object: {
      // The object values the engine holds: sets (createSet) and JSON an event brought in.
      if (const auto* json = dynamic_cast<const JsonText*>(v.asObject())) {
        u8(static_cast<uint8_t>(Code::Json));
        string(json->text());
        return;
      }
      const auto* set = dynamic_cast<const SetObject*>(v.asObject());
      if (!set) throw SnapshotError("an object value of this kind cannot be saved: " + v.toString());
      u8(static_cast<uint8_t>(Code::Set));
      varint(set->items.size());
      for (const Value& item : set->items) value(item);
      return;
    }
  }
}

Value StateReader::value() {
  uint8_t code = u8();
  switch (static_cast<Code>(code)) {
    case Code::Null: return Value();
    case Code::Int: {
      int64_t v = svarint();
      if (v < INT32_MIN || v > INT32_MAX) fail("an int out of range");
      return Value::ofInt(static_cast<int32_t>(v));
    }
    case Code::Long: return Value::ofLong(svarint());
    case Code::Float: return Value::ofFloat(f32());
    case Code::Double: return Value::ofDouble(f64());
    case Code::False: return Value::ofBool(false);
    case Code::True: return Value::ofBool(true);
    case Code::String: return Value::ofString(string());
    case Code::Json: {
      std::string text(string());
      if (!isCompactJson(text)) fail("a JSON value that is not compact JSON");
      return Value::ofObject(new JsonText(std::move(text)));
    }
    case Code::Set: {
      size_t n = count(1);
      auto* set = new SetObject();
      Value result = Value::ofObject(set);  // owns the set, also if an item below throws
      for (size_t i = 0; i < n; ++i) set->items.insert(value());
      return result;
    }
  }
  fail("unknown value code " + std::to_string(code));
}

}  // namespace cepheus::runtime
