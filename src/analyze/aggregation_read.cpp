// `within ... per ...`: how a join or an on-demand query reads an aggregation. Siddhi checks the
// types when the app is created and the values when the read runs; Cepheus checks constant
// values (dates, patterns, the granularity) at deploy time too, so a `per 'hours'` on an
// aggregation without hours is a deploy error with its position, not a failure per event.
#include <algorithm>

#include "analyze/app_analyzer.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

std::string keptGranularities(const AggregationModel& aggregation) {
  std::string text;
  for (size_t i = 0; i < aggregation.granularities.size(); ++i) {
    if (i > 0) text += i + 1 == aggregation.granularities.size() ? " and " : ", ";
    text += granularityName(aggregation.granularities[i]);
  }
  return text;
}

}  // namespace

std::optional<AggregationReadModel> AppAnalyzer::aggregationRead(const std::string& name, const ast::Expr* within,
                                                                 const ast::Expr* withinEnd, const ast::Expr* per,
                                                                 const Scope& readerScope,
                                                                 const ast::SourcePos& at) {
  int index = model_.findAggregation(name);
  if (index < 0) return std::nullopt;  // its definition was rejected
  const AggregationModel& aggregation = model_.aggregations[index];
  if (!within) {
    error(at, "reading aggregation '" + name + "' needs 'within <start>, <end>' (or one pattern such as "
                                               "'2017-06-** **:**:**') and 'per <granularity>'");
    return std::nullopt;
  }
  if (!per) {
    error(at, "reading aggregation '" + name + "' needs 'per <granularity>', e.g. per 'minutes'");
    return std::nullopt;
  }
  Scope scope = readerScope;
  scope.aggregates = nullptr;
  AggregationReadModel read;
  read.aggregation = index;
  bool ok = true;

  auto bound = [&](const ast::Expr& expr, bool single) -> std::optional<TypedExpr> {
    scope.place = "within";
    auto typed = expressions_.check(expr, scope);
    if (!typed) return std::nullopt;
    if (single ? typed->type != Type::String : typed->type != Type::Long && typed->type != Type::String) {
      error(expr.pos, single ? "a single 'within' is a pattern string such as '2017-06-** **:**:**', but " +
                                   quoteSource(expr.text) + " is " + typeName(typed->type)
                             : "'within' takes long milliseconds (write 0L, not 0) or date strings "
                               "('yyyy-MM-dd HH:mm:ss'), but " + quoteSource(expr.text) + " is " +
                                   typeName(typed->type));
      return std::nullopt;
    }
    if (typed->isConstant() && typed->type == Type::String) {
      std::string_view text = typed->constant.asString();
      bool valid = single ? parseWithinPattern(text).has_value() : parseAggregationTime(text).has_value();
      if (!valid) {
        error(expr.pos, quoteSource(expr.text) +
                            (single ? " is not a 'within' pattern: a time 'yyyy-MM-dd HH:mm:ss' (with an optional "
                                      "' +hh:mm') whose finest fields may be ** ('2017-06-** **:**:**')"
                                    : " is not a time 'yyyy-MM-dd HH:mm:ss' (with an optional ' +hh:mm')"));
        return std::nullopt;
      }
    }
    return typed;
  };
  auto start = bound(*within, withinEnd == nullptr);
  std::optional<TypedExpr> end;
  if (withinEnd) {
    end = bound(*withinEnd, false);
    if (!end) ok = false;
  }
  if (!start) ok = false;
  if (start && end && start->isConstant() && end->isConstant()) {
    auto millis = [](const TypedExpr& e) {
      return e.type == Type::Long ? e.constant.asLong() : *parseAggregationTime(e.constant.asString());
    };
    if (millis(*start) >= millis(*end)) {
      error(within->pos, "'within' starts at " + quoteSource(within->text) + ", which is not before its end " +
                             quoteSource(withinEnd->text));
      ok = false;
    }
  }

  scope.place = "per";
  auto granularity = expressions_.check(*per, scope);
  if (!granularity) {
    ok = false;
  } else if (granularity->type != Type::String) {
    error(per->pos, "'per' takes a granularity name such as 'minutes', but " + quoteSource(per->text) + " is " +
                        typeName(granularity->type));
    ok = false;
  } else if (granularity->isConstant()) {
    auto named = granularityNamed(granularity->constant.asString());
    if (!named) {
      error(per->pos, quoteSource(per->text) + " is not a granularity: 'per' takes seconds, minutes, hours, days, "
                                               "months or years");
      ok = false;
    } else if (!aggregation.granularities.empty() &&
               std::find(aggregation.granularities.begin(), aggregation.granularities.end(), *named) ==
                   aggregation.granularities.end()) {
      error(per->pos, "aggregation '" + name + "' keeps " + keptGranularities(aggregation) + ", not " +
                          granularityName(*named));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  read.withinStart = std::move(*start);
  read.withinEnd = std::move(end);
  read.per = std::move(*granularity);
  return read;
}

}  // namespace cepheus::analyze
