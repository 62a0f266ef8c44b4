#include "cli/line_reader.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace cepheus::cli {

LineReader::LineReader(const std::string& path)
    : file_(path == "-" ? stdin : std::fopen(path.c_str(), "r")), ownsFile_(path != "-") {
  if (!file_) error_ = std::strerror(errno);
}

LineReader::~LineReader() {
  std::free(buffer_);
  if (file_ && ownsFile_) std::fclose(file_);
}

bool LineReader::next(std::string_view& line) {
  if (!file_ || !error_.empty()) return false;
  ssize_t length = ::getline(&buffer_, &capacity_, file_);
  if (length < 0) {
    if (std::ferror(file_)) error_ = std::strerror(errno);
    return false;
  }
  if (length > 0 && buffer_[length - 1] == '\n') --length;
  if (length > 0 && buffer_[length - 1] == '\r') --length;
  line = std::string_view(buffer_, static_cast<size_t>(length));
  return true;
}

}  // namespace cepheus::cli
