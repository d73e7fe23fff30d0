// HTTP handlers for persons: parse, call persons.h, encode.
#include <memory>
#include <utility>

#include "auth/permissions.h"
#include "http/problem.h"
#include "registry/persons.h"
#include "registry/routes.h"
#include "registry/wire.h"
#include "text/normalize.h"

namespace socius::registry {

using auth::Permission;
using core::Result;
using core::Status;
using http::Json;
using http::Request;
using http::Response;

namespace {

Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }

// The hex cursor decoded, nullopt when absent; InvalidQuery("cursor") when it is not hex.
Result<std::optional<std::string>> CursorOf(const Request& request) {
  std::optional<std::string> cursor = request.QueryParam("cursor");
  if (!cursor) return std::optional<std::string>();
  std::optional<std::string> decoded = http::DecodeHexCursor(*cursor, kMaxCursorBytes);
  if (!decoded) return http::InvalidQuery("cursor");
  return decoded;
}

Result<Response> Search(Persons& persons, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  std::string q = request.QueryParam("q").value_or("");
  if (!text::IsValidUtf8(q)) return http::InvalidQuery("q");
  if (text::CodePointLength(q) > 200) {
    return Status::InvalidArgument("request.field_too_long", "q", "q too long").With("max", "200");
  }
  q.erase(0, q.find_first_not_of(" \t"));
  Result<std::optional<std::string>> after = CursorOf(request);
  if (!after.ok()) return after.status();
  Result<PersonHits> hits =
      persons.Find(*request.principal, q, after->value_or(std::string()), *limit);
  if (!hits.ok()) {
    return hits.status().field() == "cursor" ? http::InvalidQuery("cursor") : hits.status();
  }
  const core::Date today = core::Today();
  Json items = Json::array();
  for (const SearchHit& hit : hits->items) {
    Json item = EncodeHit(hit, today);
    if (hits->listed) item["match"] = "list";
    items.push_back(std::move(item));
  }
  return Response::JsonBody(
      200, Json{{"items", std::move(items)},
                {"next_cursor", hits->next ? Json(http::EncodeHexCursor(*hits->next)) : Json()}});
}

Result<Response> Get(Persons& persons, Request& request) {
  Result<Person> person = persons.Get(*request.principal, request.PathParam("id"));
  if (!person.ok()) return person.status();
  return http::WithEtag(Response::JsonBody(200, EncodePerson(*person, core::Today())),
                        person->version);
}

Json EncodeMatches(const std::vector<LikelyMatch>& matches) {
  const core::Date today = core::Today();
  Json items = Json::array();
  for (const LikelyMatch& m : matches) items.push_back(EncodeLikelyMatch(m, today));
  return items;
}

Result<Response> Matches(Persons& persons, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<PersonInput> input = ReadPersonInput(*body);
  if (!input.ok()) return input.status();
  Result<std::vector<LikelyMatch>> matches = persons.LikelyMatches(*request.principal, *input);
  if (!matches.ok()) return matches.status();
  return Response::JsonBody(200, Json{{"items", EncodeMatches(*matches)}});
}

Result<Response> Create(Persons& persons, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<std::optional<std::string>> reason = TakeDuplicateReason(*body);
  if (!reason.ok()) return reason.status();
  Result<PersonInput> input = ReadPersonInput(*body);
  if (!input.ok()) return input.status();
  std::vector<LikelyMatch> shown;
  Result<Person> person = persons.Create(*request.principal, *input, *reason, &shown);
  if (!person.ok() && person.status().code() == "person.possible_duplicate") {
    // The problem lists the persons the caller may mean, so that the form can show them.
    Response problem = http::ProblemResponse(person.status(), request.language, request.path);
    Json problem_body = Json::parse(problem.body);
    problem_body["matches"] = EncodeMatches(shown);
    problem.body = problem_body.dump();
    return problem;
  }
  if (!person.ok()) return person.status();
  Response response = Response::JsonBody(201, EncodePerson(*person, core::Today()));
  response.Header("Location", "/api/v1/persons/" + person->id);
  return http::WithEtag(std::move(response), person->version);
}

Result<Response> Update(Persons& persons, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<PersonInput> input = ReadPersonInput(*body);
  if (!input.ok()) return input.status();
  Result<Person> person =
      persons.Update(*request.principal, request.PathParam("id"), *expected, *input);
  if (!person.ok()) return person.status();
  return http::WithEtag(Response::JsonBody(200, EncodePerson(*person, core::Today())),
                        person->version);
}

Json EncodeAudit(const auth::AuditEntry& e) {
  Json detail = Json::parse(e.detail_json, nullptr, false);
  if (detail.is_discarded()) detail = Json::object();
  return Json{{"seq", e.seq},
              {"at", e.at},
              {"actor_id", OptJson(e.actor_id)},
              {"actor_username", OptJson(e.actor_username)},
              {"action", e.action},
              {"entity_type", e.entity_type},
              {"entity_id", OptJson(e.entity_id)},
              {"territory_code", OptJson(e.territory_code)},
              {"detail", std::move(detail)},
              {"hash", e.hash}};
}

Result<Response> History(Persons& persons, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  int64_t before_seq = 0;
  Result<std::optional<std::string>> cursor = CursorOf(request);
  if (!cursor.ok()) return cursor.status();
  if (*cursor) {
    try {
      before_seq = std::stoll(**cursor);
    } catch (const std::exception&) {
      before_seq = 0;
    }
    if (before_seq <= 0) return http::InvalidQuery("cursor");
  }
  Result<PersonHistoryPage> page =
      persons.History(*request.principal, request.PathParam("id"), before_seq, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const auth::AuditEntry& entry : page->items) items.push_back(EncodeAudit(entry));
  Json next = page->next_before_seq
                  ? Json(http::EncodeHexCursor(std::to_string(*page->next_before_seq)))
                  : Json();
  return Response::JsonBody(200, Json{{"items", std::move(items)}, {"next_cursor", next}});
}

}  // namespace

void RegisterRegistryRoutes(http::Router& router, store::Database& db, PersonIndex& index) {
  using http::Guard;
  auto persons = std::make_shared<Persons>(db, index);
  router.Add("GET", "/api/v1/persons", Guard::Needs(Permission::kPersonRead),
             [persons](Request& r) { return Search(*persons, r); });
  router.Add("POST", "/api/v1/persons", Guard::Needs(Permission::kPersonWrite),
             [persons](Request& r) { return Create(*persons, r); });
  router.Add("POST", "/api/v1/persons/matches", Guard::Needs(Permission::kPersonRead),
             [persons](Request& r) { return Matches(*persons, r); });
  router.Add("GET", "/api/v1/persons/{id}", Guard::Needs(Permission::kPersonRead),
             [persons](Request& r) { return Get(*persons, r); });
  router.Add("PATCH", "/api/v1/persons/{id}", Guard::Needs(Permission::kPersonWrite),
             [persons](Request& r) { return Update(*persons, r); });
  router.Add("GET", "/api/v1/persons/{id}/history", Guard::Needs(Permission::kPersonRead),
             [persons](Request& r) { return History(*persons, r); });
  RegisterHouseholdRoutes(router, db);
}

}  // namespace socius::registry
