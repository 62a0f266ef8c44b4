#include "analyze/annotation_rules.h"

#include <string>

#include "analyze/definition_helpers.h"
#include "common/closest_name.h"

namespace cepheus::analyze {

namespace {

// One known annotation. Keys are compared case-insensitively, like names; "" is a value
// written without a key. `openKeys` annotations take keys defined by an extension (a
// transport's options), and `openNested` ones nested annotations of it: neither is checked.
struct AnnotationRule {
  const char* name;
  std::vector<AnnotationPlace> places;
  std::vector<std::string> keys;
  std::vector<const AnnotationRule*> nested;
  bool openKeys = false;
  bool openNested = false;
};

using Place = AnnotationPlace;

const char* placeName(Place place) {
  switch (place) {
    case Place::App: return "the app";
    case Place::Stream: return "a stream definition";
    case Place::Table: return "a table definition";
    case Place::Window: return "a window definition";
    case Place::Trigger: return "a trigger definition";
    case Place::Aggregation: return "an aggregation definition";
    case Place::Function: return "a function definition";
    case Place::Query: return "a query";
    case Place::Partition: return "a partition";
  }
  return "an element";
}

// Siddhi 5.1's annotations (the feature inventory, section 2), with the keys its core reads.
const AnnotationRule kDestination{"destination", {}, {}, {}, true, false};
const AnnotationRule kDistribution{"distribution", {}, {"strategy", "partitionKey"}, {&kDestination}};
const AnnotationRule kAttributes{"attributes", {}, {}, {}, true, false};
const AnnotationRule kPayload{"payload", {}, {}, {}, true, false};
const AnnotationRule kMap{"map", {}, {"type"}, {&kAttributes, &kPayload}, true, false};
const AnnotationRule kCache{"cache", {}, {"size", "cache.policy", "retention.period", "purge.interval"}, {}};
const AnnotationRule kRetentionPeriod{"retentionPeriod", {}, {}, {}, true, false};

const std::vector<AnnotationRule>& appRules() {
  static const std::vector<AnnotationRule> rules = {
      {"app:name", {Place::App}, {"", "name"}, {}},
      {"app:description", {Place::App}, {""}, {}},
      {"app:playback", {Place::App}, {"idle.time", "increment"}, {}},
      {"app:statistics", {Place::App}, {"", "reporter", "interval", "include"}, {}},
      {"app:enforceOrder", {Place::App}, {""}, {}},
      {"app:async", {Place::App}, {"buffer.size", "workers", "batch.size.max"}, {}},
      {"app:workers", {Place::App}, {""}, {}},
  };
  return rules;
}

const std::vector<AnnotationRule>& elementRules() {
  static const std::vector<AnnotationRule> rules = {
      {"info", {Place::Query, Place::Partition}, {"name"}, {}},
      {"OnError", {Place::Stream}, {"action"}, {}},
      {"async", {Place::Stream}, {"buffer.size", "workers", "batch.size.max"}, {}},
      {"source", {Place::Stream}, {"type"}, {&kMap}, true, false},
      {"sink", {Place::Stream}, {"type", "on.error"}, {&kMap, &kDistribution}, true, false},
      {"PrimaryKey", {Place::Table}, {""}, {}},
      {"Index", {Place::Table}, {""}, {}},
      {"store", {Place::Table, Place::Aggregation}, {"type"}, {&kCache}, true, false},
      {"purge", {Place::Partition, Place::Aggregation}, {"enable", "interval", "idle.period"}, {&kRetentionPeriod}},
      {"PartitionById", {Place::Aggregation}, {"enable"}, {}},
      {"persistedAggregation", {Place::Aggregation}, {"enable"}, {}},
  };
  return rules;
}

const AnnotationRule* findRule(const std::string& name, const std::vector<const AnnotationRule*>& rules) {
  for (const AnnotationRule* rule : rules)
    if (sameName(name, rule->name)) return rule;
  return nullptr;
}

std::vector<std::string> namesOf(const std::vector<const AnnotationRule*>& rules) {
  std::vector<std::string> names;
  for (const AnnotationRule* rule : rules) names.push_back(rule->name);
  return names;
}

class AnnotationChecker {
 public:
  explicit AnnotationChecker(Diagnostics& warnings) : warnings_(warnings) {}

  void topLevel(const ast::Annotation& annotation, Place place) {
    bool app = place == Place::App;
    std::vector<const AnnotationRule*> candidates;  // what may be written here
    std::vector<const AnnotationRule*> all;         // for telling misplaced from unknown
    for (const AnnotationRule& rule : app ? appRules() : elementRules()) {
      all.push_back(&rule);
      for (Place where : rule.places)
        if (where == place) candidates.push_back(&rule);
    }
    if (const AnnotationRule* rule = findRule(annotation.name, candidates)) {
      contents(annotation, *rule);
    } else if (const AnnotationRule* misplaced = findRule(annotation.name, all)) {
      std::string belongs;
      for (Place where : misplaced->places) belongs += (belongs.empty() ? "" : " or ") + std::string(placeName(where));
      warn(annotation.pos, "'@" + annotation.name + "' is ignored on " + placeName(place) + ": it belongs on " + belongs);
    } else {
      warn(annotation.pos, "unknown annotation '@" + annotation.name + "'" +
                               didYouMean(annotation.name, namesOf(candidates), "@"));
    }
  }

 private:
  void contents(const ast::Annotation& annotation, const AnnotationRule& rule) {
    for (size_t i = 0; i < annotation.elements.size(); ++i) {
      const std::string& key = annotation.elements[i].first;
      if (rule.openKeys || isKnownKey(key, rule.keys)) continue;
      ast::SourcePos at = i < annotation.elementPos.size() ? annotation.elementPos[i] : annotation.pos;
      if (key.empty()) {
        std::string hint = rule.keys.size() == 1 ? " (did you mean " + rule.keys[0] + "='" +
                                                       annotation.elements[i].second + "'?)"
                                                 : "";
        warn(at, "'@" + annotation.name + "' ignores a value without a key" + hint);
      } else {
        std::vector<std::string> named;
        for (const std::string& known : rule.keys)
          if (!known.empty()) named.push_back(known);
        warn(at, "unknown key '" + key + "' of '@" + annotation.name + "'" + didYouMean(key, named));
      }
    }
    if (rule.openNested) return;
    for (const ast::Annotation& inner : annotation.nested) {
      if (const AnnotationRule* nested = findRule(inner.name, rule.nested)) {
        contents(inner, *nested);
      } else {
        warn(inner.pos, "unknown annotation '@" + inner.name + "' in '@" + annotation.name + "'" +
                            didYouMean(inner.name, namesOf(rule.nested), "@"));
      }
    }
  }

  static bool isKnownKey(const std::string& key, const std::vector<std::string>& keys) {
    for (const std::string& known : keys)
      if (sameName(key, known)) return true;
    return false;
  }

  void warn(const ast::SourcePos& pos, std::string message) {
    warnings_.push_back({pos.line, pos.col, std::move(message), Severity::Warning});
  }

  Diagnostics& warnings_;
};

}  // namespace

void checkAnnotations(const std::vector<ast::Annotation>& annotations, AnnotationPlace place,
                      Diagnostics& warnings) {
  AnnotationChecker checker(warnings);
  for (const ast::Annotation& annotation : annotations) checker.topLevel(annotation, place);
}

}  // namespace cepheus::analyze
