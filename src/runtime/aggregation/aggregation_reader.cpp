#include "runtime/aggregation/aggregation_reader.h"

#include <string>

namespace cepheus::runtime {

AggregationReader::AggregationReader(const IncrementalAggregation& aggregation, EvaluatorPtr withinStart,
                                     EvaluatorPtr withinEnd, EvaluatorPtr per, std::vector<KeyFilter> keys)
    : aggregation_(&aggregation),
      withinStart_(std::move(withinStart)),
      withinEnd_(std::move(withinEnd)),
      per_(std::move(per)),
      keys_(std::move(keys)) {}

int64_t AggregationReader::time(const Evaluator& bound, const EvalContext& reading, const char* which) const {
  Value v = bound.evalValue(reading);
  if (v.isNull()) throw EvaluationError(std::string("the ") + which + " of 'within' is null");
  if (!v.isString()) return v.asLong();
  auto parsed = parseAggregationTime(v.asString());
  if (!parsed)
    throw EvaluationError(std::string("the ") + which + " of 'within', '" + std::string(v.asString()) +
                          "', is not a time 'yyyy-MM-dd HH:mm:ss' (with an optional ' +hh:mm')");
  return *parsed;
}

void AggregationReader::read(AppState& app, const EvalContext& reading, BucketRows& out) const {
  std::vector<KeyMatch>& matches = out.keyScratch();
  matches.clear();
  for (const KeyFilter& key : keys_) matches.push_back({key.keyIndex, key.value->evalValue(reading)});
  read(app, reading, matches, out);
}

void AggregationReader::read(AppState& app, const EvalContext& reading, std::span<const KeyMatch> keys,
                             BucketRows& out) const {
  BucketQuery query;
  if (withinEnd_) {
    query.start = time(*withinStart_, reading, "start");
    query.end = time(*withinEnd_, reading, "end");
    if (query.start >= query.end)
      throw EvaluationError("'within' starts at " + std::to_string(query.start) + ", which is not before its end " +
                            std::to_string(query.end));
  } else {
    Value pattern = withinStart_->evalValue(reading);
    if (pattern.isNull()) throw EvaluationError("the 'within' pattern is null");
    auto range = parseWithinPattern(pattern.asString());
    if (!range)
      throw EvaluationError("'" + std::string(pattern.asString()) +
                            "' is not a 'within' pattern such as '2017-06-** **:**:**'");
    query.start = range->first;
    query.end = range->second;
  }
  Value per = per_->evalValue(reading);
  auto granularity = per.isNull() ? std::nullopt : granularityNamed(per.asString());
  if (!granularity) throw EvaluationError("'per' is '" + per.toString() + "', which is not a granularity");
  if (aggregation_->layout().levelOf(*granularity) < 0)
    throw EvaluationError("aggregation '" + aggregation_->name() + "' does not keep " + granularityName(*granularity));
  query.per = *granularity;
  query.keys = keys;
  aggregation_->read(app, query, out);
}

}  // namespace cepheus::runtime
