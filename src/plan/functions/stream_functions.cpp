// Stream functions (#pol2Cart of the core; #str:tokenize, #json:tokenize and
// #json:tokenizeAsObject of the extension library): each input event becomes zero or more
// events, its attributes followed by the function's. The events one input event gives form one chunk, as in Siddhi, so an
// aggregating selector after them emits one row per input event.
#include "plan/functions/stream_functions.h"

#include <cmath>
#include <unordered_set>

#include "plan/functions/function_support.h"
#include "plan/functions/json_support.h"
#include "plan/functions/text_support.h"
#include "runtime/app_state.h"

namespace cepheus::plan {

using analyze::TypedExpr;

namespace {

using runtime::Chunk;
using runtime::EventKind;
using runtime::EventRow;

// Computes the added attribute values for one input event: `produced` gets, per output event,
// one value for each attribute the function adds.
class Expander {
 public:
  virtual ~Expander() = default;
  // Keeps buffers between calls: a query's operators run on one thread at a time.
  virtual void expand(const fn::Call& call, const Value* args, std::vector<Value>& produced) const = 0;
};

class TokenizeExpander final : public Expander {
 public:
  TokenizeExpander(const analyze::StreamFunctionSpec& spec)
      : regex_(spec.args[1]), distinct_(spec.args.size() > 2 && spec.args[2].constant.asBool()) {}
  void expand(const fn::Call& call, const Value* args, std::vector<Value>& produced) const override {
    if (args[0].isNull()) call.fail("the input string cannot be null");
    if (args[1].isNull()) call.fail("the regex cannot be null");
    regex_.get(call, args[1]).split(args[0].asString(), pieces_);
    seen_.clear();
    for (std::string_view piece : pieces_) {
      if (distinct_ && !seen_.insert(piece).second) continue;
      produced.push_back(Value::ofString(piece));
    }
  }

 private:
  fn::RegexSource regex_;
  bool distinct_;
  mutable std::vector<std::string_view> pieces_;
  mutable std::unordered_set<std::string_view> seen_;
};

// json:tokenize / tokenizeAsObject: one event per element when the path names an array (or
// selects several values), else one for the value; none when it names nothing, unless
// fail.on.missing.attribute is false (then one with null).
class JsonTokenizeExpander final : public Expander {
 public:
  JsonTokenizeExpander(const analyze::StreamFunctionSpec& spec, bool asObject)
      : path_(spec.args[1]), failOnMissing_(spec.args.size() < 3 || spec.args[2].constant.asBool()), asObject_(asObject) {}
  void expand(const fn::Call& call, const Value* args, std::vector<Value>& produced) const override {
    if (args[1].isNull()) call.fail("the path cannot be null");
    if (args[0].isNull()) {
      if (!failOnMissing_) produced.emplace_back();
      return;
    }
    const JsonPath& path = path_.get(call, args[1]);
    const fn::JsonValue& root = fn::jsonArgument(call, args[0], storage_);
    fn::selectJson(root, path, matches_);
    elements_.clear();
    if (path.definite && matches_.size() == 1 && matches_[0]->is_array()) {
      for (const auto& element : *matches_[0]) elements_.push_back(&element);
    } else {
      elements_ = matches_;
    }
    if (elements_.empty()) {
      if (!failOnMissing_) produced.emplace_back();
      return;
    }
    for (const fn::JsonValue* element : elements_) {
      if (asObject_) {
        produced.push_back(fn::jsonToValue(*element));
      } else if (element->is_string() && path.definite && !matches_[0]->is_array()) {  // the value itself
        produced.push_back(Value::ofString(element->get_ref<const std::string&>()));
      } else {
        call.scratch.clear();
        fn::appendJsonText(call.scratch, *element, true);
        produced.push_back(Value::ofString(call.scratch));
      }
    }
  }

 private:
  fn::JsonPathSource path_;
  bool failOnMissing_;
  bool asObject_;
  mutable fn::JsonValue storage_;
  mutable std::vector<const fn::JsonValue*> matches_, elements_;
};

// pol2Cart: x = rho·cos(theta), y = rho·sin(theta), theta in degrees, z passed through; one event
// per input event. A null coordinate gives null x and y (Siddhi fails the event on it).
class Pol2CartExpander final : public Expander {
 public:
  explicit Pol2CartExpander(const analyze::StreamFunctionSpec& spec) : withZ_(spec.args.size() == 3) {}
  void expand(const fn::Call&, const Value* args, std::vector<Value>& produced) const override {
    if (args[0].isNull() || args[1].isNull()) {
      produced.emplace_back();
      produced.emplace_back();
    } else {
      constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
      const double theta = args[0].asDouble() * kRadiansPerDegree, rho = args[1].asDouble();
      produced.push_back(Value::ofDouble(rho * std::cos(theta)));
      produced.push_back(Value::ofDouble(rho * std::sin(theta)));
    }
    if (withZ_) produced.push_back(args[2]);
  }

 private:
  bool withZ_;
};

// What the operator reuses from one chunk to the next: it lives in the lane, not the operator.
struct StreamFunctionScratch final : runtime::Scratch {
  struct Pending {
    const EventRow* control;  // a Reset or Timer row passed on as it is
    int64_t timestamp;
    EventKind kind;
    size_t offset;  // of its values in `values`
  };
  std::vector<Value> arguments, produced, values;
  std::vector<Pending> pending;
  std::string text;
  Chunk out;
};

class StreamFunctionOperator final : public runtime::Operator {
 public:
  StreamFunctionOperator(const analyze::StreamFunctionSpec& spec, std::unique_ptr<Expander> expander,
                         const runtime::FaultSink* faults)
      : name_(spec.name), expander_(std::move(expander)), width_(spec.inputWidth), added_(spec.outputs.size()),
        faults_(faults) {
    for (const auto& arg : spec.args) args_.push_back(compileExpression(arg));
  }

  void process(runtime::ExecContext& ctx, const Chunk& chunk) const override {
    auto& s = ctx.lane.scratch<StreamFunctionScratch>(id());
    if (!chunk.independent) {
      begin(s);
      for (const EventRow& row : chunk.rows) add(ctx, s, row);
      finish(ctx, s);
      return;
    }
    for (const EventRow& row : chunk.rows) {  // each event its own chunk
      begin(s);
      add(ctx, s, row);
      finish(ctx, s);
    }
  }

 private:
  static void begin(StreamFunctionScratch& s) {
    s.values.clear();
    s.pending.clear();
  }

  void add(runtime::ExecContext& ctx, StreamFunctionScratch& s, const EventRow& row) const {
    if (row.kind == EventKind::Reset || row.kind == EventKind::Timer) {
      s.pending.push_back({&row, row.timestamp, row.kind, 0});
      return;
    }
    const EventRow* slot = &row;
    runtime::EvalContext eval = runtime::EvalContext::of(slot, nullptr, &ctx.app.clock);
    fn::Call call{name_.c_str(), eval, s.text};
    s.produced.clear();
    s.arguments.resize(args_.size());
    try {
      for (size_t i = 0; i < args_.size(); ++i) s.arguments[i] = args_[i]->evalValue(eval);
      expander_->expand(call, s.arguments.data(), s.produced);
    } catch (const runtime::EvaluationError& e) {
      faults_->fault(ctx, row, e.what());
      return;
    }
    for (size_t first = 0; first + added_ <= s.produced.size(); first += added_) {
      s.pending.push_back({nullptr, row.timestamp, row.kind, s.values.size()});
      s.values.insert(s.values.end(), row.data, row.data + width_);
      for (size_t i = first; i < first + added_; ++i) s.values.push_back(std::move(s.produced[i]));
    }
  }

  // Rows point into `values`, which no longer grows.
  void finish(runtime::ExecContext& ctx, StreamFunctionScratch& s) const {
    s.out.clear();
    for (const auto& p : s.pending)
      s.out.rows.push_back(p.control ? *p.control : EventRow{s.values.data() + p.offset, p.timestamp, p.kind});
    emit(ctx, s.out);
  }

  std::string name_;
  std::unique_ptr<Expander> expander_;
  size_t width_;
  size_t added_;  // attributes the function adds to each event
  const runtime::FaultSink* faults_;
  std::vector<EvaluatorPtr> args_;
};

}  // namespace

std::unique_ptr<runtime::Operator> makeStreamFunction(const analyze::StreamFunctionSpec& spec,
                                                      const runtime::FaultSink* faults) {
  std::unique_ptr<Expander> expander;
  if (spec.name == "pol2Cart") expander = std::make_unique<Pol2CartExpander>(spec);
  else if (spec.name == "str:tokenize") expander = std::make_unique<TokenizeExpander>(spec);
  else if (spec.name == "json:tokenize") expander = std::make_unique<JsonTokenizeExpander>(spec, false);
  else if (spec.name == "json:tokenizeAsObject") expander = std::make_unique<JsonTokenizeExpander>(spec, true);
  else throw std::logic_error("no operator for stream function " + spec.name);
  return std::make_unique<StreamFunctionOperator>(spec, std::move(expander), faults);
}

}  // namespace cepheus::plan
