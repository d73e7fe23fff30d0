#include "store/figures.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "core/clock.h"
#include "store/sql.h"

namespace socius::store {
namespace {

// Everything a record of the spec satisfies: its window and its own condition.
std::string Condition(const FigureSpec& spec) {
  if (spec.window.empty()) return spec.where;
  if (spec.where.empty()) return spec.window;
  return "(" + spec.window + ") AND (" + spec.where + ")";
}

// FROM ... WHERE ... of the spec for the month, within the territory.
std::string FromWhere(const FigureSpec& spec, std::string_view extra_joins,
                      const core::FigureQuery& query, std::vector<Value>& params) {
  std::string sql = " FROM ";
  sql += spec.from;
  sql += " JOIN territories c ON c.id = x.community_id ";
  sql += extra_joins;
  sql += " WHERE (";
  sql += BindMonth(Condition(spec), query, params);
  sql += ") AND ";
  sql += StartsWith("c.path", query.territory_path, params);
  return sql;
}

// The records of the communities under the territory: a list of community ids made once per
// query, then each community's records read through its index (no look-up of the territory
// for every record counted).
std::string InTerritory(const core::FigureQuery& query, std::vector<Value>& params) {
  return "x.community_id IN (SELECT c.id FROM territories c WHERE c.level = 'community' AND " +
         StartsWith("c.path", query.territory_path, params) + ")";
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
  sql += " FROM " + spec.from + " WHERE (" + BindMonth(Condition(spec), query, params) + ") AND ";
  sql += InTerritory(query, params);
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

// How a spec's value adds up: counts and sums of a finer grouping add up to the coarser ones,
// distinct counts do not.
enum class Aggregate { kCount, kSum, kDistinct, kOther };
struct ValueOf {
  Aggregate aggregate = Aggregate::kOther;
  std::string argument;  // of SUM(...) and COUNT(DISTINCT ...)
};
ValueOf Parse(std::string_view value) {
  auto inside = [&](std::string_view prefix) -> std::optional<std::string> {
    if (value.size() > prefix.size() && value.starts_with(prefix) && value.ends_with(")")) {
      return std::string(value.substr(prefix.size(), value.size() - prefix.size() - 1));
    }
    return std::nullopt;
  };
  if (value == "COUNT(*)") return {Aggregate::kCount, ""};
  if (auto a = inside("COUNT(DISTINCT ")) return {Aggregate::kDistinct, *a};
  if (auto a = inside("SUM(")) return {Aggregate::kSum, *a};
  return {};
}

// The window shared and each spec's own condition ("": every record of the window).
std::string WindowOf(const FigureSpec& spec) {
  return spec.window.empty() ? spec.where : spec.window;
}
std::string OwnCondition(const FigureSpec& spec) { return spec.window.empty() ? "" : spec.where; }

// " FROM ... WHERE window AND (any spec's condition) AND <in the territory>" for the specs of one
// family; the month's tokens of `sql` (the select list so far) are bound first, in order.
std::string FamilySql(std::string sql, const std::vector<const FigureSpec*>& family,
                      const core::FigureQuery& query, std::vector<Value>& params) {
  const FigureSpec& first = *family.front();
  sql += " FROM " + first.from + " WHERE (" + WindowOf(first) + ")";
  std::string any;
  for (const FigureSpec* spec : family) {
    const std::string own = OwnCondition(*spec);
    if (own.empty()) {
      any.clear();
      break;
    }
    any += (any.empty() ? "(" : " OR (") + own + ")";
  }
  if (!any.empty()) sql += " AND (" + any + ")";
  std::string out = BindMonth(sql, query, params);
  out += " AND ";
  out += InTerritory(query, params);
  return out;
}

// `then` where `condition` holds, else `other` (no condition: always `then`).
std::string When(const std::string& condition, const std::string& then, const std::string& other) {
  if (condition.empty()) return then;
  return "CASE WHEN " + condition + " THEN " + then + " ELSE " + other + " END";
}

// The COUNT(*) and SUM figures of one family with all their breakdowns, from one grouping by
// the community and every breakdown (and label and currency) at once.
core::Status CountAdditive(Session& tx, const std::vector<const FigureSpec*>& family,
                           const core::FigureQuery& query, std::vector<core::FigureCount>& out) {
  std::vector<std::string> keys;
  auto key = [&](const std::string& expression) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == expression) return i;
    }
    keys.push_back(expression);
    return keys.size() - 1;
  };
  struct Dimension {
    const FigureDimension* dimension;
    size_t value;
    std::optional<size_t> label;
  };
  struct Plan {
    const FigureSpec* spec;
    ValueOf value;
    std::optional<size_t> currency;
    std::vector<Dimension> dimensions;
  };
  std::vector<Plan> plans;
  for (const FigureSpec* spec : family) {
    Plan plan{spec, Parse(spec->value), std::nullopt, {}};
    if (!spec->currency.empty()) plan.currency = key(spec->currency);
    for (const FigureDimension& d : spec->dimensions) {
      if (d.list) continue;
      plan.dimensions.push_back(
          {&d, key(d.expression), d.label.empty() ? std::nullopt : std::optional(key(d.label))});
    }
    plans.push_back(std::move(plan));
  }
  std::string select = "SELECT x.community_id";
  for (const std::string& k : keys) select += ", " + k;
  for (const Plan& plan : plans) {
    const std::string own = OwnCondition(*plan.spec);
    select += ", " + (own.empty() ? std::string("COUNT(*)") : "SUM(" + When(own, "1", "0") + ")");
    if (plan.value.aggregate == Aggregate::kSum) {
      select += ", SUM(" + When(own, plan.value.argument, "NULL") + ")";
    }
  }
  std::vector<Value> params;
  std::string sql = FamilySql(select, family, query, params);
  sql += " GROUP BY x.community_id";
  for (const std::string& k : keys) sql += ", " + k;
  core::Result<Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  // Per spec: (community, dimension, value, currency) -> (label, records, value).
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  struct Sum {
    std::string label;
    int64_t records = 0;
    int64_t value = 0;
  };
  std::vector<std::map<Key, Sum>> sums(plans.size());
  for (const Row& row : *rows) {
    const std::string community = row.Text(0);
    size_t column = 1 + keys.size();
    for (size_t p = 0; p < plans.size(); ++p) {
      const Plan& plan = plans[p];
      const int64_t records = row.Int(column++);
      const int64_t value = plan.value.aggregate == Aggregate::kSum ? row.Int(column++) : records;
      if (records == 0) continue;
      const std::string currency = plan.currency ? row.Text(1 + *plan.currency) : "";
      auto add = [&](const std::string& dimension, const std::string& code,
                     const std::string& label) {
        Sum& sum = sums[p][Key{community, dimension, code, currency}];
        sum.records += records;
        sum.value += value;
        if (!label.empty()) sum.label = label;
      };
      add("", "", "");
      for (const Dimension& d : plan.dimensions) {
        add(d.dimension->name, row.Text(1 + d.value), d.label ? row.Text(1 + *d.label) : "");
      }
    }
  }
  for (size_t p = 0; p < plans.size(); ++p) {
    for (const auto& [k, sum] : sums[p]) {
      core::FigureCount count;
      count.indicator = plans[p].spec->indicator;
      count.community_id = std::get<0>(k);
      count.dimension = std::get<1>(k);
      count.value_code = std::get<2>(k);
      count.currency = std::get<3>(k);
      count.label = sum.label;
      count.value = sum.value;
      out.push_back(std::move(count));
    }
  }
  return core::Status::Ok();
}

// The totals of one family's distinct counts, in one pass.
core::Status CountDistinct(Session& tx, const std::vector<const FigureSpec*>& family,
                           const core::FigureQuery& query, std::vector<core::FigureCount>& out) {
  std::string select = "SELECT x.community_id";
  for (const FigureSpec* spec : family) {
    select +=
        ", COUNT(DISTINCT " + When(OwnCondition(*spec), Parse(spec->value).argument, "NULL") + ")";
  }
  std::vector<Value> params;
  std::string sql = FamilySql(select, family, query, params);
  sql += " GROUP BY x.community_id";
  core::Result<Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    for (size_t s = 0; s < family.size(); ++s) {
      const int64_t value = row.Int(1 + s);
      if (value == 0) continue;
      core::FigureCount count;
      count.indicator = family[s]->indicator;
      count.community_id = row.Text(0);
      count.value = value;
      out.push_back(std::move(count));
    }
  }
  return core::Status::Ok();
}

}  // namespace

std::string BindMonth(std::string_view where, const core::FigureQuery& query,
                      std::vector<Value>& params) {
  // The longer token first: ":start_at" also begins with ":start".
  const std::pair<std::string_view, const std::string*> tokens[] = {
      {":start_at", &query.month_start_at},
      {":next_at", &query.next_month_start_at},
      {":start", &query.month_start},
      {":next", &query.next_month_start}};
  std::string out;
  size_t i = 0;
  while (i < where.size()) {
    bool bound = false;
    for (const auto& [token, value] : tokens) {
      if (where.compare(i, token.size(), token) != 0) continue;
      out += '?';
      params.emplace_back(*value);
      i += token.size();
      bound = true;
      break;
    }
    if (!bound) out += where[i++];
  }
  return out;
}

core::Status CountFigures(Session& tx, const std::vector<FigureSpec>& specs,
                          const core::FigureQuery& query, std::vector<core::FigureCount>& out) {
  // Families: the specs of one from and window, in the order first met.
  std::vector<std::vector<const FigureSpec*>> families;
  for (const FigureSpec& spec : specs) {
    auto same = [&](const std::vector<const FigureSpec*>& f) {
      return f.front()->from == spec.from && WindowOf(*f.front()) == WindowOf(spec);
    };
    auto it = std::find_if(families.begin(), families.end(), same);
    if (it == families.end()) {
      families.push_back({&spec});
    } else {
      it->push_back(&spec);
    }
  }
  for (const std::vector<const FigureSpec*>& family : families) {
    std::vector<const FigureSpec*> additive, distinct;
    for (const FigureSpec* spec : family) {
      const ValueOf value = Parse(spec->value);
      if (value.aggregate == Aggregate::kCount || value.aggregate == Aggregate::kSum) {
        additive.push_back(spec);
      } else if (value.aggregate == Aggregate::kDistinct && spec->currency.empty()) {
        distinct.push_back(spec);
        // A distinct count's breakdowns do not add up from a finer grouping: one query each.
        for (const FigureDimension& dimension : spec->dimensions) {
          if (dimension.list) continue;
          SOCIUS_RETURN_IF_ERROR(CountOne(tx, *spec, &dimension, query, out));
        }
      } else {
        SOCIUS_RETURN_IF_ERROR(CountFigure(tx, *spec, query, out));
      }
    }
    if (!additive.empty()) SOCIUS_RETURN_IF_ERROR(CountAdditive(tx, additive, query, out));
    if (!distinct.empty()) SOCIUS_RETURN_IF_ERROR(CountDistinct(tx, distinct, query, out));
  }
  return core::Status::Ok();
}

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
    r.order_key = row.Text(1);
    // A moment is shown on the day the figure counted it: its day in the installation's zone.
    const std::optional<core::Date> day = core::LocalDayOf(r.order_key);
    r.date = day ? day->ToString() : r.order_key.substr(0, 10);
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

bool HasFigure(const std::vector<FigureSpec>& specs, std::string_view indicator) {
  return std::any_of(specs.begin(), specs.end(),
                     [&](const FigureSpec& spec) { return spec.indicator == indicator; });
}

core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    Session& tx, const std::vector<FigureSpec>& specs, const core::FigureRecordQuery& query) {
  for (const FigureSpec& spec : specs) {
    if (spec.indicator == query.indicator) return ListFigureRecords(tx, spec, query);
  }
  return core::Status::InvalidArgument("report.unknown_indicator", "indicator")
      .With("indicator", query.indicator);
}

}  // namespace socius::store
