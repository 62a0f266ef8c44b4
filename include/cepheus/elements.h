// What a deployed app is made of, as a server or a tool shows it: its queries, and the
// transports its annotations attach to streams (`@sink(...)`, `@source(...)`). The engine runs
// neither transport itself; it checks their options when the app deploys and lists them here,
// for the layer that connects the outside world (src/io) to build them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cepheus {

struct QueryInfo {
  std::string name;    // @info(name=...), else "queryN"
  std::string input;   // the stream (or named window) it reads
  std::string output;  // the stream it inserts into
};

// Options as written in the annotation, each key in its canonical spelling (the one the
// transport's documentation uses), in source order. Durations are given in milliseconds,
// booleans as "true"/"false", choices in their canonical case; defaults are not filled in.
using TransportOptions = std::vector<std::pair<std::string, std::string>>;

struct TransportInfo {
  enum class Direction { Sink, Source };
  Direction direction = Direction::Sink;
  std::string type;    // "http", "log", ...
  std::string stream;  // the stream it is written on
  int ordinal = 0;     // among the transports of the same direction on this stream, from 0
  TransportOptions options;
  // @map(type=..., ...): the format events are written (sinks) or read (sources) in.
  std::string mapType;  // "json", "text"; empty when the annotation has no @map
  TransportOptions mapOptions;
  std::optional<std::string> payload;  // @map(..., @payload("...")): a template with {{attr}}
  // @map(..., @attributes(name='$.path' | 'trp:topic' | '2')): where a source reads each
  // attribute, in the order written; empty when the annotation has none.
  std::vector<std::pair<std::string, std::string>> attributeMap;
  int line = 0;  // of the annotation
  int col = 0;

  // The option's value, or `fallback` when it was not written.
  std::string option(const std::string& key, const std::string& fallback = "") const {
    for (const auto& [name, value] : options)
      if (name == key) return value;
    return fallback;
  }
  bool has(const std::string& key) const {
    for (const auto& [name, value] : options)
      if (name == key) return true;
    return false;
  }
};

}  // namespace cepheus
