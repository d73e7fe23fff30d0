#include "assessments/report_figures.h"

#include <map>
#include <set>
#include <string>
#include <utility>

#include "assessments/model.h"
#include "cases/report_figures.h"
#include "store/figures.h"
#include "store/sql.h"

namespace socius::assessments {
namespace {

using store::FigureSpec;

// The household screenings finished in the month.
std::string ScreeningsOfTheMonth() {
  return std::string("x.questionnaire_code = '") + kScreeningCode +
         "' AND x.status = 'final' AND x.household_id IS NOT NULL AND x.finished_at >= "
         ":start_at AND x.finished_at < :next_at";
}

// A household counts once in the month however many screenings it had. The screenings of
// the month are read once for both figures.
FigureSpec ScreeningSpec(std::string indicator, std::string where) {
  FigureSpec spec;
  spec.indicator = std::move(indicator);
  spec.from = "assessments x";
  spec.window = ScreeningsOfTheMonth();
  spec.where = std::move(where);
  spec.value = "COUNT(DISTINCT x.household_id)";
  spec.record_kind = "assessment";
  spec.record_joins =
      " LEFT JOIN households h ON h.id = x.household_id LEFT JOIN persons hp ON hp.id = "
      "h.head_person_id ";
  spec.record_columns =
      "x.id, x.finished_at, NULL, 'household', x.household_id, hp.family_name || ' ' || "
      "hp.given_name, x.score_band, x.flags, NULL, NULL, x.case_id, " +
      cases::ConfidentialSql("x.case_id", "hp.id", "x.household_id");
  spec.record_date = "x.finished_at";
  return spec;
}

const std::vector<FigureSpec>& Specs() {
  static const std::vector<FigureSpec> specs = [] {
    std::vector<FigureSpec> out;
    out.push_back(ScreeningSpec("households_screened", ""));
    FigureSpec vulnerable = ScreeningSpec("households_vulnerable", "x.flags <> ''");
    vulnerable.dimensions = {{"flag", "x.flags", "", true}};
    out.push_back(std::move(vulnerable));
    return out;
  }();
  return specs;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// households_vulnerable by flag: a household with two flags counts under each.
core::Status CountByFlag(store::Session& tx, const core::FigureQuery& query,
                         std::vector<core::FigureCount>& out) {
  std::vector<store::Value> params;
  std::string sql =
      "SELECT x.community_id, x.household_id, x.flags FROM assessments x JOIN territories c ON "
      "c.id = x.community_id WHERE " +
      store::BindMonth(ScreeningsOfTheMonth(), query, params) + " AND x.flags <> '' AND ";
  sql += store::StartsWith("c.path", query.territory_path, params);
  core::Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::map<std::pair<std::string, std::string>, std::set<std::string>> households;
  for (const store::Row& row : *rows) {
    for (const std::string& flag : SplitList(row.Text(2))) {
      households[{row.Text(0), flag}].insert(row.Text(1));
    }
  }
  for (const auto& [key, ids] : households) {
    core::FigureCount count;
    count.indicator = "households_vulnerable";
    count.dimension = "flag";
    count.community_id = key.first;
    count.value_code = key.second;
    count.value = static_cast<int64_t>(ids.size());
    out.push_back(std::move(count));
  }
  return core::Status::Ok();
}

}  // namespace

bool OwnsFigure(std::string_view indicator) { return store::HasFigure(Specs(), indicator); }

core::Status CountFigures(store::Session& tx, const core::FigureQuery& query,
                          std::vector<core::FigureCount>& out) {
  SOCIUS_RETURN_IF_ERROR(store::CountFigures(tx, Specs(), query, out));
  return CountByFlag(tx, query, out);
}

core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    store::Session& tx, const core::FigureRecordQuery& query) {
  return store::ListFigureRecords(tx, Specs(), query);
}

}  // namespace socius::assessments
