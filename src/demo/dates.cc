#include "demo/dates.h"

#include <algorithm>
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

core::Status BackdateWork(store::Database& db, core::Date today) {
  return db.Write([&](store::Session& tx) -> core::Status {
    const std::string decided =
        "(SELECT a.submitted_on FROM benefit_applications a WHERE a.id = "
        "benefit_decisions.application_id) || 'T08:30:00.000Z'";
    for (const std::string& sql :
         {"UPDATE benefit_decisions SET decided_at = " + decided,
          "UPDATE benefit_decisions SET second_approved_at = " + decided +
              " WHERE second_approved_at IS NOT NULL",
          std::string("UPDATE benefit_cards SET issued_at = (SELECT d.decided_at FROM "
                      "benefit_decisions d WHERE d.id = benefit_cards.decision_id)")}) {
      core::Result<int64_t> changed = tx.Exec(sql);
      if (!changed.ok()) return changed.status();
    }
    const int64_t last = DayNumber(today) - 1;
    // The day of the i-th of n records, oldest first, over the `span` days before yesterday.
    auto day_of = [&](size_t i, size_t n, int64_t span) {
      return DateOfDay(last - span + span * static_cast<int64_t>(i + 1) / static_cast<int64_t>(n));
    };
    // Each community's records in the order they were made: the i-th of its n.
    auto positions = [](const store::Rows& rows) {
      std::vector<std::pair<size_t, size_t>> out(rows.size());
      size_t first = 0;
      for (size_t i = 0; i <= rows.size(); ++i) {
        if (i < rows.size() && rows[i].Text(1) == rows[first].Text(1)) continue;
        for (size_t j = first; j < i; ++j) out[j] = {j - first, i - first};
        first = i;
      }
      return out;
    };
    core::Result<store::Rows> screenings = tx.Query(
        "SELECT id, community_id FROM assessments WHERE status = 'final' ORDER BY "
        "community_id, created_at, id");
    if (!screenings.ok()) return screenings.status();
    const std::vector<std::pair<size_t, size_t>> screening_at = positions(*screenings);
    for (size_t i = 0; i < screenings->size(); ++i) {
      const auto [nth, of] = screening_at[i];
      const std::string at = OfficeTime(day_of(nth, of, 330), 90 + 11 * i);
      core::Result<int64_t> changed = tx.Exec(
          "UPDATE assessments SET finished_at = ?, created_at = ?, updated_at = ? WHERE id = ?",
          {at, at, at, (*screenings)[i].Text(0)});
      if (!changed.ok()) return changed.status();
    }
    core::Result<store::Rows> enrolments = tx.Query(
        "SELECT id, community_id, CASE WHEN offered_at IS NULL THEN 0 ELSE 1 END, CASE WHEN "
        "started_on IS NULL THEN 0 ELSE 1 END FROM enrolments ORDER BY community_id, "
        "created_at, id");
    if (!enrolments.ok()) return enrolments.status();
    const std::vector<std::pair<size_t, size_t>> enrolment_at = positions(*enrolments);
    for (size_t i = 0; i < enrolments->size(); ++i) {
      const store::Row& row = (*enrolments)[i];
      const auto [nth, of] = enrolment_at[i];
      const core::Date asked = day_of(nth, of, 300);
      const core::Date taken = DateOfDay(std::min(DayNumber(asked) + 3, last));
      core::Result<int64_t> changed = tx.Exec(
          "UPDATE enrolments SET requested_at = ?, offered_at = ?, started_on = ? WHERE id = ?",
          {OfficeTime(asked, 30 + 13 * i),
           row.Int(2) != 0 ? store::Value(OfficeTime(taken, 30)) : store::Null(),
           row.Int(3) != 0 ? store::Value(taken.ToString()) : store::Null(), row.Text(0)});
      if (!changed.ok()) return changed.status();
    }
    return core::Status::Ok();
  });
}

}  // namespace socius::demo
