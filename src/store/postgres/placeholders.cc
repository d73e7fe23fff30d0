#include "store/postgres/placeholders.h"

#include <cctype>

namespace socius::store {
namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Length of a dollar-quote opener "$tag$" at `i`, or 0 if there is none.
size_t DollarTagLength(std::string_view sql, size_t i) {
  if (sql[i] != '$') return 0;
  size_t j = i + 1;
  if (j < sql.size() && (std::isdigit(static_cast<unsigned char>(sql[j])))) return 0;  // $1
  while (j < sql.size() && sql[j] != '$') {
    if (!IsIdentChar(sql[j])) return 0;
    ++j;
  }
  return j < sql.size() ? j - i + 1 : 0;
}

}  // namespace

std::string RewritePlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    size_t start = i;
    if (c == '\'') {
      // E'...' allows backslash escapes; a standard literal only doubles the quote.
      bool escapes =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
      ++i;
      while (i < sql.size()) {
        if (escapes && sql[i] == '\\') {
          i += 2;
          continue;
        }
        if (sql[i] == '\'') {
          if (i + 1 < sql.size() && sql[i + 1] == '\'') {
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
    } else if (c == '"') {
      ++i;
      while (i < sql.size()) {
        if (sql[i] == '"') {
          if (i + 1 < sql.size() && sql[i + 1] == '"') {
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      int depth = 0;  // PostgreSQL's block comments nest
      while (i < sql.size()) {
        if (sql.substr(i, 2) == "/*") {
          ++depth;
          i += 2;
        } else if (sql.substr(i, 2) == "*/") {
          i += 2;
          if (--depth == 0) break;
        } else {
          ++i;
        }
      }
    } else if (size_t tag = (i == 0 || !IsIdentChar(sql[i - 1])) ? DollarTagLength(sql, i) : 0;
               tag > 0) {
      std::string_view opener = sql.substr(i, tag);
      size_t close = sql.find(opener, i + tag);
      i = close == std::string_view::npos ? sql.size() : close + tag;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
      ++i;
      continue;
    } else {
      ++i;
    }
    out.append(sql.substr(start, i - start));
  }
  *count = n;
  return out;
}

std::string TakeUrlParameter(std::string_view url, std::string_view name, std::string* value) {
  value->clear();
  size_t q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, q));
  std::string_view query = url.substr(q + 1);
  std::string kept;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.starts_with(name) && part.size() > name.size() && part[name.size()] == '=') {
      *value = std::string(part.substr(name.size() + 1));
      continue;
    }
    if (part.empty()) continue;
    if (!kept.empty()) kept += '&';
    kept.append(part);
  }
  if (!kept.empty()) out += "?" + kept;
  return out;
}

}  // namespace socius::store
