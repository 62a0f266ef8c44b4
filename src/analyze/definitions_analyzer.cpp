// App annotations and definitions: streams, tables, windows, triggers, and the definitions whose
// runtime does not exist yet (rejected by name, never ignored); aggregations have files of their
// own (aggregation_definition.cpp). A rejected definition still defines its name, so what refers
// to it later is checked as usual and not reported again as unknown.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "analyze/annotation_rules.h"
#include "analyze/app_analyzer.h"
#include "analyze/definition_helpers.h"
#include "analyze/transport_rules.h"
#include "common/closest_name.h"
#include "common/cron_schedule.h"
#include "common/message_text.h"
#include "parse/parser.h"

namespace cepheus::analyze {

namespace {

std::vector<AttributeInfo> attributeInfos(const std::vector<ast::Attribute>& attributes) {
  std::vector<AttributeInfo> out;
  for (const auto& a : attributes) out.push_back({a.name, a.type});
  return out;
}

}  // namespace

std::unique_ptr<AppModel> AppAnalyzer::run(const ast::App& app) {
  appAnnotations(app);
  for (const auto& def : app.streams) streamDefinition(def);
  for (const auto& def : app.tables) tableDefinition(def);
  for (const auto& def : app.windows) windowDefinition(def);
  otherDefinitions(app);
  aggregationDefinitions(app);
  for (const auto& element : app.elements) {
    if (element.query) query(*element.query);
    if (element.partition) partition(*element.partition);
  }
  checkAllAnnotations(app);
  if (hasErrors(diagnostics_)) return nullptr;
  return std::make_unique<AppModel>(std::move(model_));
}

void AppAnalyzer::appAnnotations(const ast::App& app) {
  for (const auto& a : app.annotations) {
    if (sameName(a.name, "app:name")) {
      model_.name = annotationElement(a, "");
      if (model_.name.empty()) model_.name = annotationElement(a, "name");
    } else if (sameName(a.name, "app:playback")) {
      model_.playback = true;
      playbackHeartbeat(a);
    } else if (sameName(a.name, "app:workers")) {
      appWorkers(a);
    }
  }
}

// `@app:workers('4')`: how many shards a partition's keys are spread over.
void AppAnalyzer::appWorkers(const ast::Annotation& a) {
  const std::string text = annotationElement(a, "");
  int workers = 0;
  bool digits = !text.empty() && text.size() <= 4;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (digits) workers = std::stoi(text);
  if (workers < 1 || workers > 256) {
    error(annotationElementPos(a, ""), "@app:workers takes a number of workers from 1 to 256, such as @app:workers('4'), but is " +
                                           quoteSource(text));
    return;
  }
  model_.workers = workers;
}

// `@app:playback(idle.time='100 millisecond', increment='2 sec')`: both or neither, each a time
// literal greater than zero, as Siddhi's parser reads them.
void AppAnalyzer::playbackHeartbeat(const ast::Annotation& a) {
  const bool idle = hasAnnotationElement(a, "idle.time"), increment = hasAnnotationElement(a, "increment");
  if (!idle && !increment) return;
  if (!idle || !increment) {
    error(annotationElementPos(a, idle ? "idle.time" : "increment"),
          std::string("@app:playback needs both idle.time and increment for a heartbeat, but ") +
              (idle ? "increment" : "idle.time") + " is missing");
    return;
  }
  auto duration = [&](const char* key) -> int64_t {
    std::string text = annotationElement(a, key);
    if (auto ms = durationText(text)) return *ms;
    error(annotationElementPos(a, key), std::string("@app:playback ") + key +
                                            " must be a time greater than zero such as '100 millisecond' or '2 sec', but is " +
                                            quoteSource(text));
    return 0;
  };
  model_.heartbeat.idleTime = duration("idle.time");
  model_.heartbeat.increment = duration("increment");
}

void AppAnalyzer::checkAllAnnotations(const ast::App& app) {
  using Place = AnnotationPlace;
  checkAnnotations(app.annotations, Place::App, diagnostics_);
  for (const auto& def : app.streams) checkAnnotations(def.annotations, Place::Stream, diagnostics_);
  for (const auto& def : app.tables) checkAnnotations(def.annotations, Place::Table, diagnostics_);
  for (const auto& def : app.windows) checkAnnotations(def.annotations, Place::Window, diagnostics_);
  for (const auto& def : app.triggers) checkAnnotations(def.annotations, Place::Trigger, diagnostics_);
  for (const auto& def : app.aggregations) checkAnnotations(def.annotations, Place::Aggregation, diagnostics_);
  for (const auto& def : app.functions) checkAnnotations(def.annotations, Place::Function, diagnostics_);
  for (const auto& element : app.elements) {
    if (element.query) checkAnnotations(element.query->annotations, Place::Query, diagnostics_);
    if (!element.partition) continue;
    checkAnnotations(element.partition->annotations, Place::Partition, diagnostics_);
    for (const auto& q : element.partition->queries) checkAnnotations(q.annotations, Place::Query, diagnostics_);
  }
}

bool AppAnalyzer::claimName(const std::string& name, const char* kind, const ast::SourcePos& pos) {
  auto [it, inserted] = names_.emplace(name, kind);
  if (!inserted) {
    error(pos, std::string("cannot define ") + kind + " '" + name + "': a " + it->second +
                   " with that name is already defined");
    return false;
  }
  return true;
}

void AppAnalyzer::streamDefinition(const ast::StreamDefinition& def) {
  if (def.inner) {
    error(def.namePos, "inner streams ('#" + def.name + "') can only be used inside a partition");
    return;
  }
  auto attributes = attributeInfos(def.attributes);
  int existing = model_.findStream(def.name);
  if (existing >= 0) {
    if (!sameSchema(model_.streams[existing].info.attributes, attributes))
      error(def.namePos, "stream '" + def.name + "' is already defined as " +
                             schemaText(model_.streams[existing].info.attributes) +
                             "; it cannot be redefined as " + schemaText(attributes));
    return;
  }
  if (!claimName(def.name, "stream", def.namePos)) return;
  for (size_t i = 0; i < attributes.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (attributes[i].name == attributes[j].name)
        error(def.attributes[i].pos, "attribute '" + attributes[i].name +
                                         "' is defined twice in stream '" + def.name + "'");
  StreamModel stream;
  stream.info = {def.name, attributes};
  stream.defined = true;
  stream.pos = def.pos;
  model_.streams.push_back(stream);
  checkTransports(def.annotations, model_.streams.back().info, diagnostics_, model_.transports);

  // The fault stream `!S` takes the events that failed in a query reading S, and those a sink
  // of S with on.error='STREAM' could not deliver.
  const auto* onError = findAnnotation(def.annotations, "OnError");
  std::string action = onError ? annotationElement(*onError, "action") : "";
  if (sameName(action, "STREAM")) {
    StreamModel fault;
    fault.info = {"!" + def.name, attributes};
    fault.info.attributes.push_back({"_error", Type::Object});
    fault.isFault = true;
    fault.pos = def.pos;
    model_.streams.back().faultStream = static_cast<int>(model_.streams.size());
    model_.streams.push_back(fault);
  } else if (onError && !sameName(action, "LOG")) {
    error(onError->pos, "@OnError action must be 'LOG' or 'STREAM', found '" + action + "'");
  }
  if (!sameName(action, "STREAM") && sinkUsesFaultStream(def.annotations))
    error(def.pos, "a sink or source of '" + def.name + "' has on.error='STREAM', which sends what it cannot "
                   "deliver or read to the fault stream '!" + def.name + "': add @OnError(action='STREAM') to the stream");
}

void AppAnalyzer::tableDefinition(const ast::TableDefinition& def) {
  if (!claimName(def.name, "table", def.namePos)) return;
  TableModel table;
  table.name = def.name;
  table.attributes = attributeInfos(def.attributes);
  table.pos = def.pos;
  for (size_t i = 0; i < table.attributes.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (table.attributes[i].name == table.attributes[j].name)
        error(def.attributes[i].pos, "attribute '" + table.attributes[i].name + "' is defined twice in table '" +
                                         def.name + "'");
  if (const ast::Annotation* store = findAnnotation(def.annotations, "store")) table.store = tableStore(*store, table);
  // @PrimaryKey('a', 'b') is one key over both; @Index('a', 'b') an index on each.
  for (const ast::Annotation& a : def.annotations) {
    bool primary = sameName(a.name, "PrimaryKey");
    if (!primary && !sameName(a.name, "Index")) continue;
    if (primary && !table.primaryKey.empty()) {
      error(a.pos, "table '" + def.name + "' has more than one @PrimaryKey: list all its attributes in one");
      continue;
    }
    if (a.elements.empty()) error(a.pos, "@" + a.name + " needs the name of an attribute of table '" + def.name + "'");
    for (size_t e = 0; e < a.elements.size(); ++e) {
      const std::string& name = a.elements[e].second;
      const ast::SourcePos& at = e < a.elementPos.size() ? a.elementPos[e] : a.pos;
      int column = -1;
      for (size_t i = 0; i < table.attributes.size(); ++i)
        if (table.attributes[i].name == name) column = static_cast<int>(i);
      if (column < 0) {
        std::vector<std::string> names;
        for (const auto& attribute : table.attributes) names.push_back(attribute.name);
        std::string hint = didYouMean(name, names);
        error(at, "@" + a.name + " names '" + name + "', which is not an attribute of table '" + def.name + "'" +
                      (hint.empty() ? " (it has: " + schemaText(table.attributes) + ")" : hint));
        continue;
      }
      std::vector<int>& columns = primary ? table.primaryKey : table.indexed;
      if (std::find(columns.begin(), columns.end(), column) != columns.end()) {
        error(at, "@" + a.name + " names '" + name + "' twice");
        continue;
      }
      columns.push_back(column);
    }
  }
  model_.tables.push_back(std::move(table));
}

// The store's own options are checked by its factory when the app deploys; here: its type, the
// columns a store can hold, and @cache.
std::optional<TableStoreModel> AppAnalyzer::tableStore(const ast::Annotation& annotation, const TableModel& table) {
  TableStoreModel store;
  store.pos = annotation.pos;
  for (size_t i = 0; i < annotation.elements.size(); ++i) {
    std::string key = annotation.elements[i].first;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (key == "type") {
      store.type = annotation.elements[i].second;
      std::transform(store.type.begin(), store.type.end(), store.type.begin(),
                     [](unsigned char c) { return std::tolower(c); });
    } else {
      store.options.emplace_back(key, annotation.elements[i].second);
    }
  }
  if (store.type.empty()) {
    error(annotation.pos, "@store needs a type (type='redis')");
    return std::nullopt;
  }
  for (const AttributeInfo& attribute : table.attributes)
    if (attribute.type == Type::Object)
      error(table.pos, "table '" + table.name + "' keeps its rows in a store, which holds text: its attribute '" +
                           attribute.name + "' is an object");
  for (const ast::Annotation& nested : annotation.nested) {
    if (!sameName(nested.name, "cache")) continue;  // the annotation rules warn about others
    std::string size = annotationElement(nested, "size");
    int64_t rows = 0;
    auto [end, failed] = std::from_chars(size.data(), size.data() + size.size(), rows);
    if (failed != std::errc() || end != size.data() + size.size() || rows < 1) {
      error(nested.pos, "@cache needs size= a number of rows of at least 1, found '" + size + "'");
      continue;
    }
    store.cacheSize = static_cast<size_t>(rows);
    store.cacheRetentionMs = 10'000;
    std::string retention = annotationElement(nested, "retention.period");
    if (!retention.empty()) {
      std::optional<int64_t> ms = parseMillis(retention);
      if (!ms || *ms < 1) {
        error(annotationElementPos(nested, "retention.period"),
              "@cache retention.period must be a duration ('500 ms', '10 sec', '5 min'), found '" + retention + "'");
        continue;
      }
      store.cacheRetentionMs = *ms;
    }
    std::string policy = annotationElement(nested, "cache.policy");
    if (!policy.empty() && !sameName(policy, "FIFO"))
      error(annotationElementPos(nested, "cache.policy"),
            "@cache cache.policy '" + policy + "' is not supported: the cache evicts the rows read first (FIFO)");
  }
  return store;
}

void AppAnalyzer::windowDefinition(const ast::WindowDefinition& def) {
  if (!claimName(def.name, "window", def.namePos)) return;
  symbols_.windows.insert(def.name);
  StreamModel stream;
  stream.info = {def.name, attributeInfos(def.attributes)};
  stream.defined = true;
  stream.pos = def.pos;
  Scope scope;
  scope.slots.push_back({def.name, "", &stream.info.attributes, false});
  auto window = windowSpec(def.window, scope);
  // A window whose parameters are wrong (already reported) still defines the named window, with
  // no window spec: the error rejects the app, so the model is never planned.
  stream.namedWindow = static_cast<int>(model_.windows.size());
  model_.windows.push_back({static_cast<int>(model_.streams.size()), window ? std::move(*window) : WindowSpec{},
                            def.outputEvents, def.text});
  model_.streams.push_back(std::move(stream));
}

// A trigger is the stream T (triggered_time long), written only by the trigger: once at start,
// every period, or at the times of a Quartz cron expression.
void AppAnalyzer::trigger(const ast::TriggerDefinition& def) {
  TriggerModel trigger;
  trigger.name = def.name;
  trigger.pos = def.pos;
  if (def.every) {
    if (def.every->kind != ast::ExprKind::Constant || def.every->intValue <= 0) {
      error(def.every->pos, "'at every " + def.every->text + "' needs a time period greater than 0, like '5 sec'");
      return;
    }
    trigger.kind = TriggerModel::Kind::Periodic;
    trigger.periodMs = def.every->intValue;
  } else if (sameName(def.atText, "start")) {
    trigger.kind = TriggerModel::Kind::Start;
  } else {
    std::string why;
    if (!CronSchedule::parse(def.atText, why)) {
      error(def.namePos, "trigger '" + def.name + "' is at 'start', every <time> or a cron expression, but " +
                             quoteSource("'" + def.atText + "'") + " is not a cron expression: " + why);
      return;
    }
    trigger.kind = TriggerModel::Kind::Cron;
    trigger.cron = def.atText;
  }
  StreamModel stream;
  stream.info = {def.name, {{"triggered_time", Type::Long}}};
  stream.defined = true;
  stream.pos = def.pos;
  trigger.stream = static_cast<int>(model_.streams.size());
  model_.streams.push_back(std::move(stream));
  model_.triggers.push_back(std::move(trigger));
}

void AppAnalyzer::otherDefinitions(const ast::App& app) {
  for (const auto& def : app.triggers) {
    if (!claimName(def.name, "trigger", def.namePos)) continue;
    trigger(def);
  }
  for (const auto& def : app.functions) {
    symbols_.scriptFunctions[def.name] = def.returnType;  // calls are typed by the declaration
    error(def.namePos, "script functions (define function " + def.name + "[" + def.language +
                           "]) are not supported: Cepheus has no script engine");
  }
}

}  // namespace cepheus::analyze
