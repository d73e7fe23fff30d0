#include "territory/tree.h"

#include <set>

#include "store/sql.h"

namespace socius::territory {

core::Result<Subtree> LoadSubtree(store::Session& tx, const Territory& territory) {
  std::vector<store::Value> params;
  std::string sql = "SELECT id, path FROM territories WHERE level = 'community' AND ";
  sql += store::StartsWith("path", territory.path, params);
  core::Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  Subtree out;
  std::set<std::string> child_codes;
  for (const store::Row& row : *rows) {
    const std::string path = row.Text(1);
    CommunityUnder c;
    c.community_id = row.Text(0);
    c.path = path;
    // The path segment after the territory's own: "/MD/MD:13/MD:1301/" under "/MD/" → MD:13.
    if (path.size() > territory.path.size()) {
      const size_t end = path.find('/', territory.path.size());
      c.child_code = path.substr(territory.path.size(), end - territory.path.size());
      child_codes.insert(c.child_code);
    }
    out.communities.push_back(std::move(c));
  }
  if (child_codes.empty()) return out;
  std::vector<store::Value> child_params = {territory.id};
  core::Result<store::Rows> children = tx.Query(
      "SELECT code, name, level FROM territories WHERE parent_id = ? ORDER BY sort_key, code",
      child_params);
  if (!children.ok()) return children.status();
  for (const store::Row& row : *children) {
    if (!child_codes.contains(row.Text(0))) continue;
    TerritoryRef ref;
    ref.code = row.Text(0);
    ref.name = row.Text(1);
    ref.level = ParseLevel(row.Text(2)).value_or(Level::kCommunity);
    out.children.push_back(std::move(ref));
  }
  return out;
}

}  // namespace socius::territory
