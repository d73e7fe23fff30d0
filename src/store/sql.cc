#include "store/sql.h"

namespace socius::store {

std::string ScopeFilter(std::string_view path_column, const std::vector<std::string>& roots,
                        std::vector<Value>& params) {
  for (const std::string& root : roots) {
    if (root == "/") return "1 = 1";
  }
  std::string sql;
  for (const std::string& root : roots) {
    if (root.empty() || root.back() != '/') continue;
    sql += sql.empty() ? "(" : " OR ";
    sql += StartsWith(path_column, root, params);
  }
  return sql.empty() ? "1 = 0" : sql + ")";
}

std::string StartsWith(std::string_view column, const std::string& prefix,
                       std::vector<Value>& params) {
  params.emplace_back(prefix);
  params.emplace_back(prefix);
  return "substr(" + std::string(column) + ", 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT)";
}

std::string EscapeLike(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out;
}

std::string LikeContaining(std::string_view text) { return "%" + EscapeLike(text) + "%"; }

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

Value OptValue(const std::optional<std::string>& text) { return text ? Value(*text) : Null(); }

core::Status StaleUnlessOne(const core::Result<int64_t>& changed) {
  if (!changed.ok()) return changed.status();
  if (*changed != 1) return core::Status::Conflict("conflict.stale_version");
  return core::Status::Ok();
}

}  // namespace socius::store
