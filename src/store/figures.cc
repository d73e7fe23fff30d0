#include "store/figures.h"

#include <string>

#include "store/sql.h"

namespace socius::store {
namespace {

// `where` with its :start / :next tokens turned into placeholders, their values appended in
// the order they appear.
std::string BindMonth(std::string_view where, const core::FigureQuery& query,
                      std::vector<Value>& params) {
  std::string out;
  size_t i = 0;
  while (i < where.size()) {
    if (where.compare(i, 6, ":start") == 0) {
      out += '?';
      params.emplace_back(query.month_start);
      i += 6;
    } else if (where.compare(i, 5, ":next") == 0) {
      out += '?';
      params.emplace_back(query.next_month_start);
      i += 5;
    } else {
      out += where[i++];
    }
  }
  return out;
}

// FROM ... WHERE ... of the spec for the month, within the territory.
std::string FromWhere(const FigureSpec& spec, std::string_view extra_joins,
                      const core::FigureQuery& query, std::vector<Value>& params) {
  std::string sql = " FROM ";
  sql += spec.from;
  sql += " JOIN territories c ON c.id = x.community_id ";
  sql += extra_joins;
  sql += " WHERE (";
  sql += BindMonth(spec.where, query, params);
  sql += ") AND ";
  sql += StartsWith("c.path", query.territory_path, params);
  return sql;
}

const FigureDimension* FindDimension(const FigureSpec& spec, std::string_view name) {
  for (const FigureDimension& d : spec.dimensions) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

core::Status CountOne(Session& tx, const FigureSpec& spec, const FigureDimension* dimension,
                      const core::FigureQuery& query, std::vector<core::FigureCount>& out) {
  const std::string dim = dimension ? dimension->expression : "''";
  const std::string label = dimension && !dimension->label.empty() ? dimension->label : "''";
  const std::string currency = spec.currency.empty() ? "''" : spec.currency;
  std::vector<Value> params;
  std::string sql = "SELECT x.community_id, " + dim + ", " + label + ", " + currency + ", ";
  sql += spec.value;
  sql += FromWhere(spec, "", query, params);
  sql += " GROUP BY x.community_id";
  if (dimension) sql += ", " + dim;
  if (dimension && !dimension->label.empty()) sql += ", " + label;
  if (!spec.currency.empty()) sql += ", " + currency;
  core::Result<Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    core::FigureCount count;
    count.indicator = spec.indicator;
    if (dimension) count.dimension = dimension->name;
    count.community_id = row.Text(0);
    count.value_code = row.Text(1);
    count.label = row.Text(2);
    count.currency = row.Text(3);
    count.value = row.Int(4);
    out.push_back(std::move(count));
  }
  return core::Status::Ok();
}

}  // namespace

core::Status CountFigure(Session& tx, const FigureSpec& spec, const core::FigureQuery& query,
                         std::vector<core::FigureCount>& out) {
  if (core::Status s = CountOne(tx, spec, nullptr, query, out); !s.ok()) return s;
  for (const FigureDimension& dimension : spec.dimensions) {
    if (dimension.list) continue;
    if (core::Status s = CountOne(tx, spec, &dimension, query, out); !s.ok()) return s;
  }
  return core::Status::Ok();
}

core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    Session& tx, const FigureSpec& spec, const core::FigureRecordQuery& query) {
  std::vector<Value> params;
  std::string sql = "SELECT ";
  sql += spec.record_columns;
  sql += ", c.id, c.code, c.name, c.path";
  sql += FromWhere(spec, spec.record_joins, query.period, params);
  if (!query.dimension.empty()) {
    const FigureDimension* dimension = FindDimension(spec, query.dimension);
    if (!dimension) {
      return core::Status::InvalidArgument("report.invalid_breakdown", "dimension")
          .With("dimension", query.dimension);
    }
    sql += " AND ";
    if (dimension->list) {
      sql += "(',' || " + dimension->expression + " || ',') LIKE ? ESCAPE '!'";
      params.emplace_back(LikeContaining("," + query.value_code + ","));
    } else {
      sql += dimension->expression + " = ?";
      params.emplace_back(query.value_code);
    }
  }
  if (!query.currency.empty() && !spec.currency.empty()) {
    sql += " AND ";
    sql += spec.currency;
    sql += " = ?";
    params.emplace_back(query.currency);
  }
  const std::string& date = spec.record_date;
  if (query.after_date && query.after_id) {
    sql += " AND (" + date + " < ? OR (" + date + " = ? AND x.id < ?))";
    params.emplace_back(*query.after_date);
    params.emplace_back(*query.after_date);
    params.emplace_back(*query.after_id);
  }
  sql += " ORDER BY " + date + " DESC, x.id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit));
  core::Result<Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<core::FigureRecord> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    core::FigureRecord r;
    r.kind = spec.record_kind;
    r.id = row.Text(0);
    r.date = row.Text(1).substr(0, 10);
    r.number = row.OptText(2);
    r.subject_kind = row.OptText(3);
    r.subject_id = row.OptText(4);
    r.subject_name = row.OptText(5);
    r.detail = row.OptText(6);
    r.label = row.OptText(7);
    if (!row.IsNull(8)) r.amount_minor = row.Int(8);
    r.currency = row.OptText(9);
    r.case_id = row.OptText(10);
    r.confidential = row.Int(11) != 0;
    r.community_id = row.Text(12);
    r.community_code = row.Text(13);
    r.community_name = row.Text(14);
    r.community_path = row.Text(15);
    out.push_back(std::move(r));
  }
  return out;
}

const FigureSpec* FindFigureSpec(const std::vector<FigureSpec>& specs, std::string_view indicator) {
  for (const FigureSpec& spec : specs) {
    if (spec.indicator == indicator) return &spec;
  }
  return nullptr;
}

}  // namespace socius::store
