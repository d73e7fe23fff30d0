#include "services/report_figures.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include "cases/report_figures.h"
#include "core/clock.h"
#include "store/figures.h"
#include "store/sql.h"

namespace socius::services {
namespace {

using store::FigureSpec;

// Waiting at the month's end: asked before it, and by then neither offered a place (a moment)
// nor, when never offered, started or ended (dates).
constexpr std::string_view kWaitingAtMonthEnd =
    "x.requested_at < :next_at AND (x.offered_at IS NULL OR x.offered_at >= :next_at) AND "
    "(x.offered_at IS NOT NULL OR COALESCE(x.started_on, x.ended_on) IS NULL OR "
    "COALESCE(x.started_on, x.ended_on) >= :next)";

FigureSpec EnrolmentSpec(std::string indicator, std::string where, std::string date) {
  FigureSpec spec;
  spec.indicator = std::move(indicator);
  spec.from = "enrolments x JOIN services s ON s.id = x.service_id";
  spec.where = std::move(where);
  spec.dimensions = {{"service_type", "s.type"}};
  spec.record_kind = "enrolment";
  spec.record_joins = " LEFT JOIN persons p ON p.id = x.person_id ";
  spec.record_columns = "x.id, " + date +
                        ", NULL, 'person', x.person_id, p.family_name || ' ' || p.given_name, "
                        "x.state, s.name, NULL, NULL, x.case_id, " +
                        cases::ConfidentialSql("x.case_id", "x.person_id", "NULL");
  spec.record_date = std::move(date);
  return spec;
}

const std::vector<FigureSpec>& Specs() {
  static const std::vector<FigureSpec> specs = [] {
    std::vector<FigureSpec> out;
    out.push_back(EnrolmentSpec("enrolments_started",
                                "x.started_on >= :start AND x.started_on < :next", "x.started_on"));
    out.push_back(EnrolmentSpec("enrolments_active",
                                "x.started_on IS NOT NULL AND x.started_on < :next AND "
                                "(x.ended_on IS NULL OR x.ended_on >= :next)",
                                "x.started_on"));
    out.push_back(EnrolmentSpec("waiting", std::string(kWaitingAtMonthEnd), "x.requested_at"));
    return out;
  }();
  return specs;
}

int64_t DaysBetween(core::Date from, core::Date to) {
  using namespace std::chrono;
  const sys_days a{year{from.year} / month{static_cast<unsigned>(from.month)} /
                   day{static_cast<unsigned>(from.day)}};
  const sys_days b{year{to.year} / month{static_cast<unsigned>(to.month)} /
                   day{static_cast<unsigned>(to.day)}};
  return (b - a).count();
}

// The longest wait per community at the month's end (or today, in the current month).
core::Status CountLongestWait(store::Session& tx, const core::FigureQuery& query, core::Date today,
                              std::vector<core::FigureCount>& out) {
  const core::Date end = std::min(core::LastDay(query.month), today);
  std::vector<store::Value> params;
  std::string sql =
      "SELECT x.community_id, MIN(x.requested_at) FROM enrolments x JOIN territories c ON c.id "
      "= x.community_id WHERE " +
      store::BindMonth(kWaitingAtMonthEnd, query, params) + " AND ";
  sql += store::StartsWith("c.path", query.territory_path, params);
  sql += " GROUP BY x.community_id";
  core::Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const store::Row& row : *rows) {
    const std::optional<core::Date> since = core::LocalDayOf(row.Text(1));  // of the request
    if (!since) continue;
    core::FigureCount count;
    count.indicator = "longest_wait_days";
    count.community_id = row.Text(0);
    count.value = std::max<int64_t>(0, DaysBetween(*since, end));
    out.push_back(std::move(count));
  }
  return core::Status::Ok();
}

}  // namespace

bool OwnsFigure(std::string_view indicator) {
  return indicator == "longest_wait_days" || store::HasFigure(Specs(), indicator);
}

core::Status CountFigures(store::Session& tx, const core::FigureQuery& query, core::Date today,
                          std::vector<core::FigureCount>& out) {
  SOCIUS_RETURN_IF_ERROR(store::CountFigures(tx, Specs(), query, out));
  return CountLongestWait(tx, query, today, out);
}

core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    store::Session& tx, const core::FigureRecordQuery& query) {
  // Behind the longest wait: the waiting list itself.
  if (query.indicator != "longest_wait_days") return store::ListFigureRecords(tx, Specs(), query);
  core::FigureRecordQuery waiting = query;
  waiting.indicator = "waiting";
  return store::ListFigureRecords(tx, Specs(), waiting);
}

}  // namespace socius::services
