#include "reports/reports.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "reports/catalogue.h"
#include "reports/collect.h"
#include "reports/suppression.h"
#include "territory/repository.h"
#include "territory/tree.h"

namespace socius::reports {
namespace {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

// One row of the table being built: a figure, its value per column (month) in the whole
// territory and in each child.
struct Row {
  const Indicator* indicator = nullptr;
  std::string dimension;
  std::string value_code;
  std::string label;
  std::string currency;
  std::vector<int64_t> total;               // per month
  std::vector<std::vector<int64_t>> child;  // [child][month]
};

using RowKey = std::tuple<std::string, std::string, std::string, std::string>;

// Adds the counts of every month into rows: every indicator's total (money: one per currency
// met), then its breakdowns in the catalogue's order, values sorted by label and code.
std::vector<Row> Tabulate(const std::vector<std::vector<core::FigureCount>>& per_month,
                          const territory::Subtree& subtree) {
  const size_t months = per_month.size();
  const size_t children = subtree.children.size();
  std::map<std::string, size_t> child_of_community;
  for (const territory::CommunityUnder& c : subtree.communities) {
    for (size_t i = 0; i < children; ++i) {
      if (subtree.children[i].code == c.child_code) child_of_community[c.community_id] = i;
    }
  }
  std::map<RowKey, Row> rows;
  auto row_of = [&](const Indicator* indicator, const core::FigureCount& count) -> Row& {
    RowKey key{count.indicator, count.dimension, count.value_code, count.currency};
    auto [it, added] = rows.try_emplace(key);
    if (added) {
      it->second.indicator = indicator;
      it->second.dimension = count.dimension;
      it->second.value_code = count.value_code;
      it->second.currency = count.currency;
      it->second.total.assign(months, 0);
      it->second.child.assign(children, std::vector<int64_t>(months, 0));
    }
    if (!count.label.empty()) it->second.label = count.label;
    return it->second;
  };
  for (size_t m = 0; m < months; ++m) {
    for (const core::FigureCount& count : per_month[m]) {
      const Indicator* indicator = FindIndicator(count.indicator);
      if (!indicator) continue;
      Row& row = row_of(indicator, count);
      auto add = [&](int64_t& into) {
        into = indicator->maximum ? std::max(into, count.value) : into + count.value;
      };
      add(row.total[m]);
      auto child = child_of_community.find(count.community_id);
      if (child != child_of_community.end()) add(row.child[child->second][m]);
    }
  }
  std::vector<Row> out;
  for (const Indicator& indicator : Indicators()) {
    std::vector<std::string> currencies;
    if (indicator.unit == Unit::kMoney) {
      for (const auto& [key, row] : rows) {
        if (std::get<0>(key) == indicator.name && std::get<1>(key).empty()) {
          currencies.push_back(std::get<3>(key));
        }
      }
    } else {
      currencies.push_back("");
    }
    for (const std::string& currency : currencies) {
      core::FigureCount total;
      total.indicator = std::string(indicator.name);
      total.currency = currency;
      out.push_back(row_of(&indicator, total));
      for (std::string_view dimension : indicator.dimensions) {
        std::vector<Row> parts;
        for (const auto& [key, row] : rows) {
          if (std::get<0>(key) == indicator.name && std::get<1>(key) == dimension &&
              std::get<3>(key) == currency) {
            parts.push_back(row);
          }
        }
        std::sort(parts.begin(), parts.end(), [](const Row& a, const Row& b) {
          return std::tie(a.label, a.value_code) < std::tie(b.label, b.value_code);
        });
        for (Row& part : parts) out.push_back(std::move(part));
      }
    }
  }
  return out;
}

// The suppressed cells of `rows` (docs/reports-api.md, "Suppression"): [row][column][month],
// column 0 the territory, 1.. its children.
std::vector<std::vector<std::vector<bool>>> Suppress(const std::vector<Row>& rows,
                                                     int64_t threshold) {
  const size_t months = rows.empty() ? 0 : rows.front().total.size();
  const size_t columns = rows.empty() ? 1 : rows.front().child.size() + 1;
  auto index = [&](size_t r, size_t c, size_t m) { return (r * columns + c) * months + m; };
  auto value = [&](const Row& row, size_t c, size_t m) {
    return c == 0 ? row.total[m] : row.child[c - 1][m];
  };
  std::vector<Cell> cells(rows.size() * columns * months);
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < columns; ++c) {
      for (size_t m = 0; m < months; ++m) {
        Cell& cell = cells[index(r, c, m)];
        cell.value = value(rows[r], c, m);
        cell.suppressed =
            rows[r].indicator->unit == Unit::kCount && BelowThreshold(cell.value, threshold);
      }
    }
  }
  // The groups that add up: a row's children to its territory; a breakdown to its total.
  std::vector<AdditiveGroup> groups;
  size_t total_row = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.dimension.empty()) total_row = r;
    if (row.indicator->maximum) continue;
    for (size_t m = 0; m < months; ++m) {
      if (columns > 1) {
        AdditiveGroup g{index(r, 0, m), {}};
        for (size_t c = 1; c < columns; ++c) g.parts.push_back(index(r, c, m));
        groups.push_back(std::move(g));
      }
    }
    const bool first_of_dimension =
        !row.dimension.empty() && rows[r - 1].dimension != row.dimension;
    if (!first_of_dimension) continue;
    for (size_t c = 0; c < columns; ++c) {
      for (size_t m = 0; m < months; ++m) {
        AdditiveGroup g{index(total_row, c, m), {}};
        for (size_t p = r; p < rows.size() && rows[p].dimension == row.dimension &&
                           rows[p].indicator == row.indicator && rows[p].currency == row.currency;
             ++p) {
          g.parts.push_back(index(p, c, m));
        }
        groups.push_back(std::move(g));
      }
    }
  }
  SuppressSecondary(cells, groups);
  // Money and the longest wait go with the count they follow, then add up again.
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.indicator->follows.empty()) continue;
    for (size_t f = 0; f < rows.size(); ++f) {
      const Row& count = rows[f];
      if (count.indicator->name != row.indicator->follows || count.dimension != row.dimension ||
          count.value_code != row.value_code) {
        continue;
      }
      for (size_t c = 0; c < columns; ++c) {
        for (size_t m = 0; m < months; ++m) {
          if (cells[index(f, c, m)].suppressed) cells[index(r, c, m)].suppressed = true;
        }
      }
    }
  }
  SuppressSecondary(cells, groups);
  std::vector<std::vector<std::vector<bool>>> out(
      rows.size(), std::vector<std::vector<bool>>(columns, std::vector<bool>(months, false)));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < columns; ++c) {
      for (size_t m = 0; m < months; ++m) out[r][c][m] = cells[index(r, c, m)].suppressed;
    }
  }
  return out;
}

Status CheckMonth(core::Month month) {
  if (month > core::MonthOf(core::Today())) {
    return Status::InvalidArgument("report.future_month", "month").With("month", month.ToString());
  }
  return Status::Ok();
}

// The territory with `code` when the caller may read its reports (else as missing).
Result<territory::Territory> ReadableTerritory(store::Session& tx, const auth::Principal* who,
                                               const std::string& code) {
  Result<territory::Territory> place = territory::FindByCode(tx, code);
  if (!place.ok()) return place.status();
  if (who && !auth::Allows(*who, Permission::kReportRead, place->path)) {
    return Status::NotFound("territory.not_found", "outside the scope").With("code", code);
  }
  return place;
}

territory::TerritoryRef RefOf(const territory::Territory& t) { return {t.code, t.name, t.level}; }

// The rows of `months` under `place`, and whether they must be suppressed.
struct Table {
  territory::Subtree subtree;
  std::vector<Row> rows;
  std::optional<std::vector<std::vector<std::vector<bool>>>> suppressed;
};

Result<Table> BuildTable(store::Session& tx, const territory::Territory& place,
                         const std::vector<core::Month>& months, bool suppress, int64_t threshold) {
  Table table;
  Result<territory::Subtree> subtree = territory::LoadSubtree(tx, place);
  if (!subtree.ok()) return subtree.status();
  table.subtree = std::move(*subtree);
  std::vector<std::vector<core::FigureCount>> per_month(months.size());
  for (size_t m = 0; m < months.size(); ++m) {
    SOCIUS_RETURN_IF_ERROR(CollectFigures(tx, place.path, months[m], per_month[m]));
  }
  table.rows = Tabulate(per_month, table.subtree);
  if (suppress) table.suppressed = Suppress(table.rows, threshold);
  return table;
}

std::optional<int64_t> Shown(const Table& table, size_t r, size_t c, size_t m, int64_t value) {
  if (table.suppressed && (*table.suppressed)[r][c][m]) return std::nullopt;
  return value;
}

// Cursor "YYYY-MM-DD|id" of the last record of a page.
std::string CursorOf(const core::FigureRecord& r) { return r.date + "|" + r.id; }

}  // namespace

Result<MonthlyReport> Reports::Build(const auth::Principal* who, const std::string& territory_code,
                                     core::Month month) {
  SOCIUS_RETURN_IF_ERROR(CheckMonth(month));
  MonthlyReport report;
  report.months = {month, core::AddMonths(month, -1), core::AddMonths(month, -12)};
  report.generated_at = core::NowUtc();
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<territory::Territory> place = ReadableTerritory(tx, who, territory_code);
    if (!place.ok()) return place.status();
    report.territory = RefOf(*place);
    report.drill_down = !who || auth::Allows(*who, Permission::kReportDrill, place->path);
    if (!report.drill_down) report.suppression_threshold = min_cell_;
    Result<Table> table = BuildTable(tx, *place, {report.months.begin(), report.months.end()},
                                     !report.drill_down, min_cell_);
    if (!table.ok()) return table.status();
    report.sub_territories = table->subtree.children;
    for (size_t r = 0; r < table->rows.size(); ++r) {
      const Row& row = table->rows[r];
      Figure f;
      f.indicator = std::string(row.indicator->name);
      f.section = std::string(row.indicator->section);
      f.unit = std::string(Name(row.indicator->unit));
      f.dimension = row.dimension;
      f.value_code = row.value_code;
      f.label = row.label;
      f.currency = row.currency;
      for (size_t m = 0; m < kColumns; ++m) f.values[m] = Shown(*table, r, 0, m, row.total[m]);
      for (size_t c = 0; c < row.child.size(); ++c) {
        Values v;
        for (size_t m = 0; m < kColumns; ++m) v[m] = Shown(*table, r, c + 1, m, row.child[c][m]);
        f.by_territory.push_back(v);
      }
      report.figures.push_back(std::move(f));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return report;
}

Result<MonthlyReport> Reports::Monthly(const auth::Principal& who,
                                       const std::string& territory_code, core::Month month) {
  return Build(&who, territory_code, month);
}

Result<MonthlyReport> Reports::MonthlyAsSystem(const std::string& territory_code,
                                               core::Month month) {
  return Build(nullptr, territory_code, month);
}

Result<SeriesReport> Reports::SeriesOf(const auth::Principal& who,
                                       const std::string& territory_code, core::Month to,
                                       int months) {
  if (months < 1 || months > kMaxSeriesMonths) {
    return Status::InvalidArgument("report.invalid_period", "months")
        .With("max", std::to_string(kMaxSeriesMonths));
  }
  SOCIUS_RETURN_IF_ERROR(CheckMonth(to));
  SeriesReport report;
  for (int i = months - 1; i >= 0; --i) report.months.push_back(core::AddMonths(to, -i));
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<territory::Territory> place = ReadableTerritory(tx, &who, territory_code);
    if (!place.ok()) return place.status();
    report.territory = RefOf(*place);
    const bool suppress = !auth::Allows(who, Permission::kReportDrill, place->path);
    if (suppress) report.suppression_threshold = min_cell_;
    Result<Table> table = BuildTable(tx, *place, report.months, suppress, min_cell_);
    if (!table.ok()) return table.status();
    for (size_t r = 0; r < table->rows.size(); ++r) {
      const Row& row = table->rows[r];
      Series s;
      s.indicator = std::string(row.indicator->name);
      s.section = std::string(row.indicator->section);
      s.unit = std::string(Name(row.indicator->unit));
      s.dimension = row.dimension;
      s.value_code = row.value_code;
      s.label = row.label;
      s.currency = row.currency;
      for (size_t m = 0; m < report.months.size(); ++m) {
        s.values.push_back(Shown(*table, r, 0, m, row.total[m]));
      }
      report.series.push_back(std::move(s));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return report;
}

Result<RecordsPage> Reports::Records(const auth::Principal& who, const RecordsRequest& request) {
  SOCIUS_RETURN_IF_ERROR(CheckMonth(request.month));
  const Indicator* indicator = FindIndicator(request.indicator);
  if (!indicator) {
    return Status::InvalidArgument("report.unknown_indicator", "indicator")
        .With("indicator", request.indicator);
  }
  if (!request.dimension.empty() &&
      std::find(indicator->dimensions.begin(), indicator->dimensions.end(), request.dimension) ==
          indicator->dimensions.end()) {
    return Status::InvalidArgument("report.invalid_breakdown", "dimension")
        .With("dimension", request.dimension);
  }
  core::FigureRecordQuery query;
  query.indicator = request.indicator;
  query.dimension = request.dimension;
  query.value_code = request.value_code;
  query.currency = request.currency;
  query.limit = request.limit + 1;
  if (request.cursor) {
    const size_t bar = request.cursor->find('|');
    if (bar != 10 || !core::ParseDate(request.cursor->substr(0, 10)) ||
        bar + 1 >= request.cursor->size()) {
      return Status::InvalidArgument("request.invalid_query", "cursor");
    }
    query.after_date = request.cursor->substr(0, 10);
    query.after_id = request.cursor->substr(bar + 1);
  }
  RecordsPage page;
  std::string territory_id;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<territory::Territory> place = ReadableTerritory(tx, &who, request.territory_code);
    if (!place.ok()) return place.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kReportDrill, place->path));
    territory_id = place->id;
    query.period = core::MakeFigureQuery(place->path, request.month);
    Result<std::vector<core::FigureRecord>> records = CollectRecords(tx, query);
    if (!records.ok()) return records.status();
    page.items = std::move(*records);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (page.items.size() > static_cast<size_t>(request.limit)) {
    page.items.resize(static_cast<size_t>(request.limit));
    page.next_cursor = CursorOf(page.items.back());
  }
  // The subject of a confidential case only for those who supervise its community.
  for (core::FigureRecord& r : page.items) {
    if (r.confidential && !auth::Allows(who, Permission::kCaseSupervise, r.community_path)) {
      r.subject_kind.reset();
      r.subject_id.reset();
      r.subject_name.reset();
    }
  }
  Json ids = Json::array();
  for (const core::FigureRecord& r : page.items) ids.push_back(r.kind + ":" + r.id);
  status = db_.Write([&](store::Session& tx) -> Status {
    return auth::AppendAudit(tx, &who,
                             {"report.drill_down", "territory", territory_id, territory_id,
                              Json{{"territory_code", request.territory_code},
                                   {"month", request.month.ToString()},
                                   {"indicator", request.indicator},
                                   {"dimension", request.dimension},
                                   {"value_code", request.value_code},
                                   {"records", ids}}
                                  .dump()});
  });
  if (!status.ok()) return status;
  return page;
}

Status Reports::AuditExport(const auth::Principal& who, const MonthlyReport& report,
                            const std::string& format) {
  return db_.Write([&](store::Session& tx) -> Status {
    Result<territory::Territory> place = territory::FindByCode(tx, report.territory.code);
    if (!place.ok()) return place.status();
    return auth::AppendAudit(tx, &who,
                             {"report.export", "territory", place->id, place->id,
                              Json{{"territory_code", report.territory.code},
                                   {"month", report.months[0].ToString()},
                                   {"format", format},
                                   {"suppressed", report.suppression_threshold.has_value()}}
                                  .dump()});
  });
}

}  // namespace socius::reports
