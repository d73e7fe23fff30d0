#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace socius::http {

// The built web app on disk (web/dist), looked up by URL path. Guards the root: a path with a
// ".." or "." segment, a backslash or a NUL, or one that resolves (through symlinks) outside
// the root, is not found. Thread-safe: holds only the root.
class StaticFiles {
 public:
  enum class Outcome {
    kFile,         // send `file`
    kNotModified,  // 304: If-None-Match held the current ETag
    kNotFound,     // 404
  };
  struct Lookup {
    Outcome outcome = Outcome::kNotFound;
    std::string file;  // absolute path of the file to send
    uint64_t size = 0;
    std::string content_type;
    std::string cache_control;
    std::string etag;
  };

  // `root` must exist; it is made canonical here.
  explicit StaticFiles(const std::string& root);
  const std::string& root() const { return root_; }

  // Resolves a decoded URL path ("/assets/app-3f2a.js"). "/" and paths ending in "/" mean
  // their index.html; a missing path without a file extension in its last segment falls back
  // to /index.html (client-side routing); a missing path with one is kNotFound.
  // Files under /assets/ (content-hashed by Vite) are cached for a year as immutable; all
  // others must be revalidated (no-cache). The ETag derives from size and modification time.
  Lookup Find(std::string_view url_path, std::string_view if_none_match) const;

  // "text/javascript; charset=utf-8" for "app.js"; application/octet-stream when unknown.
  static std::string_view ContentTypeOf(std::string_view file_name);

 private:
  std::string root_;  // canonical, without a trailing slash
};

}  // namespace socius::http
