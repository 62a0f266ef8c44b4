// Reads a text file (or standard input) line by line without a copy per line.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace cepheus::cli {

class LineReader {
 public:
  // "-" reads standard input.
  explicit LineReader(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Empty when the file is open and every read so far succeeded; else the reason (strerror).
  const std::string& error() const { return error_; }

  // The next line without its line ending ("\n" or "\r\n"); valid until the next call.
  // False at the end of the input or on a read error.
  bool next(std::string_view& line);

 private:
  std::FILE* file_;
  bool ownsFile_;
  char* buffer_ = nullptr;
  size_t capacity_ = 0;
  std::string error_;
};

}  // namespace cepheus::cli
