#include "http/static_files.h"

#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <utility>

namespace socius::http {
namespace {

namespace fs = std::filesystem;

struct FileInfo {
  bool regular = false;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

FileInfo Stat(const std::string& path) {
  struct stat st {};
  FileInfo info;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return info;
  info.regular = true;
  info.size = static_cast<uint64_t>(st.st_size);
  info.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  return info;
}

std::string ETagOf(const FileInfo& info) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "\"%llx-%llx\"", static_cast<unsigned long long>(info.size),
                static_cast<unsigned long long>(info.mtime_ns));
  return buffer;
}

// RFC 9110 weak comparison over a list: "*", "abc", W/"abc".
bool MatchesETag(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    size_t comma = if_none_match.find(',');
    std::string_view candidate = if_none_match.substr(0, comma);
    if_none_match = comma == std::string_view::npos ? "" : if_none_match.substr(comma + 1);
    while (!candidate.empty() && candidate.front() == ' ') candidate.remove_prefix(1);
    while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
    if (candidate.substr(0, 2) == "W/") candidate.remove_prefix(2);
    if (candidate == "*" || candidate == etag) return true;
  }
  return false;
}

bool HasExtension(std::string_view segment) { return segment.find('.') != std::string_view::npos; }

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  root_ = ec ? root : canonical.string();
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::string_view StaticFiles::ContentTypeOf(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  size_t dot = file_name.rfind('.');
  size_t slash = file_name.rfind('/');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    std::string_view extension = file_name.substr(dot);
    for (const auto& [known, type] : kTypes) {
      if (extension == known) return type;
    }
  }
  return "application/octet-stream";
}

StaticFiles::Lookup StaticFiles::Find(std::string_view url_path,
                                      std::string_view if_none_match) const {
  Lookup lookup;
  if (url_path.empty() || url_path.front() != '/') return lookup;
  if (url_path.find('\\') != std::string_view::npos ||
      url_path.find('\0') != std::string_view::npos) {
    return lookup;
  }
  std::string_view relative = url_path.substr(1);
  std::string_view last_segment;
  for (std::string_view rest = relative;;) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment == ".." || segment == ".") return lookup;
    last_segment = segment;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }

  // Source maps would publish the app's source: never served, even if a build left some.
  if (last_segment.ends_with(".map")) return lookup;

  std::string path = root_ + "/" + std::string(relative);
  if (relative.empty() || relative.back() == '/') path += "index.html";
  FileInfo info = Stat(path);
  if (!info.regular) {
    if (HasExtension(last_segment)) return lookup;
    path = root_ + "/index.html";
    info = Stat(path);
    if (!info.regular) return lookup;
  }
  // The segments were checked, but a symlink inside the root may still point outside it.
  std::error_code ec;
  std::string canonical = fs::canonical(path, ec).string();
  if (ec || canonical.compare(0, root_.size() + 1, root_ + "/") != 0) return lookup;

  lookup.file = std::move(canonical);
  lookup.size = info.size;
  lookup.content_type = std::string(ContentTypeOf(path));
  lookup.cache_control = relative.substr(0, 7) == "assets/" && path != root_ + "/index.html"
                             ? "public, max-age=31536000, immutable"
                             : "no-cache";
  lookup.etag = ETagOf(info);
  lookup.outcome = MatchesETag(if_none_match, lookup.etag) ? Outcome::kNotModified : Outcome::kFile;
  return lookup;
}

}  // namespace socius::http
