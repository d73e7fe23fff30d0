#pragma once

// The common words of reporting: each room counts its own records for a month (its
// `report_figures.h`), the reports room (src/reports/) adds them up by territory. Nothing here
// knows a room; docs/reports-api.md lists the indicators.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace socius::core {

// What is asked of a room: its figures for `month` in the communities whose territory path
// starts with `territory_path` (a subtree: '/MD/MD:13/').
struct FigureQuery {
  std::string territory_path;
  Month month;
  // "YYYY-MM-01" of `month` and of the month after: every date of the month sorts at or after
  // the first and before the second (the tokens :start and :next of a figure's SQL).
  std::string month_start;
  std::string next_month_start;
  // The instants at which those days begin in the installation's time zone: every instant of
  // the local month sorts at or after the first and before the second (:start_at, :next_at).
  // A case opened at 00:30 on 1 November in Chișinău is November's, though it is 31 October's
  // in UTC.
  std::string month_start_at;
  std::string next_month_start_at;
};
FigureQuery MakeFigureQuery(std::string territory_path, Month month);

// `month` moved by `months` (negative: earlier), across years.
Month AddMonths(Month month, int months);

// One count (or sum, or maximum) of one indicator in one community for the month asked.
struct FigureCount {
  std::string indicator;   // "cases_opened"
  std::string dimension;   // "" for the indicator's total, else "category", "reason", ...
  std::string value_code;  // the breakdown value: "child_at_risk"; "" for the total
  std::string label;       // a name to show for value_code (a programme's), else ""
  std::string currency;    // money only: "MDL"
  std::string community_id;
  int64_t value = 0;
};

// What a drill-down asks of a room: the records behind one figure, newest first.
struct FigureRecordQuery {
  FigureQuery period;
  std::string indicator;
  std::string dimension;  // "" for the total
  std::string value_code;
  std::string currency;  // "" unless money
  // Keyset position: records strictly older than (order key, id), newest first.
  std::optional<std::string> after_date;
  std::optional<std::string> after_id;
  int limit = 50;
};

// One record behind a figure, as a list shows it.
struct FigureRecord {
  std::string id;
  std::string kind;       // contact | case | assessment | referral | enrolment | application | ...
  std::string date;       // YYYY-MM-DD
  std::string order_key;  // the date or instant the list is ordered by, in full
  std::optional<std::string> number;
  std::optional<std::string> subject_kind;  // person | household
  std::optional<std::string> subject_id;
  std::optional<std::string> subject_name;
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  std::optional<std::string> detail;
  std::optional<std::string> label;
  std::optional<int64_t> amount_minor;
  std::optional<std::string> currency;
  std::optional<std::string> case_id;
  bool confidential = false;  // the subject belongs to a confidential case
};

}  // namespace socius::core
