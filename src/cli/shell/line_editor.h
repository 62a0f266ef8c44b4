// Line editing on a terminal with libedit: emacs keys, the history (kept in a file, without
// duplicates), TAB completion through a callback, Ctrl-C cancelling the line, Ctrl-D ending.
// libedit's headers stay in line_editor.cpp.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cepheus::cli::shell {

struct Completion {
  size_t start = 0;                     // where the word being completed starts, in the text given
  std::vector<std::string> candidates;  // whole words; a sole one is inserted with a space after
                                        // it, unless it ends with '(' or '.'
};

// Given the text of the line up to the cursor.
using Completer = std::function<Completion(const std::string& beforeCursor)>;

// The entries of a history file (one a line, "\n" and "\\" escaped), duplicates dropped (the
// latest kept), and the file written back the same way.
class History {
 public:
  explicit History(std::string path, size_t limit = 1000);
  // Appends the entry, dropping an earlier equal one, and saves the file (read again just before,
  // so the entries of shells running at the same time are kept). Empty entries are not kept.
  void add(const std::string& entry);
  const std::vector<std::string>& entries() const { return entries_; }

 private:
  void load();
  void save() const;
  std::string path_;
  size_t limit_;
  std::vector<std::string> entries_;
};

class LineEditor {
 public:
  LineEditor(History& history, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  enum class Read { Line, Interrupted, End };
  // One line, without its newline. Interrupted: Ctrl-C (what was typed is dropped); End: Ctrl-D
  // on an empty line, or the input closed.
  Read read(const std::string& prompt, std::string& line);
  // Adds to the history file and to what the arrow keys recall.
  void remember(const std::string& entry);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cepheus::cli::shell
