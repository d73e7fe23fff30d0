// HTTP handlers of the reports room: parse, call reports.h, encode.
#include "reports/routes.h"

#include <memory>
#include <utility>

#include "auth/permissions.h"
#include "http/json_read.h"
#include "reports/dhis2.h"
#include "reports/files.h"
#include "reports/reports.h"
#include "reports/wire.h"

namespace socius::reports {

using auth::Permission;
using core::Result;
using core::Status;
using http::QueryText;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxCursorBytes = 256;

// The territory of the query: required.
Result<std::string> QueryTerritory(const Request& request) {
  Result<std::optional<std::string>> code = QueryText(request, "territory", 64);
  if (!code.ok()) return code.status();
  if (!*code) return http::InvalidQuery("territory");
  return **code;
}

// A month of the query: required, YYYY-MM. InvalidArgument("report.invalid_month").
Result<core::Month> QueryMonth(const Request& request, const char* name) {
  Result<std::optional<std::string>> text = QueryText(request, name, 7);
  if (!text.ok() || !*text) return Status::InvalidArgument("report.invalid_month", name);
  std::optional<core::Month> month = core::ParseMonth(**text);
  if (!month) return Status::InvalidArgument("report.invalid_month", name);
  return *month;
}

Result<Response> Monthly(Reports& reports, Request& request) {
  Result<std::string> territory = QueryTerritory(request);
  if (!territory.ok()) return territory.status();
  Result<core::Month> month = QueryMonth(request, "month");
  if (!month.ok()) return month.status();
  Result<MonthlyReport> report = reports.Monthly(*request.principal, *territory, *month);
  if (!report.ok()) return report.status();
  Response response = Response::JsonBody(200, EncodeMonthlyReport(*report));
  response.Header("Cache-Control", "no-store");
  return response;
}

Result<Response> Records(Reports& reports, Request& request) {
  RecordsRequest in;
  Result<std::string> territory = QueryTerritory(request);
  if (!territory.ok()) return territory.status();
  in.territory_code = *territory;
  Result<core::Month> month = QueryMonth(request, "month");
  if (!month.ok()) return month.status();
  in.month = *month;
  Result<std::optional<std::string>> indicator = QueryText(request, "indicator", 64);
  if (!indicator.ok()) return indicator.status();
  if (!*indicator) return Status::InvalidArgument("report.unknown_indicator", "indicator");
  in.indicator = **indicator;
  for (auto [name, into] :
       {std::pair{"dimension", &in.dimension}, std::pair{"value_code", &in.value_code},
        std::pair{"currency", &in.currency}}) {
    Result<std::optional<std::string>> text = QueryText(request, name, 128);
    if (!text.ok()) return text.status();
    if (*text) *into = **text;
  }
  if (!in.dimension.empty() && in.value_code.empty()) return http::InvalidQuery("value_code");
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  in.limit = *limit;
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  if (!after->empty()) in.cursor = *after;
  Result<RecordsPage> page = reports.Records(*request.principal, in);
  if (!page.ok()) return page.status();
  Response response =
      Response::JsonBody(200, Json{{"items", EncodeRecords(*page)},
                                   {"next_cursor", http::NextCursorJson(page->next_cursor)}});
  response.Header("Cache-Control", "no-store");
  return response;
}

Result<Response> SeriesOf(Reports& reports, Request& request) {
  Result<std::string> territory = QueryTerritory(request);
  if (!territory.ok()) return territory.status();
  Result<core::Month> to = QueryMonth(request, "to");
  if (!to.ok()) return to.status();
  const std::string months = request.QueryParam("months").value_or("12");
  if (months != "12" && months != "24") {
    return Status::InvalidArgument("report.invalid_period", "months");
  }
  Result<SeriesReport> series =
      reports.SeriesOf(*request.principal, *territory, *to, std::stoi(months));
  if (!series.ok()) return series.status();
  Response response = Response::JsonBody(200, EncodeSeries(*series));
  response.Header("Cache-Control", "no-store");
  return response;
}

Result<Response> Export(Reports& reports, Request& request) {
  Result<std::string> territory = QueryTerritory(request);
  if (!territory.ok()) return territory.status();
  Result<core::Month> month = QueryMonth(request, "month");
  if (!month.ok()) return month.status();
  std::optional<FileFormat> format = ParseFileFormat(request.QueryParam("format").value_or("csv"));
  if (!format) return http::InvalidQuery("format");
  Result<MonthlyReport> report = reports.Monthly(*request.principal, *territory, *month);
  if (!report.ok()) return report.status();
  Result<ReportFile> file = WriteMonthlyReport(*report, *format, request.principal->language);
  if (!file.ok()) return file.status();
  // Audited once the file exists: a failure to build it leaves no trace of an export.
  if (Status s = reports.AuditExport(*request.principal, *report,
                                     request.QueryParam("format").value_or("csv"));
      !s.ok()) {
    return s;
  }
  Response response;
  response.status = 200;
  response.content_type = file->content_type;
  response.body = std::move(file->bytes);
  response.Header("Content-Disposition", "attachment; filename=\"" + file->name + "\"");
  response.Header("Cache-Control", "no-store");
  return response;
}

Result<Response> GetDhis2Mapping(Dhis2& dhis2, Request& request) {
  Result<Dhis2Mapping> mapping = dhis2.GetMapping(*request.principal);
  if (!mapping.ok()) return mapping.status();
  return http::WithEtag(Response::JsonBody(200, EncodeDhis2Mapping(*mapping)), mapping->version);
}

Result<Response> PutDhis2Mapping(Dhis2& dhis2, Request& request) {
  Result<int64_t> version = http::RequiredIfMatch(request);
  if (!version.ok()) return version.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<Dhis2Mapping> mapping = ReadDhis2Mapping(*body);
  if (!mapping.ok()) return mapping.status();
  Result<Dhis2Mapping> stored = dhis2.PutMapping(*request.principal, *version, *mapping);
  if (!stored.ok()) return stored.status();
  return http::WithEtag(Response::JsonBody(200, EncodeDhis2Mapping(*stored)), stored->version);
}

Result<Response> ExportDhis2(Dhis2& dhis2, Request& request) {
  Result<std::string> territory = QueryTerritory(request);
  if (!territory.ok()) return territory.status();
  Result<core::Month> month = QueryMonth(request, "month");
  if (!month.ok()) return month.status();
  const std::string format = request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") return http::InvalidQuery("format");
  const std::string dry = request.QueryParam("dry_run").value_or("false");
  if (dry != "true" && dry != "false") return http::InvalidQuery("dry_run");
  Result<Dhis2Export> data = dhis2.Export(*request.principal, *territory, *month, dry == "true");
  if (!data.ok()) return data.status();
  if (dry == "true") return Response::JsonBody(200, EncodeDhis2DryRun(*data));
  Response response;
  response.status = 200;
  const std::string name = "dhis2-" + data->period;
  if (format == "csv") {
    response.content_type = "text/csv; charset=utf-8";
    response.body = DataValueSetCsv(*data);
    response.Header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  } else {
    response.content_type = "application/json";
    response.body = EncodeDataValueSet(*data).dump();
    response.Header("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
  }
  response.Header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterReportRoutes(http::Router& router, store::Database& db, int64_t min_cell) {
  using http::Guard;
  auto reports = std::make_shared<Reports>(db, min_cell);
  // Each route written out as router.Add("METHOD", "/path", ...), so that
  // tests/api/openapi_routes.test.js finds it in docs/openapi.yaml.
  auto to = [reports](Result<Response> (*handler)(Reports&, Request&)) {
    return [reports, handler](Request& request) { return handler(*reports, request); };
  };
  const Guard read = Guard::Needs(Permission::kReportRead);
  const Guard drill = Guard::Needs(Permission::kReportDrill);
  router.Add("GET", "/api/v1/reports/monthly", read, to(&Monthly));
  router.Add("GET", "/api/v1/reports/monthly/records", drill, to(&Records));
  router.Add("GET", "/api/v1/reports/monthly/export", read, to(&Export));
  router.Add("GET", "/api/v1/reports/series", read, to(&SeriesOf));

  auto dhis2 = std::make_shared<Dhis2>(db);
  auto with_dhis2 = [dhis2](Result<Response> (*handler)(Dhis2&, Request&)) {
    return [dhis2, handler](Request& request) { return handler(*dhis2, request); };
  };
  const Guard configure = Guard::Needs(Permission::kReportConfigure);
  router.Add("GET", "/api/v1/reports/dhis2/mapping", configure, with_dhis2(&GetDhis2Mapping));
  router.Add("PUT", "/api/v1/reports/dhis2/mapping", configure, with_dhis2(&PutDhis2Mapping));
  router.Add("GET", "/api/v1/reports/monthly/dhis2", drill, with_dhis2(&ExportDhis2));
}

}  // namespace socius::reports
