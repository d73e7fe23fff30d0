#pragma once

// The demo's own SQL: whether a database holds data, and the dates of a case moved back to the
// day its story happened (the cases room stamps "now" on an opening and on every line of the
// timeline). Only instants of the case and its timeline change; the audit log is never
// touched, so its hash chain stays whole.

#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::demo {

// Users plus persons stored.
core::Result<int64_t> CountUsersAndPersons(store::Database& db);

// The case opened on `opened` (its opening, creation and first timeline line).
core::Status BackdateOpening(store::Database& db, const std::string& case_id, core::Date opened);

// The case's timeline spread from `opened` to `last` in the order it was written, its last
// change on `last`, and its closure on `closed` when given.
core::Status BackdateTimeline(store::Database& db, const std::string& case_id, core::Date opened,
                              core::Date last, const std::optional<core::Date>& closed);

// The instants the rooms stamp as "now" on the rest of the year's work, moved back to its story
// so that the monthly report and the dashboard show a living year: a decision on the day of its
// application, a card on the day of its decision, screenings and enrolment requests spread over
// the year before `today` in the order they were made, a place taken a few days after it was
// asked for.
core::Status BackdateWork(store::Database& db, core::Date today);

}  // namespace socius::demo
