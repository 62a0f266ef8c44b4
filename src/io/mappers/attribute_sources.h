// Where each attribute of a mapped event comes from: a field of the message (a JSON path, a CSV
// column, a name) or a transport property (@attributes(t='trp:topic')). Shared by the mappers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cepheus/elements.h"
#include "cepheus/stream.h"
#include "cepheus/value.h"
#include "io/mappers/source_mapper.h"

namespace cepheus::io {

enum class TransportProperty { None, Topic, Partition, Offset, Key, RecordTimestamp };

struct AttributeSource {
  std::string field;  // the @attributes value ("$.a.b", "2"), or the attribute's name without one
  TransportProperty property = TransportProperty::None;
};

// One per attribute of the stream, in its order; `mapped` is whether @attributes was given.
std::vector<AttributeSource> attributeSources(const TransportInfo& info, const StreamInfo& stream, bool& mapped);

// The transport property as a value of the attribute's type; error set when it does not fit.
Value transportValue(TransportProperty property, const MessageContext& context, const AttributeInfo& attribute,
                     std::string& error);

// Text (a CSV cell, a text-map value) as a value of the attribute's type.
std::optional<Value> valueFromText(std::string_view text, const AttributeInfo& attribute, std::string& error);

}  // namespace cepheus::io
