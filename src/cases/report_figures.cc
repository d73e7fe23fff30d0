#include "cases/report_figures.h"

#include <string>

#include "store/figures.h"

namespace socius::cases {
namespace {

using store::FigureDimension;
using store::FigureSpec;

// "kind, id, name" of the subject of a record whose person_id / household_id columns are on
// alias `a`, with the persons p, households h and household heads hp of SubjectJoins(a).
std::string SubjectColumns(const std::string& a) {
  return "CASE WHEN " + a + ".person_id IS NULL THEN 'household' ELSE 'person' END, COALESCE(" + a +
         ".person_id, " + a + ".household_id), COALESCE(p.family_name || ' ' || p.given_name, " +
         "hp.family_name || ' ' || hp.given_name)";
}
std::string SubjectJoins(const std::string& a) {
  return " LEFT JOIN persons p ON p.id = " + a +
         ".person_id LEFT JOIN households h ON h.id = " + a +
         ".household_id LEFT JOIN persons hp ON hp.id = h.head_person_id ";
}

FigureSpec ContactSpec(std::string indicator, std::string where,
                       std::vector<FigureDimension> dimensions = {},
                       std::string value = "COUNT(*)") {
  FigureSpec spec;
  spec.indicator = std::move(indicator);
  spec.from = "contacts x";
  // One read of the month's contacts serves every contact figure.
  spec.window = "x.contact_date >= :start AND x.contact_date < :next";
  spec.where = std::move(where);
  spec.value = std::move(value);
  spec.dimensions = std::move(dimensions);
  spec.record_kind = "contact";
  spec.record_joins = SubjectJoins("x") + " LEFT JOIN cases k ON k.id = x.case_id ";
  spec.record_columns = "x.id, x.contact_date, k.number, " + SubjectColumns("x") +
                        ", x.kind, x.reason, NULL, NULL, x.case_id, " +
                        ConfidentialSql("x.case_id", "x.person_id", "x.household_id");
  spec.record_date = "x.contact_date";
  return spec;
}

// A figure over cases, listed by `date` (a column of x).
FigureSpec CaseSpec(std::string indicator, std::string where, const std::string& date,
                    std::vector<FigureDimension> dimensions) {
  FigureSpec spec;
  spec.indicator = std::move(indicator);
  spec.from = "cases x";
  spec.where = std::move(where);
  spec.dimensions = std::move(dimensions);
  spec.record_kind = "case";
  spec.record_joins = SubjectJoins("x");
  spec.record_columns = "x.id, " + date + ", x.number, " + SubjectColumns("x") +
                        ", x.category, x.risk_level, NULL, NULL, x.id, x.confidential";
  spec.record_date = date;
  return spec;
}

const std::vector<FigureSpec>& Specs() {
  static const std::vector<FigureSpec> specs = [] {
    const FigureDimension reason{"reason", "COALESCE(x.reason, 'other')"};
    const FigureDimension category{"category", "x.category"};
    const FigureDimension risk{"risk_level", "x.risk_level"};
    std::vector<FigureSpec> out;
    out.push_back(ContactSpec("audiences", "x.kind = 'audience' AND x.status = 'done'", {reason}));
    out.push_back(
        ContactSpec("phone_calls", "x.kind = 'phone_call' AND x.status = 'done'", {reason}));
    out.push_back(ContactSpec("home_visits_done", "x.kind = 'home_visit' AND x.status = 'done'"));
    out.push_back(
        ContactSpec("home_visits_missed", "x.kind = 'home_visit' AND x.status = 'missed'"));
    out.push_back(ContactSpec("meetings",
                              "x.kind IN ('school_meeting', 'clinic_meeting', 'group_session') "
                              "AND x.status = 'done'"));
    out.push_back(ContactSpec("persons_served", "x.status = 'done' AND x.person_id IS NOT NULL", {},
                              "COUNT(DISTINCT x.person_id)"));
    out.push_back(ContactSpec("households_served",
                              "x.status = 'done' AND x.household_id IS NOT NULL", {},
                              "COUNT(DISTINCT x.household_id)"));

    out.push_back(CaseSpec("cases_opened", "x.opened_at >= :start_at AND x.opened_at < :next_at",
                           "x.opened_at", {category, risk}));
    out.push_back(CaseSpec("cases_closed",
                           "x.closed_at IS NOT NULL AND x.closed_at >= :start_at AND "
                           "x.closed_at < :next_at",
                           "x.closed_at", {category}));
    // Open on the month's last day: opened before the next month, not closed by then (a case
    // closed and reopened since counts as it stands now).
    out.push_back(
        CaseSpec("cases_active",
                 "x.opened_at < :next_at AND (x.closed_at IS NULL OR x.closed_at >= :next_at)",
                 "x.opened_at", {category, risk}));

    // Past its deadline on the month's last day and not finished by then: still open, or
    // finished (or cancelled) after the month.
    FigureSpec overdue;
    overdue.indicator = "plan_actions_overdue";
    overdue.from = "plan_actions x";
    overdue.where =
        "x.deadline < :next AND x.created_at < :next_at AND (x.status IN ('planned', "
        "'in_progress') OR x.updated_at >= :next_at)";
    overdue.dimensions = {{"agency", "x.agency"}};
    overdue.record_kind = "plan_action";
    overdue.record_joins = " JOIN cases k ON k.id = x.case_id " + SubjectJoins("k");
    overdue.record_columns = "x.id, x.deadline, k.number, " + SubjectColumns("k") +
                             ", x.agency, x.text, NULL, NULL, x.case_id, k.confidential";
    overdue.record_date = "x.deadline";
    out.push_back(std::move(overdue));

    // The answer as it stands now; a referral outside the catalogue is 'unlisted'.
    FigureSpec referrals;
    referrals.indicator = "referrals";
    referrals.from = "referrals x LEFT JOIN services s ON s.id = x.service_id";
    referrals.where = "x.referred_on >= :start AND x.referred_on < :next";
    referrals.dimensions = {{"service_type", "COALESCE(s.type, 'unlisted')"},
                            {"answer", "x.answer"}};
    referrals.record_kind = "referral";
    referrals.record_joins = " JOIN cases k ON k.id = x.case_id " + SubjectJoins("k");
    referrals.record_columns = "x.id, x.referred_on, k.number, " + SubjectColumns("k") +
                               ", x.answer, x.service, NULL, NULL, x.case_id, k.confidential";
    referrals.record_date = "x.referred_on";
    out.push_back(std::move(referrals));
    return out;
  }();
  return specs;
}

}  // namespace

std::string ConfidentialSql(std::string_view case_id, std::string_view person_id,
                            std::string_view household_id) {
  return "CASE WHEN EXISTS (SELECT 1 FROM cases kc WHERE kc.confidential = 1 AND (kc.id = " +
         std::string(case_id) + " OR kc.person_id = " + std::string(person_id) +
         " OR kc.household_id = " + std::string(household_id) + ")) THEN 1 ELSE 0 END";
}

bool OwnsFigure(std::string_view indicator) { return store::HasFigure(Specs(), indicator); }

core::Status CountFigures(store::Session& tx, const core::FigureQuery& query,
                          std::vector<core::FigureCount>& out) {
  return store::CountFigures(tx, Specs(), query, out);
}

core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    store::Session& tx, const core::FigureRecordQuery& query) {
  return store::ListFigureRecords(tx, Specs(), query);
}

}  // namespace socius::cases
