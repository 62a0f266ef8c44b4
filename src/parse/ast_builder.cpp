#include "parse/ast_builder.h"

#include "parse/builder_support.h"
#include "parse/syntax_checks.h"

namespace cepheus::parse {

namespace {

// ---- annotations

std::pair<std::string, std::string> annotationElement(P::AnnotationElementContext* ctx) {
  std::string key = ctx->annotationKey() != nullptr ? ctx->annotationKey()->getText() : "";
  P::AnnotationValueContext* value = ctx->annotationValue();
  std::string text =
      value->stringLiteral() != nullptr ? stringValue(value->stringLiteral()) : value->getText();
  return {key, text};
}

ast::Annotation annotation(P::AnnotationContext* ctx) {
  ast::Annotation result;
  result.name = ctx->annotationName()->getText();
  if (ctx->name() != nullptr) result.name += ":" + nameOf(ctx->name());
  for (P::AnnotationItemContext* item : ctx->annotationItem()) {
    if (item->annotation() != nullptr) {
      result.nested.push_back(annotation(item->annotation()));
    } else {
      result.elements.push_back(annotationElement(item->annotationElement()));
      result.elementPos.push_back(pos(item->annotationElement()));
    }
  }
  result.pos = pos(ctx);
  return result;
}

ast::Annotation appAnnotation(P::AppAnnotationContext* ctx) {
  ast::Annotation result;
  result.name = ctx->K_APP()->getText() + ":" + nameOf(ctx->name());
  for (P::AnnotationElementContext* element : ctx->annotationElement()) {
    result.elements.push_back(annotationElement(element));
    result.elementPos.push_back(pos(element));
  }
  result.pos = pos(ctx);
  return result;
}

std::vector<ast::Annotation> annotations(const std::vector<P::AnnotationContext*>& list) {
  std::vector<ast::Annotation> result;
  for (P::AnnotationContext* ctx : list) result.push_back(annotation(ctx));
  return result;
}

// ---- types and event types

Type attributeType(P::AttributeTypeContext* ctx) {
  switch (ctx->getStart()->getType()) {
    case P::K_INT:
      return Type::Int;
    case P::K_LONG:
      return Type::Long;
    case P::K_FLOAT:
      return Type::Float;
    case P::K_DOUBLE:
      return Type::Double;
    case P::K_BOOL:
      return Type::Bool;
    case P::K_OBJECT:
      return Type::Object;
    default:
      return Type::String;
  }
}

std::vector<ast::Attribute> attributes(P::AttributeListContext* ctx) {
  std::vector<ast::Attribute> result;
  for (P::AttributeContext* attr : ctx->attribute()) {
    result.push_back({nameOf(attr->name()), attributeType(attr->attributeType()), pos(attr)});
  }
  return result;
}

ast::OutputEvents outputEvents(P::OutputEventTypeContext* ctx) {
  if (ctx->K_ALL() != nullptr) return ast::OutputEvents::All;
  if (ctx->K_EXPIRED() != nullptr) return ast::OutputEvents::Expired;
  return ast::OutputEvents::Current;
}

// <n>, <n:m>, <n:>, <:m>, +, *, ?; an unbounded maximum is -1.
void stateCount(P::StateCountContext* ctx, ast::PatternNode& node) {
  node.counted = true;
  auto value = [](antlr4::Token* token) { return static_cast<int>(integer(token->getText())); };
  if (ctx->exact != nullptr) {
    node.minCount = node.maxCount = value(ctx->exact);
  } else if (ctx->COLON() != nullptr) {
    node.minCount = ctx->low != nullptr ? value(ctx->low) : 0;
    node.maxCount = ctx->high != nullptr ? value(ctx->high) : -1;
  } else if (ctx->PLUS() != nullptr) {
    node.minCount = 1;
    node.maxCount = -1;
  } else if (ctx->STAR() != nullptr) {
    node.minCount = 0;
    node.maxCount = -1;
  } else {  // ?
    node.minCount = 0;
    node.maxCount = 1;
  }
}

// Every `e1=` alias in a pattern or sequence input.
void collectPatternRefs(antlr4::tree::ParseTree* tree, std::set<std::string>& refs) {
  if (auto* state = dynamic_cast<P::PresentStateContext*>(tree)) {
    if (state->name() != nullptr) refs.insert(nameOf(state->name()));
  }
  for (antlr4::tree::ParseTree* child : tree->children) collectPatternRefs(child, refs);
}

}  // namespace

// =============================================================================================
// App and definitions

std::unique_ptr<ast::App> AstBuilder::app(P::SiddhiAppContext* ctx) {
  auto app = std::make_unique<ast::App>();
  for (P::AppAnnotationContext* a : ctx->appAnnotation())
    app->annotations.push_back(appAnnotation(a));
  for (P::ElementContext* e : ctx->element()) {
    Annotations notes = annotations(e->annotation());
    if (e->definition() != nullptr) {
      definition(e->definition(), std::move(notes), *app);
      continue;
    }
    ast::ExecutionElement element;
    if (e->query() != nullptr) {
      element.query = std::make_unique<ast::Query>(query(e->query(), std::move(notes)));
    } else {
      element.partition = partition(e->partition());
      element.partition->annotations = std::move(notes);
    }
    app->elements.push_back(std::move(element));
  }
  return app;
}

void AstBuilder::definition(P::DefinitionContext* d, Annotations notes, ast::App& app) {
  auto add = [&notes](auto& list, auto def) {
    def.annotations = std::move(notes);
    list.push_back(std::move(def));
  };
  if (d->streamDefinition() != nullptr) {
    add(app.streams, streamDefinition(d->streamDefinition()));
  } else if (d->tableDefinition() != nullptr) {
    add(app.tables, tableDefinition(d->tableDefinition()));
  } else if (d->windowDefinition() != nullptr) {
    add(app.windows, windowDefinition(d->windowDefinition()));
  } else if (d->triggerDefinition() != nullptr) {
    add(app.triggers, triggerDefinition(d->triggerDefinition()));
  } else if (d->aggregationDefinition() != nullptr) {
    add(app.aggregations, aggregationDefinition(d->aggregationDefinition()));
  } else {
    add(app.functions, functionDefinition(d->functionDefinition()));
  }
}

ast::StreamDefinition AstBuilder::streamDefinition(P::StreamDefinitionContext* ctx) {
  ast::StreamDefinition def;
  ast::StreamInput id = streamInput(ctx->streamId(), {});
  def.name = id.stream;
  def.inner = id.inner;
  def.fault = id.fault;
  def.attributes = attributes(ctx->attributeList());
  def.pos = pos(ctx);
  def.namePos = id.pos;
  return def;
}

ast::TableDefinition AstBuilder::tableDefinition(P::TableDefinitionContext* ctx) {
  ast::TableDefinition def;
  def.name = nameOf(ctx->name());
  def.attributes = attributes(ctx->attributeList());
  def.pos = pos(ctx);
  def.namePos = pos(ctx->name());
  return def;
}

ast::WindowDefinition AstBuilder::windowDefinition(P::WindowDefinitionContext* ctx) {
  ast::WindowDefinition def;
  def.name = nameOf(ctx->name());
  def.attributes = attributes(ctx->attributeList());
  def.window = functionHandler(ctx->functionCall(), ast::StreamHandler::Kind::Window);
  if (ctx->outputEventType() != nullptr) def.outputEvents = outputEvents(ctx->outputEventType());
  def.text = normalizedText(ctx);
  def.pos = pos(ctx);
  def.namePos = pos(ctx->name());
  return def;
}

ast::TriggerDefinition AstBuilder::triggerDefinition(P::TriggerDefinitionContext* ctx) {
  ast::TriggerDefinition def;
  def.name = nameOf(ctx->name());
  if (ctx->timeValue() != nullptr) {
    def.every = timeValue(ctx->timeValue());
  } else {
    def.atText = stringValue(ctx->stringLiteral());
  }
  def.pos = pos(ctx);
  def.namePos = pos(ctx->name());
  return def;
}

ast::AggregationDefinition AstBuilder::aggregationDefinition(P::AggregationDefinitionContext* ctx) {
  ast::AggregationDefinition def;
  def.name = nameOf(ctx->name());
  def.input = streamInput(ctx->streamId(), ctx->streamHandler());
  def.selector = selector(ctx->querySection(), ctx);
  if (ctx->attributeReference() != nullptr) def.aggregateBy = attribute(ctx->attributeReference());
  P::AggregationPeriodsContext* periods = ctx->aggregationPeriods();
  def.range = periods->ELLIPSIS() != nullptr;
  for (P::TimeUnitContext* u : periods->timeUnit()) {
    def.granularities.push_back(unit(u).name);
    def.granularityPos.push_back(pos(u));
  }
  def.text = normalizedText(ctx);
  def.pos = pos(ctx);
  def.namePos = pos(ctx->name());
  return def;
}

ast::FunctionDefinition AstBuilder::functionDefinition(P::FunctionDefinitionContext* ctx) {
  ast::FunctionDefinition def;
  def.name = nameOf(ctx->name(0));
  def.language = nameOf(ctx->name(1));
  def.returnType = attributeType(ctx->attributeType());
  std::string body = ctx->FUNCTION_BODY()->getText();
  def.body = body.substr(1, body.size() - 2);  // without the outer braces
  def.pos = pos(ctx);
  def.namePos = pos(ctx->name(0));
  return def;
}

// =============================================================================================
// Partitions and queries

std::unique_ptr<ast::Partition> AstBuilder::partition(P::PartitionContext* ctx) {
  auto result = std::make_unique<ast::Partition>();
  for (P::PartitionKeyContext* key : ctx->partitionKey()) result->keys.push_back(partitionKey(key));
  for (P::AnnotatedQueryContext* q : ctx->annotatedQuery()) {
    result->queries.push_back(query(q->query(), annotations(q->annotation())));
  }
  result->pos = pos(ctx);
  return result;
}

ast::PartitionKey AstBuilder::partitionKey(P::PartitionKeyContext* ctx) {
  ast::PartitionKey key;
  key.pos = pos(ctx);
  key.stream = nameOf(ctx->streamId()->name());
  if (ctx->K_AS() == nullptr) {
    key.value = expr(ctx->expression());
    return key;
  }
  key.ranges.push_back({expr(ctx->expression()), stringValue(ctx->stringLiteral())});
  for (P::RangeConditionContext* range : ctx->rangeCondition()) {
    key.ranges.push_back({expr(range->expression()), stringValue(range->stringLiteral())});
  }
  return key;
}

ast::Query AstBuilder::query(P::QueryContext* ctx, Annotations notes) {
  ast::Query q;
  q.annotations = std::move(notes);
  q.pos = pos(ctx);
  patternRefs_.clear();
  collectPatternRefs(ctx->queryInput(), patternRefs_);
  queryInput(ctx->queryInput(), q);
  q.selector = selector(ctx->querySection(), ctx);
  if (ctx->outputRate() != nullptr) q.rate = outputRate(ctx->outputRate());
  q.output = output(ctx->queryOutput());
  q.text = normalizedText(ctx);
  patternRefs_.clear();
  return q;
}

// The first state's shape was checked after parsing: before a join it is a plain stream.
void AstBuilder::queryInput(P::QueryInputContext* ctx, ast::Query& q) {
  P::StateElementContext* first = ctx->stateElement();
  P::PresentStateContext* plain = plainState(first);
  if (ctx->joinTail() != nullptr) {
    q.inputKind = ast::Query::InputKind::Join;
    q.join = join(plain, ctx->joinTail());
    return;
  }
  if (plain != nullptr && ctx->chainTail() == nullptr) {
    q.inputKind = ast::Query::InputKind::Stream;
    q.stream = streamInput(plain->streamId(), plain->streamHandler());
    return;
  }
  q.inputKind = ast::Query::InputKind::Pattern;
  q.pattern = std::make_unique<ast::PatternInput>();
  q.pattern->pos = pos(ctx);
  std::vector<P::StateElementContext*> elements{first};
  if (P::ChainTailContext* tail = ctx->chainTail()) {
    for (P::StateElementContext* element : tail->stateElement()) elements.push_back(element);
    q.pattern->sequence = !tail->COMMA().empty();
    if (tail->timeValue() != nullptr) q.pattern->within = timeValue(tail->timeValue());
  }
  q.pattern->root = stateChain(elements, ctx);
}

ast::StreamInput AstBuilder::streamInput(P::StreamIdContext* id,
                                         const std::vector<P::StreamHandlerContext*>& handlers) {
  ast::StreamInput input;
  input.stream = nameOf(id->name());
  input.inner = id->HASH() != nullptr;
  input.fault = id->BANG() != nullptr;
  input.pos = pos(id);
  for (P::StreamHandlerContext* h : handlers) input.handlers.push_back(handler(h));
  return input;
}

ast::StreamHandler AstBuilder::handler(P::StreamHandlerContext* ctx) {
  ast::StreamHandler h;
  if (auto* filter = dynamic_cast<P::FilterHandlerContext*>(ctx)) {
    h.kind = ast::StreamHandler::Kind::Filter;
    h.filter = expr(filter->expression());
  } else if (auto* window = dynamic_cast<P::WindowHandlerContext*>(ctx)) {
    h = functionHandler(window->functionCall(), ast::StreamHandler::Kind::Window);
  } else {
    auto* function = static_cast<P::FunctionHandlerContext*>(ctx);
    h = functionHandler(function->functionCall(), ast::StreamHandler::Kind::Function);
  }
  h.pos = pos(ctx);
  return h;
}

ast::StreamHandler AstBuilder::functionHandler(P::FunctionCallContext* ctx,
                                               ast::StreamHandler::Kind kind) {
  ast::StreamHandler h;
  h.kind = kind;
  if (ctx->ns != nullptr) h.ns = nameOf(ctx->ns);
  h.name = functionName(ctx);
  for (P::ExpressionContext* arg : ctx->expression()) h.args.push_back(expr(arg));
  h.pos = pos(ctx);
  return h;
}

std::unique_ptr<ast::JoinInput> AstBuilder::join(P::PresentStateContext* left,
                                                 P::JoinTailContext* ctx) {
  auto result = std::make_unique<ast::JoinInput>();
  result->left = streamInput(left->streamId(), left->streamHandler());
  if (ctx->leftAlias != nullptr) result->left.alias = nameOf(ctx->leftAlias);
  result->left.unidirectional = ctx->leftUni != nullptr;
  P::JoinSourceContext* right = ctx->right;
  result->right = streamInput(right->streamId(), right->streamHandler());
  if (right->name() != nullptr) result->right.alias = nameOf(right->name());
  result->right.unidirectional = ctx->rightUni != nullptr;
  P::JoinTypeContext* type = ctx->joinType();
  if (type->K_LEFT() != nullptr) {
    result->type = ast::JoinType::LeftOuter;
  } else if (type->K_RIGHT() != nullptr) {
    result->type = ast::JoinType::RightOuter;
  } else if (type->K_OUTER() != nullptr) {
    result->type = ast::JoinType::FullOuter;
  }
  if (ctx->on != nullptr) result->on = expr(ctx->on);
  if (ctx->withinStart != nullptr) result->within = expr(ctx->withinStart);
  if (ctx->withinEnd != nullptr) result->withinEnd = expr(ctx->withinEnd);
  if (ctx->per != nullptr) result->per = expr(ctx->per);
  result->pos = pos(type);
  return result;
}

// ---- patterns and sequences

// One element is itself; several are followed-by (`->`) or next (`,`) in order.
ast::PatternNode AstBuilder::stateChain(const std::vector<P::StateElementContext*>& elements,
                                        antlr4::ParserRuleContext* ctx) {
  if (elements.size() == 1) return stateElement(elements.front());
  ast::PatternNode chain;
  chain.kind = ast::PatternNode::Kind::FollowedBy;
  chain.pos = pos(ctx);
  for (P::StateElementContext* element : elements) chain.children.push_back(stateElement(element));
  return chain;
}

ast::PatternNode AstBuilder::stateElement(P::StateElementContext* ctx) {
  ast::PatternNode node;
  antlr4::tree::TerminalNode* every = nullptr;
  if (auto* group = dynamic_cast<P::GroupElementContext*>(ctx)) {
    every = group->K_EVERY();
    node = stateChain(group->stateChain()->stateElement(), group->stateChain());
  } else {
    auto* source = static_cast<P::SourceElementContext*>(ctx);
    every = source->K_EVERY();
    std::vector<P::StateOperandContext*> operands = source->stateOperand();
    if (operands.size() == 1) {
      node = stateOperand(operands.front());
    } else {
      node.kind =
          source->K_AND() != nullptr ? ast::PatternNode::Kind::And : ast::PatternNode::Kind::Or;
      node.pos = pos(operands.front());
      for (P::StateOperandContext* operand : operands)
        node.children.push_back(stateOperand(operand));
    }
  }
  if (every == nullptr) return node;
  ast::PatternNode wrapper;
  wrapper.kind = ast::PatternNode::Kind::Every;
  wrapper.pos = pos(every->getSymbol());
  wrapper.children.push_back(std::move(node));
  return wrapper;
}

ast::PatternNode AstBuilder::stateOperand(P::StateOperandContext* ctx) {
  ast::PatternNode node;
  node.pos = pos(ctx);
  if (auto* absent = dynamic_cast<P::AbsentStateContext*>(ctx)) {
    node.kind = ast::PatternNode::Kind::Absent;
    node.stream = streamInput(absent->streamId(), absent->streamHandler());
    if (absent->timeValue() != nullptr) node.forTime = timeValue(absent->timeValue());
    return node;
  }
  auto* present = static_cast<P::PresentStateContext*>(ctx);
  node.kind = ast::PatternNode::Kind::Stream;
  node.stream = streamInput(present->streamId(), present->streamHandler());
  if (present->name() != nullptr) node.stream.alias = nameOf(present->name());
  if (present->stateCount() != nullptr) stateCount(present->stateCount(), node);
  return node;
}

// ---- selection, rate and output

ast::Selector AstBuilder::selector(P::QuerySectionContext* ctx, antlr4::ParserRuleContext* owner) {
  ast::Selector sel;
  if (ctx == nullptr) {  // no select clause: everything
    sel.pos = pos(owner);
    return sel;
  }
  sel.pos = pos(ctx);
  sel.selectAll = ctx->STAR() != nullptr;
  for (P::OutputAttributeContext* item : ctx->outputAttribute()) {
    ast::OutputAttribute attr;
    attr.expr = expr(item->expression());
    if (item->name() != nullptr) attr.alias = nameOf(item->name());
    attr.pos = pos(item);
    sel.attributes.push_back(std::move(attr));
  }
  if (P::GroupByContext* groupBy = ctx->groupBy()) {
    for (P::AttributeReferenceContext* ref : groupBy->attributeReference()) {
      sel.groupBy.push_back(attribute(ref));
    }
  }
  if (ctx->havingClause() != nullptr) sel.having = expr(ctx->havingClause()->expression());
  if (P::OrderByContext* orderBy = ctx->orderBy()) {
    for (P::OrderByItemContext* item : orderBy->orderByItem()) {
      sel.orderBy.push_back({attribute(item->attributeReference()), item->K_DESC() != nullptr});
    }
  }
  if (ctx->limitClause() != nullptr) sel.limit = expr(ctx->limitClause()->expression());
  if (ctx->offsetClause() != nullptr) sel.offset = expr(ctx->offsetClause()->expression());
  return sel;
}

ast::OutputRate AstBuilder::outputRate(P::OutputRateContext* ctx) {
  ast::OutputRate rate;
  rate.pos = pos(ctx);
  if (auto* snapshot = dynamic_cast<P::SnapshotRateContext*>(ctx)) {
    rate.kind = ast::OutputRate::Kind::Snapshot;
    rate.value = timeValue(snapshot->timeValue());
    return rate;
  }
  auto* periodic = static_cast<P::PeriodicRateContext*>(ctx);
  if (periodic->K_FIRST() != nullptr) rate.which = ast::OutputRate::Which::First;
  if (periodic->K_LAST() != nullptr) rate.which = ast::OutputRate::Which::Last;
  if (periodic->timeValue() != nullptr) {
    rate.kind = ast::OutputRate::Kind::Time;
    rate.value = timeValue(periodic->timeValue());
    return rate;
  }
  rate.kind = ast::OutputRate::Kind::Events;
  rate.value = std::make_unique<ast::Expr>();
  rate.value->constKind = ast::ConstKind::Int;
  rate.value->intValue = integer(periodic->INT_LITERAL()->getText());
  rate.value->text = periodic->INT_LITERAL()->getText();
  rate.value->pos = pos(periodic->INT_LITERAL()->getSymbol());
  return rate;
}

ast::Output AstBuilder::output(P::QueryOutputContext* ctx) {
  ast::Output out;
  out.pos = pos(ctx);
  auto setEvents = [&out](P::OutputEventTypeContext* events) {
    if (events == nullptr) return;
    out.events = outputEvents(events);
    out.eventsExplicit = true;
  };
  if (auto* insert = dynamic_cast<P::InsertOutputContext*>(ctx)) {
    out.kind = ast::Output::Kind::Insert;
    setEvents(insert->outputEventType());
    ast::StreamInput target = streamInput(insert->streamId(), {});
    out.target = target.stream;
    out.targetInner = target.inner;
    out.targetFault = target.fault;
  } else if (auto* del = dynamic_cast<P::DeleteOutputContext*>(ctx)) {
    out.kind = ast::Output::Kind::Delete;
    out.target = nameOf(del->name());
    if (del->forEvents() != nullptr) setEvents(del->forEvents()->outputEventType());
    out.on = expr(del->expression());
  } else if (auto* upsert = dynamic_cast<P::UpsertOutputContext*>(ctx)) {
    out.kind = ast::Output::Kind::UpdateOrInsert;
    out.target = nameOf(upsert->name());
    if (upsert->forEvents() != nullptr) setEvents(upsert->forEvents()->outputEventType());
    out.set = setClause(upsert->setClause());
    out.on = expr(upsert->expression());
  } else if (auto* update = dynamic_cast<P::UpdateOutputContext*>(ctx)) {
    out.kind = ast::Output::Kind::Update;
    out.target = nameOf(update->name());
    if (update->forEvents() != nullptr) setEvents(update->forEvents()->outputEventType());
    out.set = setClause(update->setClause());
    out.on = expr(update->expression());
  } else {
    out.kind = ast::Output::Kind::Return;
    setEvents(static_cast<P::ReturnOutputContext*>(ctx)->outputEventType());
  }
  return out;
}

std::vector<ast::SetAssignment> AstBuilder::setClause(P::SetClauseContext* ctx) {
  std::vector<ast::SetAssignment> result;
  if (ctx == nullptr) return result;
  for (P::SetAssignmentContext* assignment : ctx->setAssignment()) {
    result.push_back({attribute(assignment->attributeReference()), expr(assignment->expression())});
  }
  return result;
}

// =============================================================================================
// On-demand queries

std::unique_ptr<ast::OnDemandQuery> AstBuilder::onDemandQuery(P::OnDemandQueryContext* ctx) {
  auto q = std::make_unique<ast::OnDemandQuery>();
  q->pos = pos(ctx);
  if (auto* find = dynamic_cast<P::FindQueryContext*>(ctx)) {
    q->kind = ast::OnDemandQuery::Kind::Find;
    q->source = nameOf(find->source);
    if (find->alias != nullptr) q->alias = nameOf(find->alias);
    if (find->on != nullptr) q->on = expr(find->on);
    if (find->withinStart != nullptr) q->within = expr(find->withinStart);
    if (find->withinEnd != nullptr) q->withinEnd = expr(find->withinEnd);
    if (find->per != nullptr) q->per = expr(find->per);
    q->selector = selector(find->querySection(), ctx);
    return q;
  }
  auto* modify = static_cast<P::ModifyQueryContext*>(ctx);
  q->selector = selector(modify->querySection(), ctx);
  ast::Output& out = q->output;
  out.pos = pos(modify->onDemandOutput());
  if (auto* insert = dynamic_cast<P::InsertQueryContext*>(modify->onDemandOutput())) {
    q->kind = ast::OnDemandQuery::Kind::Insert;
    out.kind = ast::Output::Kind::Insert;
    out.target = nameOf(insert->name());
  } else if (auto* del = dynamic_cast<P::DeleteQueryContext*>(modify->onDemandOutput())) {
    q->kind = ast::OnDemandQuery::Kind::Delete;
    out.kind = ast::Output::Kind::Delete;
    out.target = nameOf(del->name());
    if (del->expression() != nullptr) out.on = expr(del->expression());
  } else if (auto* upsert = dynamic_cast<P::UpsertQueryContext*>(modify->onDemandOutput())) {
    q->kind = ast::OnDemandQuery::Kind::UpdateOrInsert;
    out.kind = ast::Output::Kind::UpdateOrInsert;
    out.target = nameOf(upsert->name());
    out.set = setClause(upsert->setClause());
    out.on = expr(upsert->expression());
  } else {
    auto* update = static_cast<P::UpdateQueryContext*>(modify->onDemandOutput());
    q->kind = ast::OnDemandQuery::Kind::Update;
    out.kind = ast::Output::Kind::Update;
    out.target = nameOf(update->name());
    out.set = setClause(update->setClause());
    out.on = expr(update->expression());
  }
  return q;
}

}  // namespace cepheus::parse
