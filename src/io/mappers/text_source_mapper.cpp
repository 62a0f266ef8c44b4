// The text map of a source, in Siddhi's default text form (what the text map of a sink writes):
//   symbol:"IBM",
//   price:10.5
// one `name:value` a line, lines joined by ",", strings in double quotes (\" and \\ escaped).
// Every attribute must be there; other names are ignored. Transport properties (trp:) are not
// taken here: the text form names its attributes itself.
#include "io/mappers/attribute_sources.h"
#include "io/mappers/mapper_factories.h"

namespace cepheus::io {

namespace {

class TextSourceMapper : public SourceMapper {
 public:
  explicit TextSourceMapper(const StreamInfo& stream) : stream_(stream), seen_(stream.attributes.size()) {}

  bool decode(std::string_view message, const MessageContext&, int64_t timestamp, codec::EventBatch& out,
              std::string& error) override {
    size_t row = out.size();
    out.timestamps.push_back(timestamp);
    out.values.resize(out.values.size() + out.width);
    std::fill(seen_.begin(), seen_.end(), false);
    if (!decodeEvent(message, out.values.data() + row * out.width, error)) {
      out.timestamps.resize(row);
      out.values.resize(row * out.width);
      return false;
    }
    return true;
  }

 private:
  bool decodeEvent(std::string_view text, Value* values, std::string& error) {
    size_t i = 0;
    auto skipSpace = [&] {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    };
    while (true) {
      skipSpace();
      if (i >= text.size()) break;
      size_t colon = text.find(':', i);
      if (colon == std::string_view::npos) {
        error = "expected name:value, got '" + std::string(text.substr(i, 40)) + "'";
        return false;
      }
      std::string_view name = text.substr(i, colon - i);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      i = colon + 1;
      skipSpace();
      std::string value;
      bool quoted = i < text.size() && text[i] == '"';
      if (quoted) {
        ++i;
        while (i < text.size() && text[i] != '"') {
          if (text[i] == '\\' && i + 1 < text.size()) ++i;
          value += text[i++];
        }
        if (i >= text.size()) {
          error = "the quote of '" + std::string(name) + "' is not closed";
          return false;
        }
        ++i;
      } else {
        size_t end = i;
        while (end < text.size() && text[end] != ',' && text[end] != '\n') ++end;
        value.assign(text.substr(i, end - i));
        while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.pop_back();
        i = end;
      }
      skipSpace();
      if (i < text.size() && text[i] == ',') ++i;
      for (size_t a = 0; a < stream_.attributes.size(); ++a) {
        if (seen_[a] || stream_.attributes[a].name != name) continue;
        seen_[a] = true;
        if (!quoted && value == "null") {
          values[a] = Value::null();
          break;
        }
        auto decoded = valueFromText(value, stream_.attributes[a], error);
        if (!decoded) return false;
        values[a] = *decoded;
        break;
      }
    }
    for (size_t a = 0; a < stream_.attributes.size(); ++a) {
      if (!seen_[a]) {
        error = "attribute '" + stream_.attributes[a].name + "' is missing";
        return false;
      }
    }
    return true;
  }

  StreamInfo stream_;
  std::vector<bool> seen_;
};

}  // namespace

std::unique_ptr<SourceMapper> makeTextSourceMapper(const TransportInfo&, const StreamInfo& stream) {
  return std::make_unique<TextSourceMapper>(stream);
}

}  // namespace cepheus::io
