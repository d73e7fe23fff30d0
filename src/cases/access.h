#pragma once

// What a caller may see and do with one case (docs/cases-api.md, "Visibility and
// permissions"), decided from their grants over the case's community and the case itself.

#include "auth/principal.h"
#include "cases/model.h"
#include "cases/repository.h"

namespace socius::cases {

struct CaseAccess {
  bool summary = false;           // knows the case exists: number, state, worker, dates
  bool content = false;           // the case file: category, risk, timeline, plan, contacts
  bool confidential = false;      // confidential notes too
  bool work = false;              // may change the case file
  bool supervise = false;         // approves closures, reassigns, sees every case of the community
  bool decides_transfer = false;  // heads the community the case is being transferred to
};

CaseAccess AccessTo(const auth::Principal& who, const Case& c);

// The caller as the SQL lists see them (repository.h Viewer).
Viewer ViewerOf(const auth::Principal& who);

// The person or household a contact or a case is about, when the caller holds case.work over
// its community (registry/subjects.h); one outside that scope does not exist for them:
// InvalidArgument("case.person_not_found", "person_id") or ("case.household_not_found",
// "household_id").
core::Result<SubjectInfo> SubjectToWorkOn(store::Session& tx, const auth::Principal& who,
                                          Subject::Kind kind, const std::string& id);

}  // namespace socius::cases
