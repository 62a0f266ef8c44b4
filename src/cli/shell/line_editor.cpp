#include "cli/shell/line_editor.h"

#include <histedit.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cwchar>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/shell/interrupt.h"

namespace cepheus::cli::shell {

namespace {

std::string escape(const std::string& entry) {
  std::string out;
  for (char c : entry) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string unescape(const std::string& line) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      ++i;
      out += line[i] == 'n' ? '\n' : line[i];
    } else {
      out += line[i];
    }
  }
  return out;
}

bool sameLetters(char a, char b) {
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

// The longest prefix every candidate shares (letters compared without case), in the first one's spelling.
std::string commonPrefix(const std::vector<std::string>& words) {
  std::string prefix = words.front();
  for (const std::string& word : words) {
    size_t n = 0;
    while (n < prefix.size() && n < word.size() && sameLetters(prefix[n], word[n])) ++n;
    prefix.resize(n);
  }
  return prefix;
}

// The candidates in columns across the terminal's width (80 when it is not known).
void listCandidates(FILE* out, const std::vector<std::string>& words, int columns) {
  size_t width = 0;
  for (const std::string& word : words) width = std::max(width, word.size());
  width += 2;
  size_t perLine = std::max<size_t>(1, static_cast<size_t>(columns > 0 ? columns : 80) / width);
  std::fputc('\n', out);
  for (size_t i = 0; i < words.size(); ++i) {
    bool last = (i + 1) % perLine == 0 || i + 1 == words.size();
    if (last) std::fprintf(out, "%s\n", words[i].c_str());
    else std::fprintf(out, "%-*s", static_cast<int>(width), words[i].c_str());
  }
  std::fflush(out);
}

}  // namespace

History::History(std::string path, size_t limit) : path_(std::move(path)), limit_(limit) { load(); }

void History::load() {
  if (path_.empty()) return;
  std::ifstream in(path_);
  if (!in) return;
  entries_.clear();
  std::string line;
  while (std::getline(in, line)) {
    std::string entry = unescape(line);
    auto old = std::find(entries_.begin(), entries_.end(), entry);
    if (old != entries_.end()) entries_.erase(old);
    if (!entry.empty()) entries_.push_back(entry);
  }
}

void History::add(const std::string& entry) {
  if (entry.empty()) return;
  // Read again first: another shell may have added entries since, and they are kept.
  load();
  auto old = std::find(entries_.begin(), entries_.end(), entry);
  if (old != entries_.end()) entries_.erase(old);
  entries_.push_back(entry);
  if (entries_.size() > limit_) entries_.erase(entries_.begin(), entries_.end() - static_cast<long>(limit_));
  save();
}

void History::save() const {
  if (path_.empty()) return;
  // Written aside and renamed, so two shells ending at once never leave half a file.
  std::string temporary = path_ + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const std::string& entry : entries_) out << escape(entry) << '\n';
    if (!out) return;
  }
  std::error_code ignored;
  std::filesystem::rename(temporary, path_, ignored);
}

struct LineEditor::Impl {
  History& history;
  Completer completer;
  EditLine* el = nullptr;
  ::History* recall = nullptr;
  std::string prompt;

  // libedit's history mirrors History (latest last); rebuilt when an entry moves to the end.
  void reload() {
    HistEvent event;
    ::history(recall, &event, H_CLEAR);
    for (const std::string& entry : history.entries()) ::history(recall, &event, H_ENTER, entry.c_str());
  }

  unsigned char complete() {
    const LineInfo* line = el_line(el);
    std::string before(line->buffer, static_cast<size_t>(line->cursor - line->buffer));
    Completion completion = completer(before);
    std::vector<std::string>& words = completion.candidates;
    if (words.empty() || completion.start > before.size()) return CC_REFRESH_BEEP;
    std::string typed = before.substr(completion.start);
    std::string insert = words.size() == 1 ? words.front() : commonPrefix(words);
    if (words.size() == 1 && insert.back() != '(' && insert.back() != '.') insert += ' ';
    if (insert.size() > typed.size() || (words.size() == 1 && insert != typed)) {
      el_deletestr(el, static_cast<int>(typed.size()));
      el_insertstr(el, insert.c_str());
      return CC_REFRESH;
    }
    int columns = 80;
    el_get(el, EL_GETTC, "co", &columns);
    listCandidates(stdout, words, columns);
    return CC_REDISPLAY;
  }
};

namespace {

const char* promptOf(EditLine* el) {
  LineEditor::Impl* impl = nullptr;
  el_get(el, EL_CLIENTDATA, &impl);
  return impl->prompt.c_str();
}

// libedit's reading of a character, with a wait that looks at the Ctrl-C flag every 100 ms: a
// Ctrl-C that comes while libedit is not yet blocked in read() (between two lines, before its
// own signal handling is in place) would otherwise be seen only after the next key.
int readCharacter(EditLine* el, wchar_t* out) {
  FILE* in = nullptr;
  el_get(el, EL_GETFP, 0, &in);
  int fd = in ? fileno(in) : STDIN_FILENO;
  std::mbstate_t state{};
  while (true) {
    if (interrupted()) {
      errno = EINTR;
      return -1;
    }
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, 100);
    if (ready < 0 && errno != EINTR) return -1;
    if (ready <= 0) continue;
    char byte;
    ssize_t n = ::read(fd, &byte, 1);
    if (n == 0) return 0;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return -1;
    }
    // libedit puts the terminal in its raw mode only once the prompt is out: a Ctrl-D typed in
    // between reaches it as the NUL byte the line discipline stores for an end of file. On an
    // empty line that is what it was.
    if (byte == '\0' && el_line(el)->buffer == el_line(el)->lastchar) return 0;
    size_t used = std::mbrtowc(out, &byte, 1, &state);
    if (used == static_cast<size_t>(-2)) continue;  // the middle of a multi-byte character
    if (used == static_cast<size_t>(-1)) {          // not valid in the locale: taken as a byte
      state = {};
      *out = static_cast<unsigned char>(byte);
    }
    return 1;
  }
}

unsigned char onTab(EditLine* el, int) {
  LineEditor::Impl* impl = nullptr;
  el_get(el, EL_CLIENTDATA, &impl);
  return impl->complete();
}

}  // namespace

LineEditor::LineEditor(History& history, Completer completer)
    : impl_(std::make_unique<Impl>(Impl{history, std::move(completer), nullptr, nullptr, ""})) {
  impl_->el = el_init("cepheus", stdin, stdout, stderr);
  impl_->recall = history_init();
  HistEvent event;
  ::history(impl_->recall, &event, H_SETSIZE, 1000);
  impl_->reload();
  el_set(impl_->el, EL_CLIENTDATA, impl_.get());
  el_set(impl_->el, EL_PROMPT, promptOf);
  el_set(impl_->el, EL_EDITOR, "emacs");
  el_set(impl_->el, EL_HIST, ::history, impl_->recall);
  // libedit puts the terminal back in its usual mode before a signal's handler runs, and
  // returns from el_gets with an error once it has: the shell's Ctrl-C flag then says why.
  el_set(impl_->el, EL_SIGNAL, 1);
  el_set(impl_->el, EL_GETCFN, readCharacter);
  el_set(impl_->el, EL_ADDFN, "cepheus-complete", "complete a keyword, command or name", onTab);
  el_set(impl_->el, EL_BIND, "^I", "cepheus-complete", nullptr);
  el_source(impl_->el, nullptr);  // the user's ~/.editrc, as every libedit program reads it
}

LineEditor::~LineEditor() {
  history_end(impl_->recall);
  el_end(impl_->el);
}

LineEditor::Read LineEditor::read(const std::string& prompt, std::string& line) {
  impl_->prompt = prompt;
  int count = 0;
  const char* text = el_gets(impl_->el, &count);
  if (text == nullptr || count < 0) {
    if (interrupted()) {
      clearInterrupt();
      el_reset(impl_->el);
      std::fputc('\n', stdout);
      return Read::Interrupted;
    }
    return Read::End;
  }
  line.assign(text, static_cast<size_t>(count));
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return Read::Line;
}

void LineEditor::remember(const std::string& entry) {
  impl_->history.add(entry);
  impl_->reload();
}

}  // namespace cepheus::cli::shell
