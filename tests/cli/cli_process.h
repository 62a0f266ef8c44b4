// Runs the built `cepheus` binary the way a user would, on files in a temporary directory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace cepheus::test {

struct ProcessResult {
  int exitCode = -1;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Runs CEPHEUS_BINARY with the arguments, `input` on its standard input; waits for it.
ProcessResult runCepheus(const std::vector<std::string>& args, const std::string& input = "");

// A fresh directory under the system's temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to the file `name` in this directory; returns its path.
  std::string write(const std::string& name, const std::string& text) const;
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
};

// The lines of `text` without their newlines.
std::vector<std::string> lines(const std::string& text);

}  // namespace cepheus::test
