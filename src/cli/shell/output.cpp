#include "cli/shell/output.h"

#include <cstdio>

namespace cepheus::cli::shell {

void Output::print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  if (spool_.is_open()) spool_ << text << std::flush;
}

void Output::error(const std::string& text) {
  std::fflush(stdout);
  std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
  if (spool_.is_open()) spool_ << text << '\n' << std::flush;
}

bool Output::spool(const std::string& path) {
  stopSpooling();
  spool_.open(path, std::ios::trunc);
  if (!spool_) return false;
  spoolPath_ = path;
  return true;
}

void Output::stopSpooling() {
  if (spool_.is_open()) spool_.close();
  spool_.clear();
  spoolPath_.clear();
}

}  // namespace cepheus::cli::shell
