// HTTP handlers for providers, services and enrolments: parse, call services.h, encode.
#include "services/routes.h"

#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "auth/permissions.h"
#include "http/compress.h"
#include "http/json_read.h"
#include "services/rules.h"
#include "services/services.h"
#include "services/wire.h"

namespace socius::services {

using auth::Permission;
using core::Result;
using core::Status;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxCursorBytes = 512;

// The services maps as sent, each encoded (and compressed for clients that accept gzip, as
// browsers do) once for the map ServicesMaps drew and the day (longest_wait_days counts to
// today): the map of a region is some hundreds of kilobytes of JSON. Thread-safe.
class EncodedMaps {
 public:
  Response Of(const Request& request, const std::string& code,
              const std::shared_ptr<const ServicesMap>& map) {
    const core::Date today = core::Today();
    const bool gzip = http::AcceptsGzip(request);
    const std::string key = code + (gzip ? "\ngz" : "");
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = answers_.find(key);
      if (it != answers_.end() && it->second.map == map && it->second.day == today) {
        return it->second.response;
      }
    }
    Response response =
        http::GzipIfAccepted(request, Response::JsonBody(200, EncodeServicesMap(*map, today)));
    std::lock_guard<std::mutex> lock(mutex_);
    // Memory stays bounded whatever is asked: past kMaxBytes, everything is forgotten.
    auto it = answers_.find(key);
    if (it != answers_.end()) bytes_ -= it->second.response.body.size();
    if (bytes_ + response.body.size() > kMaxBytes) {
      answers_.clear();
      bytes_ = 0;
    }
    bytes_ += response.body.size();
    answers_.insert_or_assign(key, Answer{map, today, response});
    return response;
  }

 private:
  static constexpr size_t kMaxBytes = 32u << 20;
  struct Answer {
    std::shared_ptr<const ServicesMap> map;  // held, so that its address names it
    core::Date day;
    Response response;
  };
  std::mutex mutex_;
  std::map<std::string, Answer> answers_;
  size_t bytes_ = 0;
};

struct Rooms {
  explicit Rooms(store::Database& d) : db(d), providers(d), services(d), enrolments(d), maps(d) {}
  store::Database& db;
  Providers providers;
  Services services;
  Enrolments enrolments;
  ServicesMaps maps;
  EncodedMaps encoded_maps;
};

Result<std::string> After(const Request& request) {
  return http::ListAfter(request, kMaxCursorBytes);
}

Json Cursor(const std::optional<std::string>& next) { return http::NextCursorJson(next); }

using http::QueryEnum;
using http::QueryText;

Response WithVersion(int status, Json body, int64_t version) {
  return http::WithEtag(Response::JsonBody(status, std::move(body)), version);
}

Response Created(Json body, int64_t version, const std::string& location) {
  Response response = WithVersion(201, std::move(body), version);
  response.Header("Location", location);
  return response;
}

// --- providers ---

Result<Response> ListProviders(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = After(request);
  if (!after.ok()) return after.status();
  Result<std::optional<std::string>> territory = QueryText(request, "territory", 64);
  if (!territory.ok()) return territory.status();
  Result<std::optional<std::string>> q = QueryText(request, "q");
  if (!q.ok()) return q.status();
  Result<ProviderPage> page = r.providers.List(*request.principal, *territory, *q, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const Provider& p : page->items) items.push_back(EncodeProvider(p));
  return Response::JsonBody(200,
                            Json{{"items", std::move(items)}, {"next_cursor", Cursor(page->next)}});
}

Result<Response> CreateProvider(Rooms& r, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<ProviderInput> input = ReadProviderInput(*body, true);
  if (!input.ok()) return input.status();
  Result<Provider> p = r.providers.Create(*request.principal, *input);
  if (!p.ok()) return p.status();
  return Created(EncodeProvider(*p), p->version, "/api/v1/providers/" + p->id);
}

Result<Response> GetProvider(Rooms& r, Request& request) {
  Result<Provider> p = r.providers.Get(*request.principal, request.PathParam("id"));
  if (!p.ok()) return p.status();
  return WithVersion(200, EncodeProvider(*p), p->version);
}

Result<Response> PatchProvider(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<ProviderInput> input = ReadProviderInput(*body, false);
  if (!input.ok()) return input.status();
  Result<Provider> p =
      r.providers.Update(*request.principal, request.PathParam("id"), *expected, *input);
  if (!p.ok()) return p.status();
  return WithVersion(200, EncodeProvider(*p), p->version);
}

Result<Response> ListStaff(Rooms& r, Request& request) {
  Result<std::vector<StaffMember>> staff =
      r.providers.Staff(*request.principal, request.PathParam("id"));
  if (!staff.ok()) return staff.status();
  return Response::JsonBody(200, EncodeStaff(*staff));
}

Result<Response> AddStaff(Rooms& r, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<std::string> user = ReadStaffUser(*body);
  if (!user.ok()) return user.status();
  Result<std::vector<StaffMember>> staff =
      r.providers.AddStaff(*request.principal, request.PathParam("id"), *user);
  if (!staff.ok()) return staff.status();
  return Response::JsonBody(200, EncodeStaff(*staff));
}

Result<Response> RemoveStaff(Rooms& r, Request& request) {
  Result<std::vector<StaffMember>> staff = r.providers.RemoveStaff(
      *request.principal, request.PathParam("id"), request.PathParam("user_id"));
  if (!staff.ok()) return staff.status();
  return Response::JsonBody(200, EncodeStaff(*staff));
}

// --- services ---

Result<Response> ListServices(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = After(request);
  if (!after.ok()) return after.status();
  ServiceListQuery query;
  Result<std::optional<std::string>> territory = QueryText(request, "territory", 64);
  if (!territory.ok()) return territory.status();
  query.territory_code = *territory;
  Result<std::optional<std::string>> community = QueryText(request, "community", 64);
  if (!community.ok()) return community.status();
  query.community_code = *community;
  Result<std::optional<ServiceType>> type = QueryEnum(request, "type", &ParseServiceType);
  if (!type.ok()) return type.status();
  query.type = *type;
  Result<std::optional<std::string>> provider = QueryText(request, "provider_id", 64);
  if (!provider.ok()) return provider.status();
  query.provider_id = *provider;
  Result<std::optional<LicenceStatus>> licence = QueryEnum(request, "licence", &ParseLicenceStatus);
  if (!licence.ok()) return licence.status();
  query.licence = *licence;
  Result<std::optional<std::string>> q = QueryText(request, "q");
  if (!q.ok()) return q.status();
  query.q = *q;
  Result<ServicePage> page = r.services.List(*request.principal, query, *after, *limit);
  if (!page.ok()) return page.status();
  const core::Date today = core::Today();
  Json items = Json::array();
  for (const Service& s : page->items) items.push_back(EncodeService(s, today));
  return Response::JsonBody(200,
                            Json{{"items", std::move(items)}, {"next_cursor", Cursor(page->next)}});
}

Result<Response> CreateService(Rooms& r, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<ServiceInput> input = ReadServiceInput(*body, true);
  if (!input.ok()) return input.status();
  Result<Service> s = r.services.Create(*request.principal, *input);
  if (!s.ok()) return s.status();
  return Created(EncodeService(*s, core::Today()), s->version, "/api/v1/services/" + s->id);
}

Result<Response> GetService(Rooms& r, Request& request) {
  Result<Service> s = r.services.Get(*request.principal, request.PathParam("id"));
  if (!s.ok()) return s.status();
  return WithVersion(200, EncodeService(*s, core::Today()), s->version);
}

Result<Response> PatchService(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<ServiceInput> input = ReadServiceInput(*body, false);
  if (!input.ok()) return input.status();
  Result<Service> s =
      r.services.Update(*request.principal, request.PathParam("id"), *expected, *input);
  if (!s.ok()) return s.status();
  return WithVersion(200, EncodeService(*s, core::Today()), s->version);
}

// --- enrolments ---

Result<Response> ListEnrolments(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = After(request);
  if (!after.ok()) return after.status();
  EnrolmentListQuery query;
  Result<std::optional<std::string>> service = QueryText(request, "service_id", 64);
  if (!service.ok()) return service.status();
  query.service_id = *service;
  Result<std::optional<std::string>> person = QueryText(request, "person_id", 64);
  if (!person.ok()) return person.status();
  query.person_id = *person;
  std::optional<std::string> worker = request.QueryParam("worker");
  if (worker && *worker != "me") return http::InvalidQuery("worker");
  query.mine = worker.has_value();
  if (int(query.service_id.has_value()) + int(query.person_id.has_value()) + int(query.mine) != 1) {
    return http::InvalidQuery("service_id");
  }
  if (std::optional<std::string> state = request.QueryParam("state")) {
    if (*state == "current") {
      query.current_only = true;
    } else if (std::optional<EnrolmentState> parsed = ParseEnrolmentState(*state)) {
      query.state = *parsed;
    } else {
      return http::InvalidQuery("state");
    }
  }
  Result<EnrolmentPage> page = r.enrolments.List(*request.principal, query, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const Enrolment& e : page->items) items.push_back(EncodeEnrolment(e));
  return Response::JsonBody(200,
                            Json{{"items", std::move(items)}, {"next_cursor", Cursor(page->next)}});
}

Result<Response> Enrol(Rooms& r, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<EnrolmentInput> input = ReadEnrolmentInput(*body);
  if (!input.ok()) return input.status();
  Result<Enrolment> e = r.enrolments.Enrol(*request.principal, *input);
  if (!e.ok()) return e.status();
  return Created(EncodeEnrolment(*e), e->version, "/api/v1/enrolments/" + e->id);
}

Result<Response> GetEnrolment(Rooms& r, Request& request) {
  Result<Enrolment> e = r.enrolments.Get(*request.principal, request.PathParam("id"));
  if (!e.ok()) return e.status();
  return WithVersion(200, EncodeEnrolment(*e), e->version);
}

Result<Response> MoveEnrolment(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<EnrolmentTransition> move = ReadEnrolmentTransition(*body);
  if (!move.ok()) return move.status();
  Result<Enrolment> e =
      r.enrolments.Move(*request.principal, request.PathParam("id"), *expected, *move);
  if (!e.ok()) return e.status();
  return WithVersion(200, EncodeEnrolment(*e), e->version);
}

Result<Response> AttendanceOf(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = After(request);
  if (!after.ok()) return after.status();
  std::optional<core::Month> month = core::ParseMonth(request.QueryParam("month").value_or(""));
  if (!month) return http::InvalidQuery("month");
  Result<AttendancePage> page =
      r.enrolments.Attendance(*request.principal, request.PathParam("id"), *month, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const AttendanceRow& row : page->items) items.push_back(EncodeAttendanceRow(row, *month));
  return Response::JsonBody(200,
                            Json{{"service",
                                  {{"id", page->service.id},
                                   {"name", page->service.name},
                                   {"type", std::string(Name(page->service.type))}}},
                                 {"month", month->ToString()},
                                 {"days_in_month", core::DaysIn(*month)},
                                 // The installation's day: the last one that may be marked present.
                                 {"today", core::Today().ToString()},
                                 {"counts_days", TracksAttendance(page->service.type)},
                                 {"items", std::move(items)},
                                 {"next_cursor", Cursor(page->next)}});
}

Result<Response> RecordAttendance(Rooms& r, Request& request) {
  // No If-Match, or "0": the month has nothing recorded yet (a record written meanwhile is a
  // 409).
  int64_t expected = 0;
  const std::string if_match = request.Header("if-match");
  if (!if_match.empty() && if_match != "0" && if_match != "\"0\"") {
    Result<int64_t> version = http::RequiredIfMatch(request);
    if (!version.ok()) return version.status();
    expected = *version;
  }
  std::optional<core::Month> month = core::ParseMonth(request.PathParam("month"));
  if (!month) return Status::InvalidArgument("attendance.invalid_month", "month");
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<std::vector<int>> days = ReadAttendanceDays(*body);
  if (!days.ok()) return days.status();
  Result<AttendanceRow> row = r.enrolments.RecordAttendance(
      *request.principal, request.PathParam("id"), *month, *days, expected);
  if (!row.ok()) return row.status();
  return WithVersion(200, EncodeAttendanceRow(*row, *month), row->version);
}

Result<Response> ServicesMapOf(Rooms& r, Request& request) {
  std::optional<std::string> territory = request.QueryParam("territory");
  if (!territory || territory->empty() || territory->size() > 64) {
    return http::InvalidQuery("territory");
  }
  Result<std::shared_ptr<const ServicesMap>> map = r.maps.Of(*request.principal, *territory);
  if (!map.ok()) return map.status();
  return r.encoded_maps.Of(request, *territory, *map);
}

}  // namespace

void RegisterServiceRoutes(http::Router& router, store::Database& db) {
  using http::Guard;
  auto rooms = std::make_shared<Rooms>(db);
  // Each route written out as router.Add("METHOD", "/path", ...), so that
  // tests/api/openapi_routes.test.js finds it in docs/openapi.yaml.
  auto to = [rooms](Result<Response> (*handler)(Rooms&, Request&)) {
    return [rooms, handler](Request& request) { return handler(*rooms, request); };
  };
  const Guard read = Guard::Needs(Permission::kServiceRead);
  // A provider's staff see the providers they work for and those services, without
  // service.read (the use case decides which rows).
  const Guard read_or_staff =
      Guard::NeedsEither(Permission::kServiceRead, Permission::kProviderWork);
  const Guard manage = Guard::Needs(Permission::kServiceManage);
  const Guard work = Guard::Needs(Permission::kEnrolmentWork);
  router.Add("GET", "/api/v1/providers", read_or_staff, to(&ListProviders));
  router.Add("POST", "/api/v1/providers", manage, to(&CreateProvider));
  router.Add("GET", "/api/v1/providers/{id}", read_or_staff, to(&GetProvider));
  router.Add("PATCH", "/api/v1/providers/{id}", manage, to(&PatchProvider));
  router.Add("GET", "/api/v1/providers/{id}/staff", manage, to(&ListStaff));
  router.Add("POST", "/api/v1/providers/{id}/staff", manage, to(&AddStaff));
  router.Add("DELETE", "/api/v1/providers/{id}/staff/{user_id}", manage, to(&RemoveStaff));
  router.Add("GET", "/api/v1/services", read_or_staff, to(&ListServices));
  router.Add("POST", "/api/v1/services", manage, to(&CreateService));
  router.Add("GET", "/api/v1/services/{id}", read_or_staff, to(&GetService));
  router.Add("GET", "/api/v1/services/{id}/attendance", read_or_staff, to(&AttendanceOf));
  router.Add("GET", "/api/v1/services-map", read, to(&ServicesMapOf));
  router.Add("PATCH", "/api/v1/services/{id}", manage, to(&PatchService));
  // Listing, reading and moving enrolments: enrolment.work, service.manage for those who run
  // the service, provider.work for its staff (the use case decides which rows).
  router.Add("GET", "/api/v1/enrolments", read_or_staff, to(&ListEnrolments));
  router.Add("POST", "/api/v1/enrolments", work, to(&Enrol));
  router.Add("GET", "/api/v1/enrolments/{id}", read_or_staff, to(&GetEnrolment));
  router.Add("POST", "/api/v1/enrolments/{id}/transitions", read_or_staff, to(&MoveEnrolment));
  router.Add("PUT", "/api/v1/enrolments/{id}/attendance/{month}", read_or_staff,
             to(&RecordAttendance));
}

}  // namespace socius::services
