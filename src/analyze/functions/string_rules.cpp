// str: — the functions of siddhi-execution-string, its stream function str:tokenize and its
// aggregate function str:groupConcat.
#include <cctype>

#include "analyze/function_catalog.h"
#include "common/java_regex.h"
#include "common/message_text.h"

namespace cepheus::analyze {

namespace {

using namespace types;

bool sameTypes(CallCheck& call) {
  for (size_t i = 1; i < call.args.size(); ++i) {
    if (call.args[i].type != call.args[0].type) {
      call.error(i, "needs arguments of one type, but " + quoteSource(call.args[0].text) + " is " +
                        typeName(call.args[0].type) + " and " + quoteSource(call.args[i].text) + " is " +
                        typeName(call.args[i].type));
      return false;
    }
  }
  return true;
}

bool regexSecond(CallCheck& call) { return checkRegexArgument(call, 1); }

// replaceAll/replaceFirst: the pattern, and the replacement's group references against it.
bool replaceCheck(CallCheck& call) {
  if (!checkRegexArgument(call, 1)) return false;
  if (!call.isConstant(1) || !call.isConstant(2)) return true;
  std::string error;
  auto regex = JavaRegex::compile(call.constantString(1), error);
  if (regex && regex->checkReplacement(call.constantString(2), error)) return true;
  call.error(2, error);
  return false;
}

bool substrCheck(CallCheck& call) {
  return call.overload < 2 || checkRegexArgument(call, 1);  // forms 2 and 3 take a regex
}

// fillTemplate(template, r1, r2, ...): each {{n}} of a constant template names an argument.
bool fillTemplateCheck(CallCheck& call) {
  if (call.overload != 0 || !call.isConstant(0)) return true;
  std::string_view text = call.constantString(0);
  size_t replacements = call.args.size() - 1;
  for (size_t open = text.find("{{"); open != std::string_view::npos; open = text.find("{{", open + 2)) {
    size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    std::string key(text.substr(open + 2, close - open - 2));
    size_t b = key.find_first_not_of(' '), e = key.find_last_not_of(' ');
    key = b == std::string::npos ? "" : key.substr(b, e - b + 1);
    bool number = !key.empty();
    for (char c : key) number = number && std::isdigit(static_cast<unsigned char>(c));
    if (!number || std::stoul(key) < 1 || std::stoul(key) > replacements) {
      call.error(0, "the template's placeholder {{" + key + "}} must be a number from 1 to " +
                        std::to_string(replacements) + " (one per replacement argument)");
      return false;
    }
  }
  return true;
}

bool tokenizeCheck(CallCheck& call) { return checkRegexArgument(call, 1); }

// groupConcat's order: 'ASC' or 'DESC' in any case, as the extension upper-cases it.
bool groupConcatCheck(CallCheck& call) {
  if (call.args.size() < 4) return true;
  std::string order(call.constantString(3));
  for (char& c : order) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (order == "ASC" || order == "DESC") return true;
  call.error(3, "the order must be 'ASC' or 'DESC', but " + quoteSource(call.args[3].text) + " is neither");
  return false;
}

}  // namespace

void addStringRules(std::vector<FunctionRule>& rules, std::vector<FunctionRule>& streamRules,
                    std::vector<FunctionRule>& aggregateRules) {
  const Param input{"input.string", String};
  rules.push_back({"str:charAt", {{{{"input.value", String}, {"index", Int}}, Type::String}}});
  rules.push_back({"str:charFrequency", {{{input, {"char", String}}, Type::Long}}});
  rules.push_back({"str:coalesce", {{{{"arg", Any}}, Type::Object, true, 0}}, sameTypes});
  rules.push_back({"str:concat", {{{{"arg", Scalar}, {"arg", Scalar}}, Type::String, true}}});
  rules.push_back({"str:contains", {{{input, {"search.string", String}}, Type::Bool}}});
  rules.push_back({"str:equalsIgnoreCase", {{{{"arg1", String}, {"arg2", String}}, Type::Bool}}});
  rules.push_back({"str:fillTemplate",
                   {{{{"template", String}, {"replacement.type", Scalar}}, Type::String, true},
                    {{{"template", String}, {"map", Object}}, Type::String}},
                   fillTemplateCheck});
  rules.push_back({"str:hex", {{{input}, Type::String}}});
  rules.push_back({"str:length", {{{input}, Type::Int}}});
  rules.push_back({"str:locate",
                   {{{{"string.to.search.for", String}, {"string.to.search.in", String}}, Type::Int},
                    {{{"string.to.search.for", String}, {"string.to.search.in", String},
                      {"searching.start.position", Int}},
                     Type::Int}}});
  rules.push_back({"str:lower", {{{input}, Type::String}}});
  rules.push_back({"str:regexp", {{{input, {"regex", String}}, Type::Bool}}, regexSecond});
  rules.push_back({"str:repeat", {{{input, {"times", Int}}, Type::String}}});
  rules.push_back({"str:replaceAll", {{{input, {"regex", String}, {"replacement.string", String}}, Type::String}},
                   replaceCheck});
  rules.push_back({"str:replaceFirst", {{{input, {"regex", String}, {"replacement.string", String}}, Type::String}},
                   replaceCheck});
  rules.push_back({"str:reverse", {{{input}, Type::String}}});
  rules.push_back({"str:split", {{{input, {"split.string", String}, {"group.number", Int}}, Type::String}},
                   regexSecond});
  rules.push_back({"str:strcmp", {{{{"arg1", String}, {"arg2", String}}, Type::Int}}});
  rules.push_back({"str:substr",
                   {{{input, {"begin.index", Int}}, Type::String},
                    {{input, {"begin.index", Int}, {"length", Int}}, Type::String},
                    {{input, {"regex", String}}, Type::String},
                    {{input, {"regex", String}, {"group.number", Int}}, Type::String}},
                   substrCheck});
  rules.push_back({"str:trim", {{{input}, Type::String}}});
  rules.push_back({"str:unhex", {{{input}, Type::String}}});
  rules.push_back({"str:upper", {{{input}, Type::String}}});

  streamRules.push_back({"str:tokenize",
                         {{{input, {"regex", String}}, Type::String},
                          {{input, {"regex", String}, {"distinct", Bool, true}}, Type::String}},
                         tokenizeCheck,
                         {{"token", Type::String}}});

  // The key is any value, as its text (the extension's String.valueOf); Siddhi evaluates the
  // separator per event, Cepheus needs it constant, as the extension needs distinct and order.
  const Param key{"key", Any};
  const Param separator{"separator", String, true};
  const Param distinct{"distinct", Bool, true};
  aggregateRules.push_back({"str:groupConcat",
                            {{{key}, Type::String},
                             {{key, separator}, Type::String},
                             {{key, separator, distinct}, Type::String},
                             {{key, separator, distinct, {"order", String, true}}, Type::String}},
                            groupConcatCheck});
}

}  // namespace cepheus::analyze
