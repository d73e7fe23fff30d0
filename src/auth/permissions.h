#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "auth/roles.h"
#include "core/status.h"

namespace socius::auth {

// The one place that decides access. Every route goes through these.

// The path of the installation-wide root territory (migration 0003): a grant over it covers
// every country. The first administrator holds one.
inline constexpr std::string_view kInstallationRootPath = "/";

// True if the subtree rooted at `root` contains `path`. Both end in '/', so '/RO/RO:10/'
// covers '/RO/RO:10/RO:1017/' but not '/RO/RO:101/'; a root not ending in '/' covers nothing.
bool PathCovers(std::string_view root, std::string_view path);

// True if some grant of `who` carries `permission` over `territory_path` (the grant's path
// is a prefix of it).
bool Allows(const Principal& who, Permission permission, std::string_view territory_path);
// True if some grant carries `permission` anywhere (to show a screen, list within scope).
bool AllowsAnywhere(const Principal& who, Permission permission);
// Ok, or PermissionDenied("auth.forbidden"). Use Allows + NotFound instead where the mere
// existence of a record in another territory must not leak.
core::Status Require(const Principal& who, Permission permission, std::string_view territory_path);
// The subtree roots (paths) over which `who` holds `permission`, minimal: a path already
// covered by another is dropped. Queries filter with these in SQL (path LIKE root || '%').
std::vector<std::string> ScopePaths(const Principal& who, Permission permission);
// True if `who` holds `permission` over the whole installation (a grant over the root '/').
bool InstallationWide(const Principal& who, Permission permission);

}  // namespace socius::auth
