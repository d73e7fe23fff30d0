#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace socius::http {

// Collects log lines and hands them to `write` in chunks that hold only whole lines, each
// chunk at most kChunk bytes (a longer single line goes alone). stdio would flush its buffer
// wherever it fills, so a warning written meanwhile to stderr, when both streams go to one
// file or pipe, would land in the middle of an access-log line; writes of whole lines up to
// PIPE_BUF bytes are never interleaved. Thread-safe.
class WholeLineWriter {
 public:
  static constexpr size_t kChunk = 4096;  // PIPE_BUF on Linux

  // `write` receives each chunk; the default writes it to standard output with write(2).
  explicit WholeLineWriter(std::function<void(std::string_view)> write = {});

  // Adds `line` (a trailing '\n' is added when missing). Writes out when kChunk is reached.
  void Add(std::string_view line);
  // Writes out everything held.
  void Flush();

 private:
  void WriteOutLocked(bool everything);

  std::function<void(std::string_view)> write_;
  std::mutex mutex_;
  std::string pending_;
};

}  // namespace socius::http
