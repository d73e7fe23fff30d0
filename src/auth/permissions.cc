#include "auth/permissions.h"

#include <algorithm>

namespace socius::auth {
namespace {

bool Carries(Role role, Permission permission) {
  const std::vector<Permission>& held = PermissionsOf(role);
  return std::find(held.begin(), held.end(), permission) != held.end();
}

}  // namespace

bool PathCovers(std::string_view root, std::string_view path) {
  // Paths end in '/', so a plain prefix test cannot confuse /RO/RO:10/ with /RO/RO:101/.
  // A root without its closing slash would, so it covers nothing.
  if (root.empty() || root.back() != '/') return false;
  return path.size() >= root.size() && path.substr(0, root.size()) == root;
}

bool Allows(const Principal& who, Permission permission, std::string_view territory_path) {
  return std::any_of(who.grants.begin(), who.grants.end(), [&](const RoleGrant& grant) {
    return Carries(grant.role, permission) && PathCovers(grant.territory_path, territory_path);
  });
}

bool AllowsAnywhere(const Principal& who, Permission permission) {
  return std::any_of(who.grants.begin(), who.grants.end(),
                     [&](const RoleGrant& grant) { return Carries(grant.role, permission); });
}

core::Status Require(const Principal& who, Permission permission, std::string_view territory_path) {
  if (Allows(who, permission, territory_path)) return core::Status::Ok();
  return core::Status::PermissionDenied("auth.forbidden",
                                        std::string(Name(permission)) + " not granted here");
}

std::vector<std::string> ScopePaths(const Principal& who, Permission permission) {
  std::vector<std::string> roots;
  for (const RoleGrant& grant : who.grants) {
    if (Carries(grant.role, permission) && !grant.territory_path.empty() &&
        grant.territory_path.back() == '/') {
      roots.push_back(grant.territory_path);
    }
  }
  // Shortest first, so that a root is kept only when no kept root covers it.
  std::sort(roots.begin(), roots.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  std::vector<std::string> minimal;
  for (const std::string& root : roots) {
    bool covered = std::any_of(minimal.begin(), minimal.end(),
                               [&](const std::string& kept) { return PathCovers(kept, root); });
    if (!covered) minimal.push_back(root);
  }
  return minimal;
}

bool InstallationWide(const Principal& who, Permission permission) {
  return Allows(who, permission, kInstallationRootPath);
}

}  // namespace socius::auth
