// The repository stands alone: its docs link only to files it has, and nothing in it refers to
// the folder beside it that CI provides, except the scripts that run the conformance cases
// found there.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = CEPHEUS_SOURCE_DIR;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The repository's own files: not build trees, not git's data.
std::vector<fs::path> repositoryFiles() {
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(kRoot); it != fs::recursive_directory_iterator(); ++it) {
    std::string name = it->path().filename().string();
    if (it->is_directory() && (name == ".git" || name.rfind("build", 0) == 0)) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path());
  }
  return files;
}

TEST(DocsStandAlone, NothingRefersToTheFolderBesideTheRepository) {
  const std::string outside = std::string("..") + "/shared";  // not written whole, or this file would match
  // The scripts that run the conformance cases there.
  const std::vector<fs::path> allowed = {kRoot / "scripts" / "test.sh",
                                         kRoot / "tests" / "redis" / "run-table-conformance.sh"};
  size_t checked = 0;
  for (const fs::path& file : repositoryFiles()) {
    ++checked;
    if (std::find(allowed.begin(), allowed.end(), file) != allowed.end()) continue;
    EXPECT_EQ(readFile(file).find(outside), std::string::npos) << fs::relative(file, kRoot);
  }
  EXPECT_GT(checked, 100u);
}

// The text of a Markdown document outside code: fenced blocks and `inline code` blanked, so a
// C++ lambda `[](...)` in an example is not taken for a link.
std::string proseOf(const std::string& markdown) {
  std::string out;
  bool fenced = false;
  size_t start = 0;
  while (start < markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string::npos) end = markdown.size();
    std::string line = markdown.substr(start, end - start);
    start = end + 1;
    if (line.rfind("```", 0) == 0) {
      fenced = !fenced;
      out += '\n';
      continue;
    }
    if (fenced) {
      out += '\n';
      continue;
    }
    bool inCode = false;
    for (char c : line) {
      if (c == '`') inCode = !inCode;
      out += inCode || c == '`' ? ' ' : c;
    }
    out += '\n';
  }
  return out;
}

TEST(DocsStandAlone, EveryRelativeLinkOfTheDocsIsAFileOfTheRepository) {
  std::vector<fs::path> docs = {kRoot / "README.md", kRoot / "docker" / "README.md"};
  for (const auto& entry : fs::directory_iterator(kRoot / "docs"))
    if (entry.path().extension() == ".md") docs.push_back(entry.path());
  size_t links = 0;
  for (const fs::path& doc : docs) {
    std::string text = proseOf(readFile(doc));
    // Markdown links: ](target) or ](target#anchor).
    for (size_t at = text.find("]("); at != std::string::npos; at = text.find("](", at + 2)) {
      size_t end = text.find_first_of(")# \n", at + 2);
      if (end == std::string::npos) break;
      std::string target = text.substr(at + 2, end - at - 2);
      if (target.empty() || target.find("://") != std::string::npos) continue;  // a web page
      ++links;
      fs::path resolved = fs::weakly_canonical(doc.parent_path() / target);
      EXPECT_TRUE(fs::exists(resolved)) << fs::relative(doc, kRoot) << " links to a missing " << target;
      EXPECT_EQ(fs::relative(resolved, kRoot).string().rfind("..", 0), std::string::npos)
          << fs::relative(doc, kRoot) << " links outside the repository: " << target;
    }
  }
  EXPECT_GT(links, 0u);
}

}  // namespace
