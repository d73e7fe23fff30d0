#include "http/log_lines.h"

#include <unistd.h>

#include <cerrno>

namespace socius::http {
namespace {

void WriteToStdout(std::string_view chunk) {
  while (!chunk.empty()) {
    const ssize_t written = ::write(STDOUT_FILENO, chunk.data(), chunk.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;  // standard output closed or failing: the lines are dropped
    chunk.remove_prefix(static_cast<size_t>(written));
  }
}

}  // namespace

WholeLineWriter::WholeLineWriter(std::function<void(std::string_view)> write)
    : write_(write ? std::move(write) : WriteToStdout) {}

void WholeLineWriter::Add(std::string_view line) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.append(line);
  if (line.empty() || line.back() != '\n') pending_.push_back('\n');
  if (pending_.size() >= kChunk) WriteOutLocked(false);
}

void WholeLineWriter::Flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  WriteOutLocked(true);
}

void WholeLineWriter::WriteOutLocked(bool everything) {
  std::string_view rest = pending_;
  while (!rest.empty() && (everything || rest.size() >= kChunk)) {
    // The longest run of whole lines within kChunk, or the first line alone if it is longer.
    size_t end = rest.size() <= kChunk ? rest.size() : rest.rfind('\n', kChunk - 1) + 1;
    if (end == 0 || end > rest.size()) end = rest.find('\n') + 1;
    write_(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  pending_.erase(0, pending_.size() - rest.size());
}

}  // namespace socius::http
