#include "cases/access.h"

#include "auth/permissions.h"

namespace socius::cases {

using auth::Permission;

CaseAccess AccessTo(const auth::Principal& who, const Case& c) {
  const std::string& path = c.community_path;
  CaseAccess a;
  a.supervise = auth::Allows(who, Permission::kCaseSupervise, path);
  const bool worker = auth::Allows(who, Permission::kCaseWork, path);
  const bool assigned = c.assigned_worker.id == who.user_id;
  a.content = a.supervise || (worker && (assigned || (c.team_visibility && !c.confidential)));
  a.confidential = a.supervise || (worker && assigned);
  a.work = a.content && worker;
  a.summary = a.content || auth::Allows(who, Permission::kCaseRead, path);
  // The head of the community a case is being transferred to reads it before deciding.
  if (c.transfer_request &&
      auth::Allows(who, Permission::kCaseSupervise, c.transfer_request->to_community_path)) {
    a.summary = a.content = true;
    a.decides_transfer = true;
  }
  return a;
}

Viewer ViewerOf(const auth::Principal& who) {
  return {who.user_id, auth::ScopePaths(who, Permission::kCaseSupervise),
          auth::ScopePaths(who, Permission::kCaseWork)};
}

}  // namespace socius::cases
