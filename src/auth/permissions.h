#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "auth/roles.h"
#include "core/status.h"

namespace socius::auth {

// The one place that decides access. Every route goes through these.

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

}  // namespace socius::auth
