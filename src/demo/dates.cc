#include "demo/dates.h"

#include <cstdio>
#include <vector>

#include "demo/names.h"

namespace socius::demo {

namespace {

// An instant on `day` during office hours: 08:00 plus `minutes`.
std::string OfficeTime(core::Date day, int64_t minutes) {
  minutes = 8 * 60 + minutes % (9 * 60);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:00.000Z", day.year, day.month, day.day,
                static_cast<int>(minutes / 60 - 2), static_cast<int>(minutes % 60));
  return text;
}

}  // namespace

core::Result<int64_t> CountUsersAndPersons(store::Database& db) {
  int64_t count = 0;
  core::Status status = db.Read([&](store::Session& tx) {
    core::Result<store::Rows> rows =
        tx.Query("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM persons)");
    if (!rows.ok()) return rows.status();
    count = (*rows)[0].Int(0);
    return core::Status::Ok();
  });
  if (!status.ok()) return status;
  return count;
}

core::Status BackdateOpening(store::Database& db, const std::string& case_id, core::Date opened) {
  const std::string at = OfficeTime(opened, 60);
  return db.Write([&](store::Session& tx) -> core::Status {
    core::Result<int64_t> changed =
        tx.Exec("UPDATE cases SET opened_at = ?, created_at = ?, updated_at = ? WHERE id = ?",
                {at, at, at, case_id});
    if (!changed.ok()) return changed.status();
    changed = tx.Exec("UPDATE case_events SET at = ? WHERE case_id = ?", {at, case_id});
    return changed.ok() ? core::Status::Ok() : changed.status();
  });
}

core::Status BackdateTimeline(store::Database& db, const std::string& case_id, core::Date opened,
                              core::Date last, const std::optional<core::Date>& closed) {
  return db.Write([&](store::Session& tx) -> core::Status {
    core::Result<store::Rows> rows =
        tx.Query("SELECT id FROM case_events WHERE case_id = ? ORDER BY at, id", {case_id});
    if (!rows.ok()) return rows.status();
    const int64_t first = DayNumber(opened);
    const int64_t span = DayNumber(last) - first;
    const int64_t n = static_cast<int64_t>(rows->size());
    for (int64_t i = 0; i < n; ++i) {
      const int64_t day = first + (n > 1 ? span * i / (n - 1) : 0);
      core::Result<int64_t> changed = tx.Exec(
          "UPDATE case_events SET at = ? WHERE id = ?",
          {OfficeTime(DateOfDay(day), 60 + 7 * i), (*rows)[static_cast<size_t>(i)].Text(0)});
      if (!changed.ok()) return changed.status();
    }
    const std::string updated = OfficeTime(last, 60 + 7 * n);
    core::Result<int64_t> changed =
        tx.Exec("UPDATE cases SET updated_at = ? WHERE id = ?", {updated, case_id});
    if (!changed.ok()) return changed.status();
    if (closed) {
      changed = tx.Exec("UPDATE cases SET closed_at = ? WHERE id = ? AND closed_at IS NOT NULL",
                        {updated, case_id});
      if (!changed.ok()) return changed.status();
    }
    return core::Status::Ok();
  });
}

}  // namespace socius::demo
