#include "analyze/transport_rules.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <optional>
#include <string>

#include "analyze/definition_helpers.h"
#include "common/closest_name.h"

namespace cepheus::analyze {

namespace {

using Direction = TransportInfo::Direction;

enum class OptionKind {
  Text,      // any text
  Template,  // text with {{attribute}} placeholders
  HttpUrl,   // http:// or https:// URL, may hold {{attribute}} placeholders
  Count,     // an integer >= 1
  Retries,   // an integer >= 0
  Millis,    // a duration: an integer of milliseconds, or with a unit ('500 ms', '2 sec', '1 min')
  Bool,      // true or false
  Choice,    // one of `choices`, case-insensitive
  Headers,   // Siddhi's header list: "'Name:value','Name2:value2'"
  Partition, // an integer >= 0 (a Kafka partition number)
  Partitions,  // a comma-separated list of partition numbers: '0,1,2'
  OffsetsMap,  // Siddhi's topic.offsets.map: 'topic:partition:offset,...'
  KeyValues,   // Siddhi's optional.configuration: 'key:value,key2:value2'
};

struct OptionRule {
  const char* key;
  OptionKind kind;
  bool required = false;
  std::vector<const char*> choices = {};
};

struct TransportRule {
  const char* type;
  Direction direction;
  std::vector<OptionRule> options;
  std::vector<const char*> mapTypes;  // empty: takes no @map
};

// The transports of src/io. Keys of Siddhi's http transports that Cepheus does not implement
// (client bootstrap pools, truststores) are not listed, so they are warned about, not ignored.
const std::vector<TransportRule>& transportRules() {
  static const std::vector<TransportRule> rules = {
      {"http",
       Direction::Sink,
       {
           {"publisher.url", OptionKind::HttpUrl, true},
           {"method", OptionKind::Choice, false, {"POST", "PUT", "PATCH", "DELETE", "GET"}},
           {"headers", OptionKind::Headers},
           {"basic.auth.username", OptionKind::Text},
           {"basic.auth.password", OptionKind::Text},
           {"max.in.flight", OptionKind::Count},
           {"timeout", OptionKind::Millis},
           {"retry.max", OptionKind::Retries},
           {"retry.backoff.initial", OptionKind::Millis},
           {"retry.backoff.max", OptionKind::Millis},
           {"signing.secret", OptionKind::Text},
           {"batch.size", OptionKind::Count},
           {"queue.max", OptionKind::Count},
           {"https.ca.file", OptionKind::Text},
           {"https.verify", OptionKind::Bool},
           {"on.error", OptionKind::Choice, false, {"DEAD_LETTER", "STREAM", "LOG", "WAIT"}},
       },
       {"json", "text"}},
      {"log",
       Direction::Sink,
       {
           {"prefix", OptionKind::Text},
           {"priority", OptionKind::Choice, false, {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF"}},
           {"on.error", OptionKind::Choice, false, {"LOG"}},
       },
       {}},
      {"kafka",
       Direction::Sink,
       {
           {"bootstrap.servers", OptionKind::Text},
           {"topic", OptionKind::Template, true},
           {"partition.no", OptionKind::Partition},
           {"key", OptionKind::Template},
           {"is.synchronous", OptionKind::Bool},
           {"optional.configuration", OptionKind::KeyValues},
           {"queue.max", OptionKind::Count},
           {"on.error", OptionKind::Choice, false, {"DEAD_LETTER", "STREAM", "LOG"}},
       },
       {"json", "text"}},
      {"kafka",
       Direction::Source,
       {
           {"bootstrap.servers", OptionKind::Text},
           {"topic.list", OptionKind::Text, true},
           {"group.id", OptionKind::Text},
           {"threading.option", OptionKind::Choice, false, {"single.thread", "topic.wise", "partition.wise"}},
           {"partition.no.list", OptionKind::Partitions},
           {"topic.offsets.map", OptionKind::OffsetsMap},
           {"enable.offsets.commit", OptionKind::Bool},
           {"enable.async.commit", OptionKind::Bool},
           {"optional.configuration", OptionKind::KeyValues},
           {"use.record.timestamp", OptionKind::Bool},
           {"dead.letter.topic", OptionKind::Text},
           {"on.error", OptionKind::Choice, false, {"LOG", "STREAM"}},
       },
       {"json", "csv", "text"}},
      {"http",
       Direction::Source,
       {
           {"receiver.url", OptionKind::HttpUrl},
           {"basic.auth.enabled", OptionKind::Choice, false, {"false"}},
       },
       {"json"}},
  };
  return rules;
}

const char* directionName(Direction direction) { return direction == Direction::Sink ? "sink" : "source"; }

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

bool parseInteger(const std::string& text, int64_t& out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}


class TransportChecker {
 public:
  TransportChecker(const StreamInfo& stream, Diagnostics& diagnostics) : stream_(stream), diagnostics_(diagnostics) {}

  std::optional<TransportInfo> check(const ast::Annotation& annotation, Direction direction, int ordinal) {
    std::string type = annotationElement(annotation, "type");
    const char* kind = directionName(direction);
    if (type.empty()) {
      error(annotation.pos, std::string("@") + kind + " needs a type (type='http')");
      return std::nullopt;
    }
    const TransportRule* rule = nullptr;
    std::vector<std::string> known;
    for (const TransportRule& candidate : transportRules()) {
      if (candidate.direction != direction) continue;
      known.push_back(candidate.type);
      if (sameName(candidate.type, type)) rule = &candidate;
    }
    if (!rule) {
      std::string list;
      for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
      error(annotation.pos, std::string(kind) + " type '" + type + "' is not supported (Cepheus runs: " + list + ")" +
                                didYouMean(type, known));
      return std::nullopt;
    }
    TransportInfo info;
    info.direction = direction;
    info.type = rule->type;
    info.stream = stream_.name;
    info.ordinal = ordinal;
    info.line = annotation.pos.line;
    info.col = annotation.pos.col;
    bool ok = true;
    std::vector<std::string> given;
    for (size_t i = 0; i < annotation.elements.size(); ++i) {
      const auto& [key, value] = annotation.elements[i];
      ast::SourcePos at = i < annotation.elementPos.size() ? annotation.elementPos[i] : annotation.pos;
      if (sameName(key, "type")) continue;
      const OptionRule* option = findOption(*rule, key);
      if (!option) {
        warnUnknownOption(at, *rule, key, kind);
        continue;
      }
      given.push_back(option->key);
      std::optional<std::string> normalized = checkValue(*option, value, at);
      if (!normalized) {
        ok = false;
        continue;
      }
      info.options.emplace_back(option->key, *normalized);
    }
    for (const OptionRule& option : rule->options) {
      if (option.required && std::find(given.begin(), given.end(), option.key) == given.end()) {
        error(annotation.pos, std::string("@") + kind + "(type='" + rule->type + "') needs " + option.key);
        ok = false;
      }
    }
    if (!mapping(annotation, *rule, info, kind)) ok = false;
    if (!ok) return std::nullopt;
    return info;
  }

 private:
  static const OptionRule* findOption(const TransportRule& rule, const std::string& key) {
    for (const OptionRule& option : rule.options)
      if (sameName(option.key, key)) return &option;
    return nullptr;
  }

  void warnUnknownOption(const ast::SourcePos& at, const TransportRule& rule, const std::string& key, const char* kind) {
    std::vector<std::string> keys;
    for (const OptionRule& option : rule.options) keys.push_back(option.key);
    std::string what = key.empty() ? "a value without a key" : "unknown option '" + key + "'";
    warn(at, std::string("@") + kind + "(type='" + rule.type + "') ignores " + what + didYouMean(key, keys));
  }

  std::optional<std::string> checkValue(const OptionRule& option, const std::string& value, const ast::SourcePos& at) {
    std::string where = std::string(option.key) + "='" + value + "'";
    switch (option.kind) {
      case OptionKind::Text:
        return value;
      case OptionKind::Template:
        if (!templateNamesAttributes(value, at, where)) return std::nullopt;
        return value;
      case OptionKind::HttpUrl: {
        std::string scheme = lower(value.substr(0, value.find("://")));
        if (value.find("://") == std::string::npos || (scheme != "http" && scheme != "https") ||
            value.size() <= scheme.size() + 3) {
          error(at, where + ": expected an http:// or https:// URL");
          return std::nullopt;
        }
        if (!templateNamesAttributes(value, at, where)) return std::nullopt;
        return value;
      }
      case OptionKind::Count:
      case OptionKind::Retries: {
        int64_t number = 0;
        int64_t least = option.kind == OptionKind::Count ? 1 : 0;
        if (!parseInteger(trim(value), number) || number < least || number > 1'000'000'000) {
          error(at, where + ": expected an integer of at least " + std::to_string(least));
          return std::nullopt;
        }
        return std::to_string(number);
      }
      case OptionKind::Millis: {
        std::optional<int64_t> millis = parseMillis(value);
        if (!millis) {
          error(at, where + ": expected a duration (milliseconds, or '2 sec', '500 ms', '1 min')");
          return std::nullopt;
        }
        return std::to_string(*millis);
      }
      case OptionKind::Bool: {
        std::string text = lower(trim(value));
        if (text != "true" && text != "false") {
          error(at, where + ": expected true or false");
          return std::nullopt;
        }
        return text;
      }
      case OptionKind::Choice: {
        for (const char* choice : option.choices)
          if (sameName(choice, trim(value))) return std::string(choice);
        std::string list;
        for (const char* choice : option.choices) list += (list.empty() ? "'" : ", '") + std::string(choice) + "'";
        error(at, where + ": expected one of " + list);
        return std::nullopt;
      }
      case OptionKind::Headers:
        return checkHeaders(value, at, where);
      case OptionKind::Partition: {
        int64_t number = 0;
        if (!parseInteger(trim(value), number) || number < 0 || number > 1'000'000) {
          error(at, where + ": expected a partition number (an integer of at least 0)");
          return std::nullopt;
        }
        return std::to_string(number);
      }
      case OptionKind::Partitions:
        return checkList(value, at, where, 1, "a list of partition numbers ('0,1,2')");
      case OptionKind::OffsetsMap:
        return checkList(value, at, where, 3, "'topic:partition:offset' entries ('orders:0:100,orders:1:0')");
      case OptionKind::KeyValues:
        return checkList(value, at, where, 2, "'key:value' entries ('fetch.wait.max.ms:10,linger.ms:5')");
    }
    return value;
  }

  // "'Name:value','Name2:value2'" (Siddhi's form; the quotes may be left out). Stored as
  // "Name:value\nName2:value2" so that the sink splits it without parsing quotes again.
  std::optional<std::string> checkHeaders(const std::string& value, const ast::SourcePos& at, const std::string& where) {
    std::string normalized;
    size_t i = 0;
    while (i < value.size()) {
      while (i < value.size() && (value[i] == ',' || std::isspace(static_cast<unsigned char>(value[i])))) ++i;
      if (i >= value.size()) break;
      std::string header;
      if (value[i] == '\'' || value[i] == '"') {
        char quote = value[i++];
        size_t end = value.find(quote, i);
        if (end == std::string::npos) {
          error(at, where + ": a header's quote is not closed");
          return std::nullopt;
        }
        header = value.substr(i, end - i);
        i = end + 1;
      } else {
        size_t end = value.find(',', i);
        if (end == std::string::npos) end = value.size();
        header = value.substr(i, end - i);
        i = end;
      }
      size_t colon = header.find(':');
      std::string name = trim(header.substr(0, colon == std::string::npos ? 0 : colon));
      bool validName = !name.empty();
      for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') validName = false;
      if (colon == std::string::npos || !validName || header.find_first_of("\r\n") != std::string::npos) {
        error(at, where + ": expected headers as 'Name:value','Name2:value2', got '" + header + "'");
        return std::nullopt;
      }
      std::string headerValue = trim(header.substr(colon + 1));
      if (!templateNamesAttributes(headerValue, at, where)) return std::nullopt;
      if (!normalized.empty()) normalized += '\n';
      normalized += name + ":" + headerValue;
    }
    return normalized;
  }

  // A comma-separated list whose entries have `parts` fields split by ':' (1: a partition
  // number; 2: key:value; 3: topic:partition:offset, the last two numbers). Stored trimmed,
  // joined by ','.
  std::optional<std::string> checkList(const std::string& value, const ast::SourcePos& at, const std::string& where,
                                       int parts, const char* expected) {
    std::string normalized;
    size_t from = 0;
    while (from <= value.size()) {
      size_t comma = value.find(',', from);
      if (comma == std::string::npos) comma = value.size();
      std::string entry = trim(std::string_view(value).substr(from, comma - from));
      from = comma + 1;
      if (entry.empty()) {
        if (comma == value.size()) break;
        continue;
      }
      std::vector<std::string> fields;
      if (parts == 2) {  // a value may itself hold ':' (a URL): split at the first only
        size_t colon = entry.find(':');
        if (colon != std::string::npos) fields = {trim(entry.substr(0, colon)), trim(entry.substr(colon + 1))};
      } else {
        size_t start = 0;
        while (true) {
          size_t colon = entry.find(':', start);
          fields.push_back(trim(std::string_view(entry).substr(start, colon == std::string::npos ? std::string::npos : colon - start)));
          if (colon == std::string::npos) break;
          start = colon + 1;
        }
      }
      bool ok = static_cast<int>(fields.size()) == parts && !fields.front().empty();
      int64_t number = 0;
      if (ok && parts == 1) ok = parseInteger(fields[0], number) && number >= 0;
      if (ok && parts == 3) ok = parseInteger(fields[1], number) && number >= 0 && parseInteger(fields[2], number) && number >= 0;
      if (!ok) {
        error(at, where + ": expected " + expected + ", got '" + entry + "'");
        return std::nullopt;
      }
      if (!normalized.empty()) normalized += ',';
      for (size_t i = 0; i < fields.size(); ++i) normalized += (i ? ":" : "") + fields[i];
    }
    if (normalized.empty()) {
      error(at, where + ": expected " + expected);
      return std::nullopt;
    }
    return normalized;
  }

  // Every {{name}} in `text` names an attribute of the stream.
  bool templateNamesAttributes(const std::string& text, const ast::SourcePos& at, const std::string& where) {
    bool ok = true;
    size_t from = 0;
    while ((from = text.find("{{", from)) != std::string::npos) {
      size_t end = text.find("}}", from + 2);
      if (end == std::string::npos) {
        error(at, where + ": '{{' is not closed by '}}'");
        return false;
      }
      std::string name = trim(std::string_view(text).substr(from + 2, end - from - 2));
      bool found = false;
      std::vector<std::string> names;
      for (const AttributeInfo& attribute : stream_.attributes) {
        names.push_back(attribute.name);
        if (attribute.name == name) found = true;
      }
      if (!found) {
        error(at, where + ": {{" + name + "}} is not an attribute of stream '" + stream_.name + "'" +
                      didYouMean(name, names));
        ok = false;
      }
      from = end + 2;
    }
    return ok;
  }

  bool mapping(const ast::Annotation& annotation, const TransportRule& rule, TransportInfo& info, const char* kind) {
    const ast::Annotation* map = nullptr;
    for (const ast::Annotation& nested : annotation.nested) {
      if (!sameName(nested.name, "map")) continue;  // other nested ones: annotation_rules warns
      if (map) {
        error(nested.pos, std::string("@") + kind + " takes one @map");
        return false;
      }
      map = &nested;
    }
    if (!map) return true;
    std::string where = std::string("@") + kind + "(type='" + rule.type + "')";
    if (rule.mapTypes.empty()) {
      warn(map->pos, where + " ignores @map: it writes every event as it is");
      return true;
    }
    std::string type = lower(annotationElement(*map, "type"));
    bool knownType = false;
    std::vector<std::string> types;
    for (const char* candidate : rule.mapTypes) {
      types.push_back(candidate);
      if (type == candidate) knownType = true;
    }
    if (!knownType) {
      std::string list;
      for (const std::string& name : types) list += (list.empty() ? "'" : ", '") + name + "'";
      error(map->pos, where + ": @map type '" + type + "' is not supported (expected " + list + ")" +
                          didYouMean(type, types));
      return false;
    }
    info.mapType = type;
    for (size_t i = 0; i < map->elements.size(); ++i) {
      const auto& [key, value] = map->elements[i];
      if (sameName(key, "type")) continue;
      ast::SourcePos at = i < map->elementPos.size() ? map->elementPos[i] : map->pos;
      warn(at, "@map(type='" + type + "') ignores option '" + key + "'");
    }
    bool ok = true;
    for (const ast::Annotation& nested : map->nested) {
      if (sameName(nested.name, "payload")) {
        if (info.direction != Direction::Sink) {
          error(nested.pos, "@payload belongs to a sink's @map");
          ok = false;
          continue;
        }
        std::string payload = annotationElement(nested, "");
        if (!templateNamesAttributes(payload, nested.pos, "@payload")) ok = false;
        info.payload = payload;
      } else if (sameName(nested.name, "attributes")) {
        if (info.direction != Direction::Source) {
          error(nested.pos, "@attributes belongs to a source's @map");
          ok = false;
          continue;
        }
        if (info.type != "kafka") {
          error(nested.pos, "@map(@attributes(...)) is taken by the kafka source; the " + info.type +
                                " source reads events by attribute name ({\"event\":{...}}) or in Cepheus's form "
                                "({\"ts\":...,\"data\":[...]})");
          ok = false;
          continue;
        }
        if (!attributeMapping(nested, info)) ok = false;
      }
    }
    return ok;
  }

  // @attributes(symbol='$.stock.symbol', topic='trp:topic') (json), (symbol='0', price='2')
  // (csv: column numbers): where each attribute is read from. Either every attribute is named,
  // or none is named and the values are listed in the stream's order.
  bool attributeMapping(const ast::Annotation& nested, TransportInfo& info) {
    std::vector<std::string> names;
    for (const AttributeInfo& attribute : stream_.attributes) names.push_back(attribute.name);
    bool positional = !nested.elements.empty() && nested.elements.front().first.empty();
    if (positional && nested.elements.size() != stream_.attributes.size()) {
      error(nested.pos, "@attributes lists " + std::to_string(nested.elements.size()) + " values for the " +
                            std::to_string(stream_.attributes.size()) + " attributes of '" + stream_.name + "'");
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < nested.elements.size(); ++i) {
      const auto& [key, value] = nested.elements[i];
      ast::SourcePos at = i < nested.elementPos.size() ? nested.elementPos[i] : nested.pos;
      std::string attribute = positional ? stream_.attributes[i].name : key;
      if (key.empty() != positional) {
        error(at, "@attributes names either every attribute (name='$.path') or none");
        ok = false;
        continue;
      }
      if (std::find(names.begin(), names.end(), attribute) == names.end()) {
        error(at, "@attributes: '" + attribute + "' is not an attribute of stream '" + stream_.name + "'" +
                      didYouMean(attribute, names));
        ok = false;
        continue;
      }
      std::string path = trim(value);
      bool transport = path.rfind("trp:", 0) == 0;
      static const char* kTransportProperties[] = {"topic", "partition", "offset", "key", "record.timestamp"};
      if (transport) {
        std::string property = path.substr(4);
        bool known = false;
        for (const char* name : kTransportProperties) known = known || property == name;
        if (!known) {
          error(at, "@attributes: unknown transport property '" + path +
                        "' (expected trp:topic, trp:partition, trp:offset, trp:key or trp:record.timestamp)");
          ok = false;
          continue;
        }
      } else if (info.mapType == "json" && path.rfind("$", 0) != 0) {
        error(at, "@attributes: expected a JSON path ('$.a.b') or a transport property ('trp:topic'), got '" + path + "'");
        ok = false;
        continue;
      } else if (info.mapType == "csv") {
        int64_t column = 0;
        if (!parseInteger(path, column) || column < 0) {
          error(at, "@attributes: expected a column number (from 0) or a transport property, got '" + path + "'");
          ok = false;
          continue;
        }
      } else if (info.mapType == "text") {
        error(at, "@attributes is not taken by the text map (it reads 'name:value' lines by name)");
        ok = false;
        continue;
      }
      info.attributeMap.emplace_back(attribute, path);
    }
    return ok;
  }

  void error(const ast::SourcePos& pos, std::string message) {
    diagnostics_.push_back({pos.line, pos.col, std::move(message), Severity::Error});
  }
  void warn(const ast::SourcePos& pos, std::string message) {
    diagnostics_.push_back({pos.line, pos.col, std::move(message), Severity::Warning});
  }

  const StreamInfo& stream_;
  Diagnostics& diagnostics_;
};

}  // namespace

// '500', '500 ms', '2 sec', '2s', '1 min': milliseconds, or nullopt.
std::optional<int64_t> parseMillis(const std::string& written) {
  std::string text = lower(trim(written));
  size_t unitAt = 0;
  while (unitAt < text.size() && std::isdigit(static_cast<unsigned char>(text[unitAt]))) ++unitAt;
  int64_t number = 0;
  if (unitAt == 0 || !parseInteger(text.substr(0, unitAt), number)) return std::nullopt;
  std::string unit = trim(std::string_view(text).substr(unitAt));
  int64_t scale = 0;
  if (unit.empty() || unit == "ms" || unit == "millisec" || unit == "millisecond" || unit == "milliseconds") scale = 1;
  else if (unit == "s" || unit == "sec" || unit == "second" || unit == "seconds") scale = 1000;
  else if (unit == "min" || unit == "minute" || unit == "minutes") scale = 60'000;
  else return std::nullopt;
  if (number > std::numeric_limits<int64_t>::max() / scale) return std::nullopt;
  return number * scale;
}

void checkTransports(const std::vector<ast::Annotation>& annotations, const StreamInfo& stream,
                     Diagnostics& diagnostics, std::vector<TransportInfo>& transports) {
  TransportChecker checker(stream, diagnostics);
  int sinks = 0;
  int sources = 0;
  for (const ast::Annotation& annotation : annotations) {
    bool sink = sameName(annotation.name, "sink");
    if (!sink && !sameName(annotation.name, "source")) continue;
    Direction direction = sink ? Direction::Sink : Direction::Source;
    int& ordinal = sink ? sinks : sources;
    if (auto info = checker.check(annotation, direction, ordinal)) transports.push_back(std::move(*info));
    ++ordinal;
  }
}

bool sinkUsesFaultStream(const std::vector<ast::Annotation>& annotations) {
  for (const ast::Annotation& annotation : annotations)
    if ((sameName(annotation.name, "sink") || sameName(annotation.name, "source")) &&
        sameName(trim(annotationElement(annotation, "on.error")), "STREAM"))
      return true;
  return false;
}

}  // namespace cepheus::analyze
