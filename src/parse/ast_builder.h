// Builds the plain syntax tree (ast.h) from an ANTLR parse tree without syntax errors.
// Private to src/parse: it includes the generated parser.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "SiddhiQLParser.h"
#include "parse/ast.h"

namespace cepheus::parse {

class AstBuilder {
 public:
  using P = grammar::SiddhiQLParser;

  std::unique_ptr<ast::App> app(P::SiddhiAppContext* ctx);
  std::unique_ptr<ast::OnDemandQuery> onDemandQuery(P::OnDemandQueryContext* ctx);
  ast::ExprPtr expression(P::ExpressionContext* ctx) { return expr(ctx); }

 private:
  using Annotations = std::vector<ast::Annotation>;

  // Definitions
  void definition(P::DefinitionContext* ctx, Annotations annotations, ast::App& app);
  ast::StreamDefinition streamDefinition(P::StreamDefinitionContext* ctx);
  ast::TableDefinition tableDefinition(P::TableDefinitionContext* ctx);
  ast::WindowDefinition windowDefinition(P::WindowDefinitionContext* ctx);
  ast::TriggerDefinition triggerDefinition(P::TriggerDefinitionContext* ctx);
  ast::AggregationDefinition aggregationDefinition(P::AggregationDefinitionContext* ctx);
  ast::FunctionDefinition functionDefinition(P::FunctionDefinitionContext* ctx);

  // Queries
  std::unique_ptr<ast::Partition> partition(P::PartitionContext* ctx);
  ast::PartitionKey partitionKey(P::PartitionKeyContext* ctx);
  ast::Query query(P::QueryContext* ctx, Annotations annotations);
  void queryInput(P::QueryInputContext* ctx, ast::Query& q);
  ast::StreamInput streamInput(P::StreamIdContext* id,
                               const std::vector<P::StreamHandlerContext*>& handlers);
  ast::StreamHandler handler(P::StreamHandlerContext* ctx);
  ast::StreamHandler functionHandler(P::FunctionCallContext* ctx, ast::StreamHandler::Kind kind);
  std::unique_ptr<ast::JoinInput> join(P::PresentStateContext* left, P::JoinTailContext* ctx);
  ast::PatternNode stateChain(const std::vector<P::StateElementContext*>& elements,
                              antlr4::ParserRuleContext* ctx);
  ast::PatternNode stateElement(P::StateElementContext* ctx);
  ast::PatternNode stateOperand(P::StateOperandContext* ctx);
  ast::Selector selector(P::QuerySectionContext* ctx, antlr4::ParserRuleContext* owner);
  ast::OutputRate outputRate(P::OutputRateContext* ctx);
  ast::Output output(P::QueryOutputContext* ctx);
  std::vector<ast::SetAssignment> setClause(P::SetClauseContext* ctx);

  // Expressions
  ast::ExprPtr expr(P::ExpressionContext* ctx);
  ast::ExprPtr binary(P::ExpressionContext* ctx, ast::ExprKind kind, P::ExpressionContext* lhs,
                      P::ExpressionContext* rhs);
  ast::ExprPtr function(P::FunctionCallContext* ctx);
  ast::ExprPtr attribute(P::AttributeReferenceContext* ctx);
  ast::ExprPtr constant(P::ConstantContext* ctx);
  ast::ExprPtr number(P::SignedNumberContext* ctx);
  ast::ExprPtr timeValue(P::TimeValueContext* ctx);
  ast::ExprPtr newExpr(ast::ExprKind kind, antlr4::ParserRuleContext* ctx);

  // Aliases of the pattern or sequence being built: `e2 is null` then tests the event.
  std::set<std::string> patternRefs_;
};

}  // namespace cepheus::parse
