#include "cases/access.h"

#include "auth/permissions.h"
#include "registry/subjects.h"

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

core::Result<SubjectInfo> SubjectToWorkOn(store::Session& tx, const auth::Principal& who,
                                          Subject::Kind kind, const std::string& id) {
  const bool person = kind == Subject::Kind::kPerson;
  const std::vector<std::string> scope = auth::ScopePaths(who, Permission::kCaseWork);
  core::Result<registry::SubjectPlace> place =
      person ? registry::PersonPlace(tx, id, scope) : registry::HouseholdPlace(tx, id, scope);
  if (!place.ok()) {
    if (place.status().kind() != core::StatusKind::kNotFound) return place.status();
    return core::Status::InvalidArgument(
        person ? "case.person_not_found" : "case.household_not_found",
        person ? "person_id" : "household_id");
  }
  SubjectInfo info;
  info.subject = {kind, id, place->name};
  info.community_id = place->community_id;
  info.community_code = place->community_code;
  info.community_path = place->community_path;
  info.birth_date = place->birth_date;
  return info;
}

}  // namespace socius::cases
