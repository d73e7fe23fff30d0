#pragma once

// The reports room's answers as JSON (docs/reports-api.md).

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "reports/dhis2.h"
#include "reports/model.h"

namespace socius::reports {

using Json = nlohmann::json;

Json EncodeMonthlyReport(const MonthlyReport& report);
Json EncodeSeries(const SeriesReport& report);
// The items of a records page (the routes add next_cursor).
Json EncodeRecords(const RecordsPage& page);

// The DHIS2 mapping: {"data_set","data_elements":[...],"org_units":[...]} (strict fields; the
// version comes from If-Match).
core::Result<Dhis2Mapping> ReadDhis2Mapping(const Json& body);
Json EncodeDhis2Mapping(const Dhis2Mapping& mapping);
// DHIS2's dataValueSets JSON, and its CSV import file.
Json EncodeDataValueSet(const Dhis2Export& data);
std::string DataValueSetCsv(const Dhis2Export& data);
// The dry run: what would be sent, what is not mapped.
Json EncodeDhis2DryRun(const Dhis2Export& data);

}  // namespace socius::reports
