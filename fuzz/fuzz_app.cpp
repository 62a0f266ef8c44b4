// Mutation fuzzer for the app pipeline (parse, analyze, plan, run). libFuzzer needs clang, and
// clang cannot compile Debian's ANTLR 4.9 headers, so this is a small self-contained driver for
// a GCC build with AddressSanitizer and UBSan (-DCEPHEUS_SANITIZE=ON):
//
//   fuzz_app SEED_DIR [ITERATIONS] [RANDOM_SEED]
//
// SEED_DIR holds .siddhi files (fuzz/seeds has some), or conformance .json cases whose "app"
// field is used. Each
// iteration takes a seed app, mutates it (byte flips, deletions, duplications, splices of
// other seeds, SiddhiQL tokens inserted) and feeds it to Engine::check and, when valid, to
// Engine::deploy and a few events. Any crash or sanitizer report is a bug; the offending input
// is written to fuzz-crash.siddhi before each run so it survives the crash.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cepheus/engine.h"

namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The "app" string of a conformance case, with JSON escapes undone (enough for these files).
std::string appOfCase(const std::string& json) {
  size_t key = json.find("\"app\"");
  if (key == std::string::npos) return "";
  size_t start = json.find('"', json.find(':', key) + 1);
  std::string app;
  for (size_t i = start + 1; i < json.size() && json[i] != '"'; ++i) {
    if (json[i] == '\\' && i + 1 < json.size()) {
      char c = json[++i];
      app += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    } else {
      app += json[i];
    }
  }
  return app;
}

const char* kTokens[] = {"from ", "select ", "insert into ", "#window.length(2)", "#window.time(1 sec)",
                         "#window.lengthBatch(3)", " group by ", " having ", " order by ", " limit 1",
                         "output every 2 events", "output snapshot every 1 sec", "[", "]", "(", ")",
                         ";", ",", " as x", " and ", " or ", " not ", " is null", "sum(", "count()",
                         "'s'", "1.5", "-3", "2L", "e1=", " -> ", " every ", "define stream T (a int);",
                         "define window W (a int) length(2);", "@app:playback ", "return", "*", "/",
                         "%", "convert(", "'int')", "ifThenElse(", "==", "!=", "<=", "\"\"\"x\"\"\"",
                         " Order ", " window ", " output ", " every ", " null ", "@info(name='q') ", "@app:playbak ",
                         "<2:>", "<:3>", "<1>", " within 1 sec", " for 1 sec", "e1[last].", "e1[0].", "+", "?",
                         "e2=A", "not B"};

std::string mutate(std::string app, const std::vector<std::string>& seeds, std::mt19937_64& random) {
  int edits = random() % 4 == 0 ? 2 + static_cast<int>(random() % 3) : 1;  // mostly one: keeps many apps valid
  for (int e = 0; e < edits; ++e) {
    size_t at = app.empty() ? 0 : random() % (app.size() + 1);
    switch (random() % 5) {
      case 0:  // flip a byte
        if (!app.empty()) app[random() % app.size()] = static_cast<char>(random() % 128);
        break;
      case 1:  // delete a run
        if (!app.empty()) app.erase(at, 1 + random() % 8);
        break;
      case 2:  // duplicate a run
        if (!app.empty()) app.insert(at, app.substr(random() % app.size(), 1 + random() % 16));
        break;
      case 3: {  // splice in a piece of another seed
        const std::string& other = seeds[random() % seeds.size()];
        if (!other.empty()) app.insert(at, other.substr(random() % other.size(), 1 + random() % 40));
        break;
      }
      default:  // insert a SiddhiQL token
        app.insert(at, kTokens[random() % (sizeof kTokens / sizeof kTokens[0])]);
    }
  }
  return app;
}

void exercise(const std::string& text) {
  if (cepheus::hasErrors(cepheus::Engine::check(text))) return;
  cepheus::Engine engine;
  auto app = engine.deploy(text);  // check() found no error: deploy must not throw
  for (const auto& stream : app->streams()) {
    std::vector<cepheus::Value> row;
    for (const auto& attribute : stream.attributes) {
      switch (attribute.type) {
        case cepheus::Type::String: row.push_back(cepheus::Value::ofString("IBM")); break;
        case cepheus::Type::Int: row.push_back(cepheus::Value::ofInt(7)); break;
        case cepheus::Type::Long: row.push_back(cepheus::Value::ofLong(7)); break;
        case cepheus::Type::Float: row.push_back(cepheus::Value::ofFloat(0.5f)); break;
        case cepheus::Type::Double: row.push_back(cepheus::Value::ofDouble(0.5)); break;
        case cepheus::Type::Bool: row.push_back(cepheus::Value::ofBool(true)); break;
        case cepheus::Type::Object: row.push_back(cepheus::Value()); break;
      }
    }
    try {
      auto input = app->input(stream.name);
      for (int64_t ts = 0; ts < 5000; ts += 700) input.send(ts, row);
    } catch (const std::out_of_range&) {  // not a stream one sends into
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: fuzz_app SEED_DIR [ITERATIONS] [RANDOM_SEED]\n";
    return 2;
  }
  std::vector<std::string> seeds;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (entry.path().extension() == ".siddhi") seeds.push_back(readFile(entry.path()));
    if (entry.path().extension() == ".json") seeds.push_back(appOfCase(readFile(entry.path())));
  }
  if (seeds.empty()) {
    std::cerr << "fuzz_app: no seeds in " << argv[1] << "\n";
    return 2;
  }
  long iterations = argc > 2 ? std::stol(argv[2]) : 10000;
  std::mt19937_64 random(argc > 3 ? std::stoull(argv[3]) : 1);
  long valid = 0;
  for (long i = 0; i < iterations; ++i) {
    std::string app = mutate(seeds[random() % seeds.size()], seeds, random);
    std::ofstream("fuzz-crash.siddhi", std::ios::trunc) << app;
    if (!cepheus::hasErrors(cepheus::Engine::check(app))) ++valid;
    exercise(app);
  }
  std::filesystem::remove("fuzz-crash.siddhi");
  std::cout << iterations << " mutated apps, " << valid << " valid, no crash\n";
  return 0;
}
