#pragma once

// The one way a room counts its records for a monthly figure and lists the records behind
// it (docs/reports-api.md), on both backends: a room describes each indicator as a
// FigureSpec over its own tables, and these functions write the SQL.

#include <string>
#include <string_view>
#include <vector>

#include "core/figures.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::store {

struct FigureDimension {
  std::string name;        // "category"
  std::string expression;  // "x.category"
  std::string label = "";  // an expression naming the value ("p.name"), or ""
  // The expression is a comma-separated list of codes ("poverty,disability") and a record
  // belongs to every value in it. CountFigure leaves such a dimension to the room, which
  // splits the lists; ListFigureRecords finds the records whose list holds the value.
  bool list = false;
};

// One indicator over a room's tables. The main table is aliased `x` and has `community_id`;
// `where` names the month with the tokens `:start` and `:next` ("YYYY-MM-01" of the month and
// of the next), e.g. "x.contact_date >= :start AND x.contact_date < :next".
struct FigureSpec {
  std::string indicator;
  std::string from;  // "contacts x" or "contacts x JOIN ... "
  std::string where;
  // What the spec's records share with other specs over the same `from` (the month's range on
  // the date an index leads with), e.g. "x.contact_date >= :start AND x.contact_date < :next";
  // `where` then holds only what sets this spec's records apart ("" for nothing). CountFigures
  // reads the records of one `from` and `window` once for all their specs. "": `where` is all.
  std::string window = "";
  // The aggregate of a community's records: COUNT(*), SUM(expression) or
  // COUNT(DISTINCT expression) are counted together with the other specs of their window.
  std::string value = "COUNT(*)";
  std::string currency = "";  // money: the currency's expression
  std::vector<FigureDimension> dimensions;
  // The drill-down: `record_joins` add what the columns need; `record_columns` are, in order,
  // id, date (YYYY-MM-DD), number, subject kind, subject id, subject name, detail, label,
  // amount, currency, case id, confidential (0/1); `record_date` orders the list.
  std::string record_kind;
  std::string record_joins = "";
  std::string record_columns;
  std::string record_date;
};

// `where` with its month tokens turned into placeholders, their values appended to `params` in
// the order they appear: :start and :next for dates (the month's first day and the next
// month's), :start_at and :next_at for instants (the installation's first instants of those
// days). For a room's own query beside its specs.
std::string BindMonth(std::string_view where, const core::FigureQuery& query,
                      std::vector<Value>& params);

// Adds to `out` the spec's total and its breakdowns per community for `query`'s month.
core::Status CountFigure(Session& tx, const FigureSpec& spec, const core::FigureQuery& query,
                         std::vector<core::FigureCount>& out);

// The same for every spec of `specs`, reading the records of one `from` and window once for
// all their COUNT(*) and SUM figures and breakdowns (added up here from one grouping by every
// breakdown at once), once for their distinct counts, and once per breakdown of a distinct
// count.
core::Status CountFigures(Session& tx, const std::vector<FigureSpec>& specs,
                          const core::FigureQuery& query, std::vector<core::FigureCount>& out);

// The records behind the spec's figure (`query.dimension`/`value_code`/`currency` narrow
// it), newest first, at most `query.limit`.
core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    Session& tx, const FigureSpec& spec, const core::FigureRecordQuery& query);

// A room's figures are a list of specs: HasFigure, CountFigures and this are its
// report_figures.h.
bool HasFigure(const std::vector<FigureSpec>& specs, std::string_view indicator);
// ListFigureRecords of the spec named `query.indicator`;
// InvalidArgument("report.unknown_indicator") when there is none.
core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    Session& tx, const std::vector<FigureSpec>& specs, const core::FigureRecordQuery& query);

}  // namespace socius::store
