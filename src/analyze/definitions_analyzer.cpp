// App annotations and definitions: streams, tables, windows, and the definitions whose
// runtime does not exist yet (rejected by name, never ignored). A rejected definition still
// defines its name, so what refers to it later is checked as usual and not reported again as
// unknown.
#include "analyze/annotation_rules.h"
#include "analyze/app_analyzer.h"
#include "analyze/definition_helpers.h"
#include "analyze/transport_rules.h"
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
    }
  }
}

// `@app:playback(idle.time='100 millisecond', increment='2 sec')`: both or neither, each a time
// literal greater than zero, as Siddhi's parser reads them.
void AppAnalyzer::playbackHeartbeat(const ast::Annotation& a) {
  const ast::SourcePos* idlePos = nullptr;
  const ast::SourcePos* incrementPos = nullptr;
  std::string idleText, incrementText;
  for (size_t i = 0; i < a.elements.size(); ++i) {
    const ast::SourcePos* pos = i < a.elementPos.size() ? &a.elementPos[i] : &a.pos;
    if (sameName(a.elements[i].first, "idle.time")) idlePos = pos, idleText = a.elements[i].second;
    else if (sameName(a.elements[i].first, "increment")) incrementPos = pos, incrementText = a.elements[i].second;
  }
  if (!idlePos && !incrementPos) return;
  if (!idlePos || !incrementPos) {
    error(idlePos ? *idlePos : *incrementPos,
          std::string("@app:playback needs both idle.time and increment for a heartbeat, but ") +
              (idlePos ? "increment" : "idle.time") + " is missing");
    return;
  }
  auto duration = [&](const std::string& text, const char* key, ast::SourcePos pos) -> int64_t {
    parse::ExpressionParse parsed = parse::parseExpression(text);
    const ast::Expr* e = parsed.expr.get();
    if (!e || e->kind != ast::ExprKind::Constant || !e->isTime || e->intValue <= 0) {
      error(pos, std::string("@app:playback ") + key + " must be a time greater than zero such as '100 millisecond' or '2 sec', but is " +
                     quoteSource(text));
      return 0;
    }
    return e->intValue;
  };
  model_.heartbeat.idleTime = duration(idleText, "idle.time", *idlePos);
  model_.heartbeat.increment = duration(incrementText, "increment", *incrementPos);
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
    error(def.pos, "a sink of '" + def.name + "' has on.error='STREAM', which sends what it cannot deliver to the "
                   "fault stream '!" + def.name + "': add @OnError(action='STREAM') to the stream");
}

void AppAnalyzer::tableDefinition(const ast::TableDefinition& def) {
  if (!claimName(def.name, "table", def.namePos)) return;
  symbols_.tables.insert(def.name);
  tables_[def.name] = attributeInfos(def.attributes);
  if (findAnnotation(def.annotations, "store"))
    error(def.pos, "@store table backends are not supported yet");
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

void AppAnalyzer::otherDefinitions(const ast::App& app) {
  for (const auto& def : app.triggers) {
    if (!claimName(def.name, "trigger", def.namePos)) continue;
    error(def.namePos, "triggers (define trigger " + def.name + ") are not supported yet");
    // The stream Siddhi gives a trigger, so queries reading it are still checked.
    StreamModel stream;
    stream.info = {def.name, {{"triggered_time", Type::Long}}};
    stream.defined = true;
    stream.pos = def.pos;
    model_.streams.push_back(std::move(stream));
  }
  for (const auto& def : app.aggregations)
    if (claimName(def.name, "aggregation", def.namePos))
      error(def.namePos,
            "incremental aggregations (define aggregation " + def.name + ") are not supported yet");
  for (const auto& def : app.functions) {
    symbols_.scriptFunctions[def.name] = def.returnType;  // calls are typed by the declaration
    error(def.namePos, "script functions (define function " + def.name + "[" + def.language +
                           "]) are not supported: Cepheus has no script engine");
  }
}

}  // namespace cepheus::analyze
