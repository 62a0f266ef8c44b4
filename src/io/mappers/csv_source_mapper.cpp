// The csv map of a source (siddhi-map-csv): one event a line, the values separated by commas in
// the stream's attribute order, or taken from the columns @attributes(price='2') names. A value
// may be quoted ("a, b"; "" inside is a quote); an empty unquoted value is null.
#include "io/mappers/attribute_sources.h"
#include "io/mappers/mapper_factories.h"

namespace cepheus::io {

namespace {

class CsvSourceMapper : public SourceMapper {
 public:
  CsvSourceMapper(const TransportInfo& info, const StreamInfo& stream) : stream_(stream) {
    bool mapped = false;
    sources_ = attributeSources(info, stream, mapped);
    size_t next = 0;
    for (AttributeSource& source : sources_) {
      if (source.property != TransportProperty::None) continue;
      columns_.push_back(mapped ? std::stoul(source.field) : next++);
    }
  }

  bool decode(std::string_view message, const MessageContext& context, int64_t timestamp, codec::EventBatch& out,
              std::string& error) override {
    size_t before = out.size();
    size_t start = 0;
    size_t line = 0;
    while (start < message.size()) {
      size_t end = message.find('\n', start);
      if (end == std::string_view::npos) end = message.size();
      std::string_view text = message.substr(start, end - start);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      start = end + 1;
      ++line;
      if (text.empty()) continue;
      if (!decodeLine(text, context, timestamp, out, error)) {
        if (line > 1 || start < message.size()) error = "line " + std::to_string(line) + ": " + error;
        out.timestamps.resize(before);
        out.values.resize(before * out.width);
        return false;
      }
    }
    if (out.size() == before) {
      error = "an empty message";
      return false;
    }
    return true;
  }

 private:
  bool decodeLine(std::string_view text, const MessageContext& context, int64_t timestamp, codec::EventBatch& out,
                  std::string& error) {
    cells_.clear();
    quoted_.clear();
    size_t i = 0;
    while (true) {
      std::string cell;
      bool quoted = i < text.size() && text[i] == '"';
      if (quoted) {
        ++i;
        while (true) {
          if (i >= text.size()) {
            error = "a quote is not closed";
            return false;
          }
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              cell += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          cell += text[i++];
        }
        if (i < text.size() && text[i] != ',') {
          error = "text after a quoted value";
          return false;
        }
      } else {
        size_t comma = text.find(',', i);
        if (comma == std::string_view::npos) comma = text.size();
        cell.assign(text.substr(i, comma - i));
        i = comma;
      }
      cells_.push_back(std::move(cell));
      quoted_.push_back(quoted);
      if (i >= text.size()) break;
      ++i;  // the comma
    }
    size_t row = out.size();
    out.timestamps.push_back(timestamp);
    out.values.resize(out.values.size() + out.width);
    Value* values = out.values.data() + row * out.width;
    size_t column = 0;
    for (size_t a = 0; a < stream_.attributes.size(); ++a) {
      const AttributeInfo& attribute = stream_.attributes[a];
      if (sources_[a].property != TransportProperty::None) {
        values[a] = transportValue(sources_[a].property, context, attribute, error);
        if (!error.empty()) return false;
        continue;
      }
      size_t at = columns_[column++];
      if (at >= cells_.size()) {
        error = "attribute '" + attribute.name + "': the line has no column " + std::to_string(at) + " (it has " +
                std::to_string(cells_.size()) + ")";
        return false;
      }
      if (cells_[at].empty() && !quoted_[at]) {
        values[a] = Value::null();
        continue;
      }
      auto value = valueFromText(cells_[at], attribute, error);
      if (!value) return false;
      values[a] = *value;
    }
    return true;
  }

  StreamInfo stream_;
  std::vector<AttributeSource> sources_;
  std::vector<size_t> columns_;  // per attribute read from the line, its column
  std::vector<std::string> cells_;
  std::vector<bool> quoted_;
};

}  // namespace

std::unique_ptr<SourceMapper> makeCsvSourceMapper(const TransportInfo& info, const StreamInfo& stream) {
  return std::make_unique<CsvSourceMapper>(info, stream);
}

}  // namespace cepheus::io
