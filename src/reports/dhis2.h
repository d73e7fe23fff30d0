#pragma once

// The DHIS2 aggregate export (docs/reports-api.md): the mapping an administrator keeps
// (figure → data element and category option combination; territory → organisation unit)
// and the month's figures as a dataValueSets payload for every mapped territory.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::reports {

struct Dhis2DataElement {
  std::string indicator;
  std::string dimension;   // "" for the total
  std::string value_code;  // "" for the total
  std::string currency;    // "" unless money
  std::string data_element;
  std::string category_option_combo;
};

struct Dhis2OrgUnit {
  std::string territory_code;
  std::string org_unit;
};

struct Dhis2Mapping {
  int64_t version = 0;
  std::optional<std::string> data_set;
  std::vector<Dhis2DataElement> data_elements;
  std::vector<Dhis2OrgUnit> org_units;
};

// At most this many rows of each kind.
inline constexpr size_t kMaxMappingRows = 5000;

// A DHIS2 uid: 11 letters and digits, the first a letter.
bool IsDhis2Uid(std::string_view text);
// The shape of a mapping: known indicators and their breakdowns, a value for a breakdown and
// a currency for money (InvalidArgument("report.mapping_invalid", field)); no figure,
// territory, organisation unit or data element and combination twice
// (Conflict("report.mapping_duplicate", field)). Territories are checked when stored.
core::Status CheckMapping(const Dhis2Mapping& mapping);

struct Dhis2Value {
  std::string data_element;
  std::string org_unit;
  std::string category_option_combo;
  std::string value;  // as DHIS2 reads it: "12", money in major units "2000.00"
};

struct Dhis2Export {
  std::optional<std::string> data_set;
  std::string period;  // "202610"
  std::vector<Dhis2Value> values;
  std::vector<std::string> unmapped_figures;      // "cases_opened", "audiences/reason=housing"
  std::vector<std::string> unmapped_territories;  // territory codes
};

class Dhis2 {
 public:
  explicit Dhis2(store::Database& db) : db_(db) {}
  // report.configure over the whole installation (PermissionDenied otherwise).
  core::Result<Dhis2Mapping> GetMapping(const auth::Principal& who);
  // Replaces the mapping when `expected_version` is current (Conflict("conflict.stale_version")
  // otherwise); NotFound territories are InvalidArgument("report.mapping_invalid"). Audited
  // (report.mapping_update).
  core::Result<Dhis2Mapping> PutMapping(const auth::Principal& who, int64_t expected_version,
                                        const Dhis2Mapping& mapping);
  // The month's figures of every mapped territory under `territory_code`: report.drill over
  // it (the export is unsuppressed; NotFound("territory.not_found") outside report.read).
  // Audited (report.dhis2_export) unless `dry_run`.
  core::Result<Dhis2Export> Export(const auth::Principal& who, const std::string& territory_code,
                                   core::Month month, bool dry_run);

 private:
  store::Database& db_;
};

}  // namespace socius::reports
