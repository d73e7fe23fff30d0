#pragma once

// Merging two person records into one, and undoing it exactly (docs/dedup-api.md). Runs in
// the caller's write transaction; the use cases (dedup.h) check permissions and audit.
//
// A merge keeps, in person_merges.before_merge, every column of both persons' rows, their
// identifiers, household memberships and the households they headed; and in `moved` the ids
// of every row it moved to the survivor, per table. Undo writes the rows back and moves
// exactly those rows back, so what was attached to the survivor after the merge stays.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "dedup/model.h"
#include "registry/model.h"
#include "store/database.h"

namespace socius::dedup {

// The kinds of records attached to a person that a merge moves, in display order:
// "cases", "contacts", "assessments", "enrolments", "applications", "payments".
const std::vector<std::string>& AttachedKinds();

// How many records of each kind are attached to the person.
core::Result<Attached> CountAttached(store::Session& tx, const std::string& person_id);

struct MergeOutcome {
  Merge merge;
  registry::Person survivor;  // as written
};

// Merges `merged` into `survivor` (both read by the caller at the request's versions) as
// `request` says. `by` is the user (nullopt: the system). Errors as docs/dedup-api.md, before
// anything is written or with the transaction to be rolled back.
core::Result<MergeOutcome> MergePersons(store::Session& tx, const registry::Person& survivor,
                                        const registry::Person& merged, const MergeRequest& request,
                                        const std::optional<std::string>& by);

// Undoes the merge `merge` (read with its `before` and `moved_rows`): restores both persons and
// moves back what was moved. Conflict("merge.survivor_merged"), ("merge.identifier_taken").
core::Status UndoMerge(store::Session& tx, const Merge& merge, const std::string& before,
                       const std::string& moved_rows, const std::optional<std::string>& by);

}  // namespace socius::dedup
