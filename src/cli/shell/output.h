// Where the shell writes: the terminal (results on stdout, problems on stderr), and a copy of
// both in the spool file while one is open (`spool FILE`).
#pragma once

#include <fstream>
#include <string>

namespace cepheus::cli::shell {

class Output {
 public:
  void print(const std::string& text);  // a result, as is (give it its newline)
  void error(const std::string& text);  // a problem; one newline is added
  // Opens (truncating) the spool file; false when it cannot be written.
  bool spool(const std::string& path);
  void stopSpooling();
  const std::string& spoolPath() const { return spoolPath_; }

 private:
  std::ofstream spool_;
  std::string spoolPath_;
};

}  // namespace cepheus::cli::shell
